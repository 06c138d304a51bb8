#!/usr/bin/env bash
# Restore speed side by side in one run on the same data: `spinel restore` of an uncompressed and
# of a gzip backup (the whole command: JVM start, checksum, stopping the node, placing the data,
# starting it, loading, key-count check) against a plain redis-server loading the same RDB, timed
# from its start until INFO persistence says loading:0.
#
# Usage: bench/restore-vs-load.sh [keys] [runs]   (defaults 1000000 keys of 100 bytes, 3 runs; medians)
# Needs: a JDK 21+, redis-server and redis-cli on PATH. Stops everything it started by PID.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
spinel="$root/bin/spinel"
keys="${1:-1000000}"
runs="${2:-3}"
work="$(mktemp -d)"
project="$work/project"
plain_pid=""

cleanup() {
  stop_pid "$plain_pid"
  "$spinel" down --purge --dir "$project" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

port="$(free_port 18479)"
plain_port="$(free_port $((port + 1)))"

"$spinel" up --mode standalone --port-base "$port" --dir "$project" --no-console >/dev/null 2>&1
export REDISCLI_AUTH
REDISCLI_AUTH="$("$spinel" secret --dir "$project")"

echo "loading $keys keys of 100 random bytes..." >&2
random_sets "$keys" | redis-cli -p "$port" --pipe >/dev/null

backup_id() { "$spinel" backup --dir "$project" "$@" | sed -n 's/^Backup \([^:]*\):.*/\1/p'; }
plain_id="$(backup_id --compress none)"
gzip_id="$(backup_id --compress gzip)"
rdb="$project/backups/$plain_id/$(ls "$project/backups/$plain_id" | grep '\.rdb$')"
echo "backups: $plain_id (none), $gzip_id (gzip); RDB $(( $(stat -c %s "$rdb") / 1048576 )) MiB" >&2

now_ms() { echo $(($(date +%s%N) / 1000000)); }

plain_load() {
  local dir="$work/plain" start
  rm -rf "$dir"; mkdir -p "$dir"; cp "$rdb" "$dir/dump.rdb"; sync
  start="$(now_ms)"
  redis-server --port "$plain_port" --bind 127.0.0.1 --dir "$dir" --dbfilename dump.rdb --appendonly no --save "" \
    --logfile "$dir/redis.log" &
  plain_pid=$!
  # Polled on one connection: a redis-cli (and a grep) started every 10 ms for the whole load took
  # enough of the 2 cores to slow the load itself by about 15% (1.9 against 1.7 s at 1M keys),
  # which flattered the restore. Redis answers INFO while it loads, from the moment it listens.
  # This runs in $(...): the exit trap never sees plain_pid, so every way out stops the server here.
  until env -u REDISCLI_AUTH redis-cli -p "$plain_port" info server >/dev/null 2>&1; do
    kill -0 "$plain_pid" 2>/dev/null || { echo "the plain redis-server exited at start; see $dir/redis.log" >&2; exit 1; }
    sleep 0.01
  done
  # The time is taken as the line is seen: redis-cli itself ends only at its next write after that.
  { env -u REDISCLI_AUTH redis-cli -p "$plain_port" -r -1 -i 0.01 info persistence 2>/dev/null || true; } |
    { grep -q -m1 '^loading:0' && now_ms > "$work/plain.ready"; } ||
    { echo "the plain redis-server stopped answering before it had loaded; see $dir/redis.log" >&2
      stop_pid "$plain_pid"; exit 1; }
  echo $(($(cat "$work/plain.ready") - start))
  stop_pid "$plain_pid"; plain_pid=""
}

timed() { local start; start="$(now_ms)"; "$@" >/dev/null 2>&1; echo $(($(now_ms) - start)); }

declare -A times
methods=("plain-redis-server-load" "spinel-restore-uncompressed" "spinel-restore-gzip")
for run in $(seq 1 "$runs"); do
  # Each run starts one method further along the list, as bench/backup-vs-classic.sh does: where a
  # method stands in a run moves its time.
  for step in "${!methods[@]}"; do
    method="${methods[$(( (step + run - 1) % ${#methods[@]} ))]}"
    # No method pays for another's writes: what the last one wrote (a gigabyte at 10M keys: the
    # plain load's copy, the gzip restore's RDB) is on disk before the next is timed.
    sync
    case "$method" in
      plain-redis-server-load) t="$(plain_load)" ;;
      spinel-restore-uncompressed) t="$(timed "$spinel" restore --dir "$project" "$plain_id" --force)" ;;
      spinel-restore-gzip) t="$(timed "$spinel" restore --dir "$project" "$gzip_id" --force)" ;;
    esac
    [ "$(redis-cli -p "$port" dbsize)" = "$keys" ] || { echo "$method: the node does not hold $keys keys" >&2; exit 1; }
    times[$method]+="$t "
    echo "run $run $method: $t ms" >&2
  done
  rm -rf "$project/restore"   # the safety copies of earlier runs
done

# The machine's speed drifts between runs more than within one: each run's time is also divided by
# the same run's plain load, and the median of those ratios reported beside the ratio of medians.
per_run_ratio() {
  local -a mine plain
  read -r -a mine <<<"${times[$1]}"
  read -r -a plain <<<"${times[plain-redis-server-load]}"
  for i in "${!mine[@]}"; do awk -v a="${mine[$i]}" -v b="${plain[$i]}" 'BEGIN { printf "%.3f\n", a / b }'; done |
    sort -n | awk '{ r[NR] = $1 } END { print (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }'
}

echo
echo "$keys keys of 100 bytes, median of $runs runs, $(nproc) cores, $(redis-server --version | cut -d' ' -f3):"
echo "| method | ms | / plain load | median of each run's ratio |"
echo "|---|---|---|---|"
base="$(tr ' ' '\n' <<<"${times[plain-redis-server-load]}" | grep . | median)"
for method in "${methods[@]}"; do
  t="$(tr ' ' '\n' <<<"${times[$method]}" | grep . | median)"
  awk -v m="$method" -v t="$t" -v b="$base" -v r="$(per_run_ratio "$method")" \
    'BEGIN { printf "| %s | %d | %.2f | %.2f |\n", m, t, t / b, r }'
done

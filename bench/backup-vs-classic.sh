#!/usr/bin/env bash
# Backup speed and the node's memory, side by side in one run on the same data: `spinel backup`
# (streamed over the replication protocol; once as bare as redis-cli --rdb: uncompressed, no
# verification load; once as shipped: gzip and a verification load), `redis-cli --rdb`, and BGSAVE
# plus a copy of dump.rdb. Peak memory is the node's proportional set size plus its forked child's
# (PSS: pages shared copy-on-write are counted once), sampled every 100 ms, against the node's before.
# The topology is a primary with one replica; `spinel backup --from replica` (the default in Sentinel
# and Cluster mode) streams from the replica, and so does `redis-cli --rdb` in one more row, so that
# each side is also compared from the same node. (Memory is the primary's in every row.) One row asks
# the project's console (`spinel serve`, which `spinel up` starts) for the same backup from the
# replica over its API: a backup without a JVM to start.
# With "load", redis-benchmark overwrites random existing keys throughout (SET -P 16), which is what
# makes a fork's copy-on-write cost memory.
#
# Usage: bench/backup-vs-classic.sh [keys] [runs] [load]   (defaults 1000000 keys of 100 bytes, 3 runs; medians)
# Needs: a JDK 21+, redis-server, redis-cli, redis-benchmark and curl on PATH. Stops everything it started by PID.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
spinel="$root/bin/spinel"
keys="${1:-1000000}"
runs="${2:-3}"
under_load="${3:-}"
with_scratch_project

port="$(free_port 18379)"
console_port="$(free_port 19121)"
console="http://127.0.0.1:$console_port"

# `spinel down --purge` (the scratch project's cleanup) stops the console with the nodes.
"$spinel" up --mode replication --replicas 1 --port-base "$port" --dir "$project" --console-port "$console_port" >/dev/null 2>&1
for _ in $(seq 1 300); do curl -sf -o /dev/null "$console/api/backups" && break; sleep 0.1; done
curl -sf -o /dev/null "$console/api/backups" || { echo "the console did not answer on $console" >&2; exit 1; }
export REDISCLI_AUTH
REDISCLI_AUTH="$("$spinel" secret --dir "$project")"
node_pid="$(sed -n 's/^pid=//p' "$project/nodes/redis-$port/process")"
node_dir="$project/nodes/redis-$port/data"
replica_port="$(ls "$project/nodes" | sed -n "s/^redis-//p" | grep -vx "$port")"

echo "loading $keys keys of 100 random bytes (hex, so LZF cannot shrink them much)..." >&2
random_sets "$keys" | redis-cli -p "$port" --pipe >/dev/null
redis-cli -p "$port" dbsize >&2
if [ "$under_load" = load ]; then
  # No automatic AOF rewrite in the middle of a measurement: its fork would be counted against whichever method ran.
  redis-cli -p "$port" config set auto-aof-rewrite-percentage 0 >/dev/null
  redis-benchmark -p "$port" -a "$REDISCLI_AUTH" -t set -r "$keys" -d 100 -P 16 -n 2000000000 -q >/dev/null 2>&1 &
  load_pid=$!
  echo "overwriting random keys throughout (redis-benchmark pid $load_pid)" >&2
fi

# The sampler forks nothing (bash builtins only, every 100 ms): a sampler that forks pgrep and awk
# every few milliseconds takes a good part of one of the 2 cores from whatever is being measured.
# Sets rss to the proportional set size of the node and its children (its fork), in KiB.
sample_rss() {
  local pid key value kids=""
  rss=0
  read -r kids < "/proc/$node_pid/task/$node_pid/children" 2>/dev/null || true
  for pid in "$node_pid" $kids; do
    # A fork may exit between listing and reading: then it counts nothing.
    { while read -r key value _; do
        if [ "$key" = "Pss:" ]; then rss=$((rss + value)); break; fi
      done < "/proc/$pid/smaps_rollup"; } 2>/dev/null || true
  done
}

# Runs "$@" while a sampler alongside records the memory peak; prints "millis peak_kib". The command
# is timed in the foreground, so its time does not depend on the sampler's period.
measure() {
  local start end sampler
  sample_rss
  echo "$rss" > "$work/peak"
  ( peak=0
    while :; do
      sample_rss
      if [ "$rss" -gt "$peak" ]; then peak="$rss"; echo "$peak" > "$work/peak"; fi
      sleep 0.1
    done ) &
  sampler=$!
  start=$(($(date +%s%N) / 1000000))
  "$@" >/dev/null 2>"$work/stderr" || { kill "$sampler"; echo "failed: $*: $(cat "$work/stderr")" >&2; return 1; }
  end=$(($(date +%s%N) / 1000000))
  kill "$sampler"
  wait "$sampler" 2>/dev/null || true
  echo "$((end - start)) $(cat "$work/peak")"
}

# INFO persistence of the node on port $1 (the primary by default).
persistence() { redis-cli -p "${1:-$port}" info persistence | tr -d '\r'; }

# The backup of spinel-from-replica, asked of the running console; fails, with the console's
# answer on stderr, when that is not 201.
console_backup() {
  local status
  status="$(curl -s -o "$work/console-reply" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d '{"compress": "none", "verify": false, "from": "replica"}' "$console/api/backups")"
  [ "$status" = 201 ] || { echo "console answered $status: $(cat "$work/console-reply")" >&2; return 1; }
}

bgsave_copy() {
  local before info
  before="$(persistence | sed -n 's/^rdb_saves://p')"
  redis-cli -p "$port" bgsave >/dev/null
  # Done when rdb_saves (Redis 7.0+) has moved on and no save is running any more.
  while :; do
    info="$(persistence)"
    [ "$(sed -n 's/^rdb_saves://p' <<<"$info")" != "$before" ] && grep -q '^rdb_bgsave_in_progress:0' <<<"$info" && break
    sleep 0.02
  done
  cp "$node_dir/dump.rdb" "$work/bgsave.rdb"
}

# Each method starts with no fork running on either node (AOF rewrites, a previous sync, or the
# replica's rewrite after its own sync: at 10M keys that took a core for most of a minute and
# doubled the first methods' times) and with the replica's link up.
idle() {
  local p
  for p in "$port" "$replica_port"; do
    while persistence "$p" | grep -Eq '^(rdb_bgsave_in_progress|aof_rewrite_in_progress):1'; do sleep 0.05; done
  done
  until redis-cli -p "$replica_port" info replication | grep -q '^master_link_status:up'; do sleep 0.05; done
  # A precaution (not measured to matter): at 10M keys every method writes a GB, and the last
  # method's (or the AOF rewrite's) pages still going to disk could slow whichever came next.
  sync
}

# The first snapshot after loading is slower whatever takes it (at 10M keys a redis-cli --rdb
# took 49.5 s first and 33.4 s later in the same run): one is taken and thrown away.
idle
redis-cli -p "$port" --rdb "$work/first.rdb" >/dev/null 2>&1
rm -f "$work/first.rdb"

sample_rss
base_rss="$rss"
# Full syncs the primary has served (INFO stats sync_full): one for each snapshot streamed from it,
# and one more each time its replica fell too far behind (past the replica output buffer limit)
# and had to be resynced, which forks the primary even in a row that streams from the replica.
full_syncs() { redis-cli -p "$port" info stats | tr -d '\r' | sed -n 's/^sync_full://p'; }

# Sets $result to "millis peak_kib" for one method; fails when the method does.
run_method() {
  case "$1" in
    spinel-bare) result="$(measure "$spinel" backup --dir "$project" --compress none --no-verify --from primary)" ;;
    spinel-default) result="$(measure "$spinel" backup --dir "$project")" ;;
    spinel-from-replica) result="$(measure "$spinel" backup --dir "$project" --compress none --no-verify --from replica)" ;;
    console-from-replica) result="$(measure console_backup)" ;;
    redis-cli-rdb) result="$(measure redis-cli -p "$port" --rdb "$work/cli.rdb")" ;;
    redis-cli-rdb-replica) result="$(measure redis-cli -p "$replica_port" --rdb "$work/cli-replica.rdb")" ;;
    bgsave-copy) result="$(measure bgsave_copy)" ;;
  esac
}

declare -A times peaks syncs
methods=("spinel-bare" "spinel-default" "spinel-from-replica" "console-from-replica" "redis-cli-rdb" "redis-cli-rdb-replica"
  "bgsave-copy")
for run in $(seq 1 "$runs"); do
  # Each run starts one method further along the list, so that no method always follows the same
  # one: where a method stands matters (in 14 pairs of the console's backup and redis-cli --rdb,
  # each pair's order alternating, the second of the pair was the faster 11 times).
  for step in "${!methods[@]}"; do
    method="${methods[$(( (step + run - 1) % ${#methods[@]} ))]}"
    idle
    syncs_before="$(full_syncs)"
    if ! run_method "$method"; then
      # Under the load the primary can drop its replica (lagging past its output buffer limit)
      # between idle's check and the backup's own look; a backup from the replica then refuses,
      # rightly. Such a method runs again, once, after the replica's link is back.
      echo "run $run $method: once more, after the replica's link is back" >&2
      idle
      syncs_before="$(full_syncs)"
      run_method "$method"
    fi
    times[$method]+="${result% *} "
    peaks[$method]+="${result#* } "
    syncs[$method]=$(( ${syncs[$method]:-0} + $(full_syncs) - syncs_before ))
    echo "run $run $method: ${result% *} ms, peak ${result#* } KiB, full syncs by the primary $(( $(full_syncs) - syncs_before ))" >&2
  done
done

rdb_bytes="$(stat -c %s "$work/cli.rdb")"
echo
echo "$keys keys of 100 bytes (RDB $((rdb_bytes / 1048576)) MiB), ${under_load:+overwritten throughout, }median of $runs runs, $(nproc) cores, $(redis-server --version | cut -d' ' -f3):"
echo "| method | ms | node memory peak / before | the primary's full syncs, all runs |"
echo "|---|---|---|---|"
for method in "${methods[@]}"; do
  t="$(tr ' ' '\n' <<<"${times[$method]}" | grep . | median)"
  p="$(tr ' ' '\n' <<<"${peaks[$method]}" | grep . | median)"
  awk -v m="$method" -v t="$t" -v p="$p" -v b="$base_rss" -v s="${syncs[$method]}" \
    'BEGIN { printf "| %s | %d | %.2f | %d |\n", m, t, p / b, s }'
done

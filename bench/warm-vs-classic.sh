#!/usr/bin/env bash
# Cache warming speed, side by side in one run on one 3-shard cluster (3 primaries, 3 replicas):
# `spinel warm` loading N entries of 100 bytes from a JSON-lines file; a naive loader that sends
# one SET per round trip (redis-cli -c reading commands from stdin, as a script would; timed on
# a tenth of the entries, its rate is per second); and redis-benchmark --cluster SET -P 64 over
# the same key range, the cluster's own limit. Prints keys/s and the ratio to the limit, and where
# the CPU went: the loader's own (user + system, the whole command) and the six nodes' together,
# both in CPU-seconds per million keys. On a machine where the nodes and the loader share the cores,
# the CPU the loader takes is CPU the nodes do not get: that is what the ratio measures.
#
# Usage: bench/warm-vs-classic.sh [entries] [runs]   (defaults 1000000, 3; medians)
# Needs: a JDK 21+, redis-server, redis-cli and redis-benchmark on PATH, python3. Stops everything it started.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
spinel="$root/bin/spinel"
entries="${1:-1000000}"
runs="${2:-3}"
with_scratch_project

port="$(free_port 17300)"
"$spinel" up --mode cluster --port-base "$port" --dir "$project" --no-console >/dev/null
export REDISCLI_AUTH
REDISCLI_AUTH="$("$spinel" secret --dir "$project")"

echo "writing $entries entries..." >&2
python3 - "$work/entries.jsonl" "$work/naive.txt" "$entries" <<'PY'
import random, sys
random.seed(7)
n = int(sys.argv[3])
with open(sys.argv[1], "w") as jsonl, open(sys.argv[2], "w") as naive:
    for i in range(n):
        key, value = "key:%012d" % i, "%0100x" % random.getrandbits(400)
        jsonl.write('{"key":"%s","value":"%s"}\n' % (key, value))
        if i < n // 10:
            naive.write("SET %s %s\n" % (key, value))
PY

millis() { echo $(($(date +%s%N) / 1000000)); }

# CPU time, in clock ticks, used so far by the six nodes together (utime + stime of each).
node_pids="$(sed -n 's/^pid=//p' "$project"/nodes/*/process)"
nodes_ticks() {
  local pid stat total=0
  for pid in $node_pids; do
    read -r stat < "/proc/$pid/stat"
    set -- ${stat##*) }
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
ticks_per_second="$(getconf CLK_TCK)"

# Runs "$@" with stdout to $out, and sets $loader_cpu (the command's user + system CPU, ms) and
# $nodes_cpu (the nodes' CPU meanwhile, ms); both per million keys of $1 (the keys it loads).
with_cpu() {
  local keys="$1" before times
  shift
  before="$(nodes_ticks)"
  times="$( { TIMEFORMAT='%3U %3S'; time "$@" > "$out" 2>/dev/null; } 2>&1 )"
  nodes_cpu=$(( ($(nodes_ticks) - before) * 1000 / ticks_per_second * 1000000 / keys ))
  loader_cpu="$(awk -v t="$times" -v k="$keys" 'BEGIN { split(t, a, " "); printf "%d", (a[1] + a[2]) * 1000 * 1000000 / k }')"
}

# Every method starts from empty primaries with no AOF rewrite running (a rewrite's fork would be
# counted against whichever method ran next). FLUSHALL goes to every node: replicas refuse it.
no_fork_running() {
  local p
  for p in $(seq "$port" $((port + 5))); do
    while redis-cli -p "$p" info persistence | tr -d '\r' | grep -Eq '^(aof_rewrite_in_progress|rdb_bgsave_in_progress):1'; do
      sleep 0.1
    done
  done
}

# Every loader starts from the same state: no key, an AOF just rewritten, and no automatic AOF
# rewrite while it loads. A rewrite forks on all six nodes at once and takes a core of the two for
# seconds: landing in one 5-second load and not in another, it decided the ratio more than the
# loaders did (one run gave 0.53, the next 1.11). AOF appends and their fsync stay on.
empty_cluster() {
  local p
  for p in $(seq "$port" $((port + 5))); do
    redis-cli -p "$p" config set auto-aof-rewrite-percentage 0 >/dev/null
    redis-cli -p "$p" flushall >/dev/null 2>&1 || true
  done
  no_fork_running
  for p in $(seq "$port" $((port + 5))); do redis-cli -p "$p" bgrewriteaof >/dev/null 2>&1 || true; done
  no_fork_running
}
declare -a warm load naive limit warm_cpu warm_nodes naive_cpu naive_nodes limit_cpu limit_nodes
out="$work/out"
for run in $(seq 1 "$runs"); do
  empty_cluster
  start=$(millis)
  with_cpu "$entries" "$spinel" warm "$work/entries.jsonl" --dir "$project" --sample 1000
  warm+=($((entries * 1000 / ($(millis) - start))))
  warm_cpu+=("$loader_cpu"); warm_nodes+=("$nodes_cpu")
  load+=("$(sed -n 's/^Loaded .*(\([0-9,]*\) keys\/s).*/\1/p' "$out" | tr -d ,)")
  echo "run $run spinel warm: ${warm[-1]} keys/s ($(head -1 "$out"); $(sed -n 2p "$out"));" \
    "CPU per 1M keys: loader $loader_cpu ms, nodes $nodes_cpu ms" >&2

  empty_cluster
  start=$(millis)
  with_cpu $((entries / 10)) redis-cli -c -p "$port" < "$work/naive.txt"
  naive+=($((entries / 10 * 1000 / ($(millis) - start))))
  naive_cpu+=("$loader_cpu"); naive_nodes+=("$nodes_cpu")
  echo "run $run one SET per round trip: ${naive[-1]} keys/s; CPU per 1M keys: loader $loader_cpu ms, nodes $nodes_cpu ms" >&2

  empty_cluster
  with_cpu "$entries" redis-benchmark --cluster -p "$port" -a "$REDISCLI_AUTH" -t set -n "$entries" -r "$entries" \
    -d 100 -P 64 -q
  rps="$(tr '\r' '\n' < "$out" | sed -n 's/^SET: \([0-9.]*\) requests per second.*/\1/p' | tail -1)"
  limit+=("${rps%.*}")
  limit_cpu+=("$loader_cpu"); limit_nodes+=("$nodes_cpu")
  echo "run $run redis-benchmark -P 64: ${limit[-1]} SET/s; CPU per 1M keys: loader $loader_cpu ms, nodes $nodes_cpu ms" >&2
done

w="$(printf '%s\n' "${warm[@]}" | median)"
o="$(printf '%s\n' "${load[@]}" | median)"
n="$(printf '%s\n' "${naive[@]}" | median)"
l="$(printf '%s\n' "${limit[@]}" | median)"
echo
echo "$entries entries of 100 bytes into a 3-shard cluster (1 replica each), median of $runs runs, $(nproc) cores:"
cpu() { printf '%s\n' "$@" | median | awk '{printf "%.1f", $1 / 1000}'; }
echo "| loader | keys/s | of the limit | loader CPU s per 1M keys | nodes' CPU s per 1M keys |"
echo "|---|---|---|---|---|"
awk -v w="$w" -v o="$o" -v n="$n" -v l="$l" -v wc="$(cpu "${warm_cpu[@]}")" -v wn="$(cpu "${warm_nodes[@]}")" \
  -v nc="$(cpu "${naive_cpu[@]}")" -v nn="$(cpu "${naive_nodes[@]}")" -v lc="$(cpu "${limit_cpu[@]}")" \
  -v ln="$(cpu "${limit_nodes[@]}")" 'BEGIN {
  printf "| spinel warm, the load itself (as it reports: parsing, routing, sending, replies) | %d | %.2f | | |\n", o, o / l
  printf "| spinel warm, the whole command (JVM start, connecting, the sample checked on replicas) | %d | %.2f | %s | %s |\n", w, w / l, wc, wn
  printf "| one SET per round trip (redis-cli -c from stdin) | %d | %.2f | %s | %s |\n", n, n / l, nc, nn
  printf "| redis-benchmark --cluster SET -P 64 (the limit) | %d | 1.00 | %s | %s |\n", l, lc, ln }'

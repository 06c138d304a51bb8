#!/usr/bin/env bash
# Cache warming speed, side by side in one run on one 3-shard cluster (3 primaries, 3 replicas):
# `spinel warm` loading N entries of 100 bytes from a JSON-lines file; a naive loader that sends
# one SET per round trip (redis-cli -c reading commands from stdin, as a script would; timed on
# a tenth of the entries, its rate is per second); and redis-benchmark --cluster SET -P 64 over
# a key range as wide as the entries, the issue's measure of the cluster's own limit, measured
# before and after the fast loaders in each run. Prints keys/s and the ratio to the limit (each
# run's ratio to the mean of its two limits, then the median), and where the CPU went:
# the loader's own (user + system, the whole command) and the six nodes' together, both in
# CPU-seconds per million keys. On a machine where the nodes and the loader share the cores,
# the CPU the loader takes is CPU the nodes do not get: that is what the ratio measures.
#
# redis-benchmark --cluster does not spread its keys over the slots: it puts one hash tag per
# primary in every key (key:{06S}:000000000042), so each primary's keys all sit in one slot, and
# Redis does less per key than for keys spread over all 16384 slots (perf on a primary: adding a
# key to its slot's list, and finding the key's slot, were about 10% of its CPU under the warm and
# under 2% under the benchmark). Two more rows separate the loader from the keys:
# `spinel warm` loading keys shaped as the benchmark's (a primary's keys share one slot, so the
# warm's MSETs hold 100 keys each: less work per key for Redis than the benchmark's SETs), and
# the limit for the spread keys themselves, three `redis-cli --pipe` at once (Redis's mass
# insertion tool, in C, one SET per key), each sending its primary's share of the same entries.
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
redis-cli -p "$port" cluster nodes > "$work/nodes.txt"
python3 - "$work" "$entries" <<'PY2'
import random, sys
work, n = sys.argv[1], int(sys.argv[2])

def slot(key):
    # Redis Cluster's key slot: CRC16 (XMODEM) of the hash tag if there is one, else of the key, mod 16384.
    start = key.find("{")
    if start >= 0:
        end = key.find("}", start + 1)
        if end > start + 1:
            key = key[start + 1:end]
    crc = 0
    for byte in key.encode():
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc % 16384

primaries = []
for line in open(work + "/nodes.txt"):
    fields = line.split()
    if "master" in fields[2]:
        ranges = [tuple(map(int, (r + "-" + r).split("-")[:2])) for r in fields[8:] if not r.startswith("[")]
        primaries.append(ranges)
owner = {}
for index, ranges in enumerate(primaries):
    for low, high in ranges:
        for s in range(low, high + 1):
            owner[s] = index
# One tag per primary, as redis-benchmark --cluster picks one of each primary's slots.
tags, candidate = {}, 0
while len(tags) < len(primaries):
    tag = "t%d" % candidate
    tags.setdefault(owner[slot(tag)], tag)
    candidate += 1

random.seed(7)
def resp(*words):
    return "*%d\r\n" % len(words) + "".join("$%d\r\n%s\r\n" % (len(w), w) for w in words)
pipes = [open("%s/pipe-%d.resp" % (work, i), "w") for i in range(len(primaries))]
with open(work + "/entries.jsonl", "w") as jsonl, open(work + "/tagged.jsonl", "w") as tagged, \
        open(work + "/naive.txt", "w") as naive:
    for i in range(n):
        key, value = "key:%012d" % i, "%0100x" % random.getrandbits(400)
        jsonl.write('{"key":"%s","value":"%s"}\n' % (key, value))
        tagged.write('{"key":"key:{%s}:%012d","value":"%s"}\n' % (tags[i % len(tags)], i, value))
        pipes[owner[slot(key)]].write(resp("SET", key, value))
        if i < n // 10:
            naive.write("SET %s %s\n" % (key, value))
for pipe in pipes:
    pipe.close()
PY2
primary_ports="$(awk '$3 ~ /master/ { split($2, a, "[:@]"); print a[2] }' "$work/nodes.txt")"
# The first warm after a build records the JVM's class cache for the toolkit's commands (bin/spinel,
# about 12 s, once): done here, untimed, so that every timed run starts from the cache.
head -1 "$work/entries.jsonl" > "$work/one.jsonl"
"$spinel" warm "$work/one.jsonl" --dir "$project" --sample 0 >/dev/null

# The spread entries through one redis-cli --pipe per primary, all at once.
pipes_at_once() {
  local index=0 p pids=()
  for p in $primary_ports; do
    redis-cli -p "$p" --pipe < "$work/pipe-$index.resp" > "$work/pipe-$index.out" 2>&1 &
    pids+=($!)
    index=$((index + 1))
  done
  for p in "${pids[@]}"; do wait "$p"; done
  cat "$work"/pipe-*.out
}

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
declare -a warm load tagged pipe naive limit warm_cpu warm_nodes tagged_cpu tagged_nodes pipe_cpu pipe_nodes
declare -a naive_cpu naive_nodes limit_cpu limit_nodes
out="$work/out"
# redis-benchmark's SET/s from an empty cluster; sets $loader_cpu and $nodes_cpu as with_cpu does.
the_limit() {
  empty_cluster
  with_cpu "$entries" redis-benchmark --cluster -p "$port" -a "$REDISCLI_AUTH" -t set -n "$entries" -r "$entries" \
    -d 100 -P 64 -q
  local rps
  rps="$(tr '\r' '\n' < "$out" | sed -n 's/^SET: \([0-9.]*\) requests per second.*/\1/p' | tail -1)"
  echo "${rps%.*}"
}
# Each run measures the limit before and after the three fast loaders and takes the mean: the
# machine's speed drifts within a run too (one run's nodes took 30% more CPU per key than the
# others'), and a limit measured half a minute away from the load decided the ratio more than
# the loader did (one session's ratios: 0.58, 0.86, 0.78, 0.93, 0.67).
for run in $(seq 1 "$runs"); do
  the_limit > "$work/limit"
  limit_before="$(cat "$work/limit")"; limit_before_cpu="$loader_cpu"; limit_before_nodes="$nodes_cpu"
  echo "run $run redis-benchmark -P 64, before: $limit_before SET/s; CPU per 1M keys: loader $loader_cpu ms," \
    "nodes $nodes_cpu ms" >&2
  empty_cluster
  start=$(millis)
  with_cpu "$entries" "$spinel" warm "$work/entries.jsonl" --dir "$project" --sample 1000
  warm+=($((entries * 1000 / ($(millis) - start))))
  warm_cpu+=("$loader_cpu"); warm_nodes+=("$nodes_cpu")
  load+=("$(sed -n 's/^Loaded .*(\([0-9,]*\) keys\/s).*/\1/p' "$out" | tr -d ,)")
  echo "run $run spinel warm: ${warm[-1]} keys/s ($(head -1 "$out"); $(sed -n 2p "$out"));" \
    "CPU per 1M keys: loader $loader_cpu ms, nodes $nodes_cpu ms" >&2

  empty_cluster
  with_cpu "$entries" "$spinel" warm "$work/tagged.jsonl" --dir "$project" --sample 1000
  tagged+=("$(sed -n 's/^Loaded .*(\([0-9,]*\) keys\/s).*/\1/p' "$out" | tr -d ,)")
  tagged_cpu+=("$loader_cpu"); tagged_nodes+=("$nodes_cpu")
  echo "run $run spinel warm, keys shaped as redis-benchmark's: $(head -1 "$out"); CPU per 1M keys: loader $loader_cpu ms," \
    "nodes $nodes_cpu ms" >&2

  empty_cluster
  start=$(millis)
  with_cpu "$entries" pipes_at_once
  pipe+=($((entries * 1000 / ($(millis) - start))))
  pipe_cpu+=("$loader_cpu"); pipe_nodes+=("$nodes_cpu")
  [ "$(grep -c 'errors: 0, replies' "$out")" -eq "$(echo "$primary_ports" | wc -w)" ] || { cat "$out" >&2; exit 1; }
  echo "run $run redis-cli --pipe per primary: ${pipe[-1]} keys/s; CPU per 1M keys: loader $loader_cpu ms, nodes $nodes_cpu ms" >&2

  the_limit > "$work/limit"
  limit_after="$(cat "$work/limit")"
  limit+=($(( (limit_before + limit_after) / 2 )))
  limit_cpu+=($(( (limit_before_cpu + loader_cpu) / 2 ))); limit_nodes+=($(( (limit_before_nodes + nodes_cpu) / 2 )))
  echo "run $run redis-benchmark -P 64, after: $limit_after SET/s; CPU per 1M keys: loader $loader_cpu ms, nodes $nodes_cpu ms;" \
    "the run's limit (the mean of before and after): ${limit[-1]}" >&2
  echo "run $run of the limit: load $(awk -v a="${load[-1]}" -v b="${limit[-1]}" 'BEGIN { printf "%.2f", a / b }')," \
    "load of keys shaped as the benchmark's $(awk -v a="${tagged[-1]}" -v b="${limit[-1]}" 'BEGIN { printf "%.2f", a / b }')" >&2

  empty_cluster
  start=$(millis)
  with_cpu $((entries / 10)) redis-cli -c -p "$port" < "$work/naive.txt"
  naive+=($((entries / 10 * 1000 / ($(millis) - start))))
  naive_cpu+=("$loader_cpu"); naive_nodes+=("$nodes_cpu")
  echo "run $run one SET per round trip: ${naive[-1]} keys/s; CPU per 1M keys: loader $loader_cpu ms, nodes $nodes_cpu ms" >&2
done

# Each run's ratio to the same run's limit, then their median: the machine's speed drifts between
# runs (the limit alone ranged from 158,000 to 283,000 SET/s in one session), less within one.
ratio() {
  local -n numerators="$1"
  local i
  for i in "${!numerators[@]}"; do
    awk -v a="${numerators[$i]}" -v b="${limit[$i]}" 'BEGIN { printf "%d\n", a * 1000 / b }'
  done | median | awk '{ printf "%.2f", $1 / 1000 }'
}
median_of() { local -n values="$1"; printf '%s\n' "${values[@]}" | median; }
echo
echo "$entries entries of 100 bytes into a 3-shard cluster (1 replica each), median of $runs runs, $(nproc) cores:"
cpu() { local -n values="$1"; printf '%s\n' "${values[@]}" | median | awk '{printf "%.1f", $1 / 1000}'; }
echo "| loader | keys/s | of the limit | loader CPU s per 1M keys | nodes' CPU s per 1M keys |"
echo "|---|---|---|---|---|"
echo "| spinel warm, the load itself (as it reports: parsing, routing, sending, replies) | $(median_of load) | $(ratio load) | | |"
echo "| spinel warm, the whole command (JVM start, connecting, the sample checked on replicas) | $(median_of warm) |" \
  "$(ratio warm) | $(cpu warm_cpu) | $(cpu warm_nodes) |"
echo "| spinel warm, the load itself, keys shaped as redis-benchmark's (one hash tag per primary) | $(median_of tagged) |" \
  "$(ratio tagged) | $(cpu tagged_cpu) | $(cpu tagged_nodes) |"
echo "| redis-cli --pipe, one per primary at once, the spread keys | $(median_of pipe) | $(ratio pipe) |" \
  "$(cpu pipe_cpu) | $(cpu pipe_nodes) |"
echo "| one SET per round trip (redis-cli -c from stdin) | $(median_of naive) | $(ratio naive) | $(cpu naive_cpu) |" \
  "$(cpu naive_nodes) |"
echo "| redis-benchmark --cluster SET -P 64 (the limit) | $(median_of limit) | 1.00 | $(cpu limit_cpu) | $(cpu limit_nodes) |"
echo
echo "Each run's load against its limit: $(for i in "${!load[@]}"; do
  awk -v a="${load[$i]}" -v b="${limit[$i]}" 'BEGIN { printf "%.2f ", a / b }'; done)"
echo "The load against redis-cli --pipe on the same spread keys: $(
  for i in "${!load[@]}"; do awk -v a="${load[$i]}" -v b="${pipe[$i]}" 'BEGIN { printf "%d\n", a * 1000 / b }'; done |
    median | awk '{ printf "%.2f", $1 / 1000 }') (median of each run's ratio)"

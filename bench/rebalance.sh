#!/usr/bin/env bash
# Slots moving under load, side by side in one run on one 3-shard cluster (3 primaries, 3
# replicas) holding N keys of 100 bytes, while Lettuce's cluster client with default settings
# reads and overwrites random keys from 4 threads (bench/ClusterLoad):
#   spinel rebalance --weight <first primary>=2, then even again;
#   redis-cli --cluster rebalance --cluster-weight <first primary>=2, then even again (the same moves);
#   spinel scale --shards 4 (a new empty shard gets a quarter of the slots), then --shards 3 (drained).
# Prints the keys/s of each move and, per window, the commands the clients sent, how many failed,
# p50, p99 and the slowest; "idle" is the load alone, before anything moves.
#
# Usage: bench/rebalance.sh [keys]   (default 1000000)
# Needs: a JDK 21+, redis-server and redis-cli on PATH, python3. Stops everything it started.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
spinel="$root/bin/spinel"
keys="${1:-1000000}"
with_scratch_project

jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
echo "Building the load generator..." >&2
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B -pl spinel-bench -am package -DskipTests >&2)

port="$(free_port 17400)"
# 8 ports: the scale run adds a 4th shard (primary and replica) after the 6 nodes.
while ! port_free $((port + 6)) || ! port_free $((port + 7)); do port="$(free_port $((port + 8)))"; done
"$spinel" up --mode cluster --port-base "$port" --dir "$project" --no-console >/dev/null
export REDISCLI_AUTH
REDISCLI_AUTH="$("$spinel" secret --dir "$project")"

echo "loading $keys keys..." >&2
python3 - "$work/entries.jsonl" "$keys" <<'PY'
import random, sys
random.seed(7)
with open(sys.argv[1], "w") as out:
    for i in range(int(sys.argv[2])):
        out.write('{"key":"key:%012d","value":"%0100x"}\n' % (i, random.getrandbits(400)))
PY
"$spinel" warm "$work/entries.jsonl" --dir "$project" --sample 0 >/dev/null
rm -f "$work/entries.jsonl"

millis() { echo $(($(date +%s%N) / 1000000)); }
window() { echo "$1 $2 $(millis)" >> "$work/windows"; }

"$jdk/bin/java" -cp "$root/spinel-bench/target/benchmarks.jar" dev.spinel.bench.ClusterLoad \
  "127.0.0.1:$port" "$REDISCLI_AUTH" "$keys" 4 "$work" > "$work/load.out" &
load_pid=$!
until [ -f "$work/load.ready" ]; do sleep 0.1; done

start=$(millis); sleep 5; window idle "$start"
first="redis-$port"
first_id="$(redis-cli -p "$port" cluster myid)"
first_keys() { redis-cli -p "$port" dbsize; }
moved() { sed -n 's/^Moved .* and \([0-9,]*\) keys in \([0-9.]*\) s (\([0-9,]*\) keys\/s)/\1 keys in \2 s, \3 keys\/s/p' "$1"; }

start=$(millis)
"$spinel" rebalance --dir "$project" --weight "$first=2" > "$work/r1.out"
window spinel-weighted "$start"; echo "spinel rebalance --weight $first=2: $(moved "$work/r1.out")" >&2
start=$(millis)
"$spinel" rebalance --dir "$project" > "$work/r2.out"
window spinel-even "$start"; echo "spinel rebalance (even again): $(moved "$work/r2.out")" >&2

before=$(first_keys); start=$(millis)
redis-cli --cluster rebalance "127.0.0.1:$port" --cluster-weight "$first_id=2" > "$work/c1.out" 2>&1
end=$(millis); window redis-cli-weighted "$start"
echo "redis-cli --cluster rebalance --cluster-weight $first=2: $((end - start)) ms, $(( ($(first_keys) - before) )) keys onto $first" >&2
before=$(first_keys); start=$(millis)
redis-cli --cluster rebalance "127.0.0.1:$port" > "$work/c2.out" 2>&1
end=$(millis); window redis-cli-even "$start"
echo "redis-cli --cluster rebalance (even again): $((end - start)) ms, $((before - $(first_keys))) keys off $first" >&2

start=$(millis)
"$spinel" scale --dir "$project" --shards 4 > "$work/s1.out"
window spinel-scale-to-4 "$start"; echo "spinel scale --shards 4: $(moved "$work/s1.out")" >&2
start=$(millis)
"$spinel" scale --dir "$project" --shards 3 > "$work/s2.out" 2> "$work/s2.err"
window spinel-scale-to-3 "$start"; echo "spinel scale --shards 3: $(moved "$work/s2.out") $(cat "$work/s2.err")" >&2

touch "$work/stop"
wait "$load_pid"; load_pid=""
echo
echo "$keys keys of 100 bytes, 3 primaries + 3 replicas, $(nproc) cores, Redis $(redis-server --version | cut -d' ' -f3);"
echo "Lettuce cluster client, default settings, 4 threads of GET/SET on random keys:"
cat "$work/load.out"

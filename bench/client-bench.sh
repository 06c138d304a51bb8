#!/usr/bin/env bash
# Runs the toolkit's JMH benchmarks side by side with the alternatives, against one redis-server
# started here on a free loopback port (stopped by its PID at the end), and prints the ratios:
#   cache hit through CacheRegion vs a raw Lettuce GET, near-cache hit vs a remote GET,
#   lock acquire+release per second vs Redisson's RLock with 1 and 8 threads,
#   contended hand-off latency (release to next holder) vs Redisson and vs polling every 100 ms.
#
# Usage: bench/client-bench.sh [JMH options]   (default: -f 1 -wi 3 -w 1 -i 5 -r 1; given options replace them)
# Needs: a JDK 21+, redis-server on PATH, python3 for the summary.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
work="$(mktemp -d)"
redis_pid=""

cleanup() {
  if [ -n "$redis_pid" ]; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

jdk="${JAVA_HOME:-}"
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/java" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      jdk="$candidate"
      break
    fi
  done
fi

port="$(free_port 16379)"
password="bench-$RANDOM$RANDOM"

redis-server --port "$port" --bind 127.0.0.1 --requirepass "$password" --save "" --appendonly no \
  --dir "$work" --logfile "$work/redis.log" &
redis_pid=$!
until REDISCLI_AUTH="$password" redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; do sleep 0.05; done

echo "Building the benchmarks..." >&2
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B -pl spinel-bench -am package -DskipTests >&2)

jmh_options=("$@")
[ ${#jmh_options[@]} -gt 0 ] || jmh_options=(-f 1 -wi 3 -w 1 -i 5 -r 1)
"$jdk/bin/java" -jar "$root/spinel-bench/target/benchmarks.jar" "${jmh_options[@]}" \
  -jvmArgsAppend "-Dspinel.bench.port=$port -Dspinel.bench.password=$password" \
  -rf json -rff "$work/results.json" >&2

python3 - "$work/results.json" "$(redis-server --version | cut -d' ' -f3)" "$(nproc)" "${jmh_options[*]}" <<'PY'
import json, sys
results = {r["benchmark"].split(".")[-1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
def score(name): return results[name]["score"]
def err(name): return results[name]["scoreError"]
print(f"\nJMH ({sys.argv[4]}), {sys.argv[3]} cores, Redis {sys.argv[2]} on loopback:")
print("| benchmark | score | error |")
print("|---|---|---|")
for name, metric in results.items():
    print(f"| {name} | {metric['score']:.2f} {metric['scoreUnit']} | ± {metric['scoreError']:.2f} |")
if "lettuceGet" in results and "cacheRegionGet" in results:
    print(f"\nCacheRegion.get / raw Lettuce GET: {score('cacheRegionGet') / score('lettuceGet'):.3f} (goal <= 1.10)")
if "lettuceGet" in results and "nearCacheGet" in results:
    print(f"Near-cache hit vs remote GET: {score('lettuceGet') / score('nearCacheGet'):.0f}x faster (goal >= 100x)")
for threads in ("One", "Eight"):
    s, r = f"spinel{threads}Thread" + ("s" if threads == "Eight" else ""), f"redisson{threads}Thread" + ("s" if threads == "Eight" else "")
    if s in results and r in results:
        print(f"Lock acquire+release, {threads.lower()} thread(s): Spinel {score(s):.0f}/s vs Redisson {score(r):.0f}/s = {score(s) / score(r):.2f}x (goal >= 1.2x)")
PY

echo
echo "Measured in alternating blocks within one process (drift of a shared machine hits both alike):"
"$jdk/bin/java" -Dspinel.bench.port="$port" -Dspinel.bench.password="$password" \
  -cp "$root/spinel-bench/target/benchmarks.jar" dev.spinel.bench.InterleavedCacheRead
"$jdk/bin/java" -Dspinel.bench.port="$port" -Dspinel.bench.password="$password" \
  -cp "$root/spinel-bench/target/benchmarks.jar" dev.spinel.bench.InterleavedLock

echo
echo "Contended hand-off, release to next holder, ms over ${SPINEL_BENCH_ROUNDS:-200} rounds:"
echo "| route                      |      p50 |      p99 |      max |"
echo "|----------------------------|----------|----------|----------|"
"$jdk/bin/java" -Dspinel.bench.port="$port" -Dspinel.bench.password="$password" \
  -Dspinel.bench.rounds="${SPINEL_BENCH_ROUNDS:-200}" -cp "$root/spinel-bench/target/benchmarks.jar" \
  dev.spinel.bench.HandoffLatency

#!/usr/bin/env bash
# Failover drills on every topology and durability with Spinel's defaults, in one run: a Sentinel
# topology and a 3-shard cluster, each formed once with `durability: async` and once with
# `durability: replicated`, each put through kill-primary and stop-primary rounds, and through
# `other-rounds` rounds of kill-replica, kill-sentinel (Sentinel only) and restart-all. With
# partition rounds (root only), each is formed once more with `network: namespaces` for the
# partition-primary rounds. Prints one table row per combination: median detection and
# writes-back times, acknowledged writes lost.
#
# Usage: bench/drills.sh [kill-rounds] [stop-rounds] [topologies] [partition-rounds] [other-rounds]
#        (defaults 5, 2, "sentinel cluster", 0, 0)
# Needs: a JDK 21+, redis-server and python3. Stops everything it started (spinel down --purge).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
spinel="$root/bin/spinel"
kill_rounds="${1:-5}"
stop_rounds="${2:-2}"
topologies="${3:-sentinel cluster}"
partition_rounds="${4:-0}"
other_rounds="${5:-0}"
with_scratch_project

# Forms the topology ($1 mode, $2 durability, $3 network), runs "scenario:rounds" pairs on it, removes it.
drill_on() {
  local mode="$1" durability="$2" network="$3" pair scenario rounds
  shift 3
  local flags=(--mode "$mode" --durability "$durability" --network "$network" --port-base "$(free_port 18600)"
    --dir "$project" --no-console)
  [ "$mode" = sentinel ] && flags+=(--sentinel-port-base "$(free_port 28600)")
  "$spinel" up "${flags[@]}" >/dev/null
  for pair in "$@"; do
    scenario="${pair%:*}"
    rounds="${pair#*:}"
    [ "$rounds" -gt 0 ] || continue
    [ "$scenario" = kill-sentinel ] && [ "$mode" != sentinel ] && continue
    echo "drills: $mode, $durability, $rounds x $scenario" >&2
    "$spinel" drill --dir "$project" --scenario "$scenario" --rounds "$rounds" --json \
      > "$work/$mode-$durability-$scenario.json" 2>"$work/drill.err" || {
      echo "drills: the drill failed:" >&2; grep -v WARN "$work/drill.err" >&2; exit 1; }
  done
  "$spinel" down --purge --dir "$project" >/dev/null
}

for mode in $topologies; do
  for durability in async replicated; do
    if [ "$kill_rounds" -gt 0 ] || [ "$stop_rounds" -gt 0 ] || [ "$other_rounds" -gt 0 ]; then
      drill_on "$mode" "$durability" loopback kill-primary:"$kill_rounds" stop-primary:"$stop_rounds" \
        kill-replica:"$other_rounds" kill-sentinel:"$other_rounds" restart-all:"$other_rounds"
    fi
    if [ "$partition_rounds" -gt 0 ]; then
      drill_on "$mode" "$durability" namespaces partition-primary:"$partition_rounds"
    fi
  done
done

python3 - "$work" <<'EOF'
import json, pathlib, statistics, sys
print("| topology, scenario, durability | rounds | detection, median (range) | writes back, median (range) | acknowledged writes lost | writes/s before the fault |")
print("|---|---|---|---|---|---|")
rates = {}
for mode in ("sentinel", "cluster"):
    for scenario in ("kill-primary", "stop-primary", "partition-primary", "kill-replica", "kill-sentinel", "restart-all"):
        for durability in ("async", "replicated"):
            path = pathlib.Path(sys.argv[1]) / f"{mode}-{durability}-{scenario}.json"
            if not path.exists():
                continue
            rounds = json.loads(path.read_text())
            def span(field):
                values = [r[field] / 1000 for r in rounds]
                return f"{statistics.median(values):.1f} s ({min(values):.1f} to {max(values):.1f})"
            lost = sum(len(r["lost"]) for r in rounds)
            acked = sum(r["acknowledged"] for r in rounds)
            rate = statistics.median(r["writesPerSecond"] for r in rounds)
            rates.setdefault(mode, {}).setdefault(durability, []).extend(r["writesPerSecond"] for r in rounds)
            print(f"| {mode}, {scenario}, {durability} | {len(rounds)} | {span('detectionMillis')} | "
                  f"{span('writesBackMillis')} | {lost} of {acked} | {rate:.0f} |")
print()
for mode, by in rates.items():
    if "async" in by and "replicated" in by:
        ratio = statistics.median(by["replicated"]) / statistics.median(by["async"])
        print(f"{mode}: replicated writes at {ratio:.2f}x the rate of async ones (median over every round, same writers)")
EOF

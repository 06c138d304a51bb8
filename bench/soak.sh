#!/usr/bin/env bash
# False-alarm soak: a topology with Spinel's detection defaults under a full write load for N
# minutes with no fault injected. Any failover in that time is a false one: the price of
# detecting real failures fast. Counts failovers (Sentinel's +switch-master, a cluster's
# "Failover election won"), the suspicions that preceded none (+sdown of a primary; a cluster
# node "Marking node ... as failing"), AOF rewrites that forked under the load, and the load's
# throughput.
#
# Usage: bench/soak.sh [minutes] [sentinel|cluster] [up flags...]   (defaults 10, sentinel; flags such as
#        --down-after 1500 or --set cluster-node-timeout=2000 try other detection numbers)
# Needs: a JDK 21+, redis-server, redis-cli and redis-benchmark on PATH. Stops everything it started by PID.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
spinel="$root/bin/spinel"
minutes="${1:-10}"
mode="${2:-sentinel}"
shift $(( $# < 2 ? $# : 2 ))
up_flags=("$@")
with_scratch_project

port="$(free_port 18500)"
case "$mode" in
  sentinel) "$spinel" up --mode sentinel --port-base "$port" --sentinel-port-base "$(free_port 28500)" \
    --dir "$project" --no-console "${up_flags[@]}" >/dev/null ;;
  cluster) "$spinel" up --mode cluster --port-base "$port" --dir "$project" --no-console "${up_flags[@]}" >/dev/null ;;
  *) echo "usage: $0 [minutes] [sentinel|cluster]" >&2; exit 2 ;;
esac
export REDISCLI_AUTH
REDISCLI_AUTH="$("$spinel" secret --dir "$project")"
settings="$(grep -h -E '^(cluster-node-timeout|sentinel down-after-milliseconds)' "$project"/nodes/*/redis.conf \
  "$project"/nodes/*/sentinel.conf 2>/dev/null | sort -u | tr '\n' ';' || true)"

# Full load: SET of 100 bytes over a million keys, pipelined, 50 connections, until stopped.
cluster_flag=()
[ "$mode" = cluster ] && cluster_flag=(--cluster)
redis-benchmark -p "$port" -a "$REDISCLI_AUTH" "${cluster_flag[@]}" -t set -r 1000000 -d 100 -P 16 -c 50 \
  -n 2000000000 -q --csv > "$work/load.csv" 2>"$work/load.err" &
load_pid=$!
echo "soak: $mode ($settings) under redis-benchmark (pid $load_pid) for $minutes min" >&2
start=$(date +%s)
sleep_until=$((start + minutes * 60))
samples=0
ops_total=0
while [ "$(date +%s)" -lt "$sleep_until" ]; do
  if ! kill -0 "$load_pid" 2>/dev/null; then
    # redis-benchmark gives up when a node closes its connections, as Sentinel does on a failover.
    echo "soak: the load generator stopped after $(( $(date +%s) - start )) s: $(tail -n 1 "$work/load.err")" >&2
    break
  fi
  # Throughput from the nodes themselves: instantaneous ops/sec summed over the primaries.
  ops=0
  for conf in "$project"/nodes/redis-*/redis.conf; do
    p="$(sed -n 's/^port //p' "$conf")"
    info="$(redis-cli -p "$p" info 2>/dev/null | tr -d '\r' || true)"
    grep -q '^role:master' <<<"$info" || continue
    ops=$((ops + $(sed -n 's/^instantaneous_ops_per_sec://p' <<<"$info")))
  done
  samples=$((samples + 1))
  ops_total=$((ops_total + ops))
  sleep 10
done
elapsed=$(( ($(date +%s) - start) / 60 ))
stop_pid "$load_pid"
load_pid=""

count() { cat "$@" 2>/dev/null | grep -c -E "$pattern" || true; }
logs_sentinel=("$project"/nodes/sentinel-*/sentinel.log)
logs_redis=("$project"/nodes/redis-*/redis.log)
if [ "$mode" = sentinel ]; then
  # Each Sentinel logs the switch; one failover is one switch seen by all.
  pattern='\+switch-master'; switches=$(count "${logs_sentinel[@]}")
  failovers=$((switches / ${#logs_sentinel[@]}))
  pattern='\+sdown master'; suspicions=$(count "${logs_sentinel[@]}")
else
  pattern='Failover election won'; failovers=$(count "${logs_redis[@]}")
  pattern='Marking node .* as failing'; suspicions=$(count "${logs_redis[@]}")
fi
pattern='Background append only file rewriting started'; rewrites=$(count "${logs_redis[@]}")
# Redis's own note that a write waited for the disk: the usual cause of a loaded node going silent.
pattern='fsync is taking too long'; fsync_stalls=$(count "${logs_redis[@]}")
if [ "$failovers" -gt 0 ]; then
  echo "soak: failovers happened; what the Sentinels and nodes logged about them:" >&2
  grep -h -E '\+sdown master|\+odown|\+switch-master|Marking node|Failover election won' \
    "${logs_sentinel[@]}" "${logs_redis[@]}" 2>/dev/null | sort -k2,4 | head -40 >&2 || true
fi
echo
echo "| topology | detection | minutes | mean load (ops/s) | AOF rewrites under load | fsync stalls | failovers | suspicions |"
echo "|---|---|---|---|---|---|---|---|"
echo "| $mode | ${settings%;} | $elapsed of $minutes | $((ops_total / (samples > 0 ? samples : 1))) | $rewrites | $fsync_stalls | $failovers | $suspicions |"
[ "$failovers" -eq 0 ]

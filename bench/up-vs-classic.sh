#!/usr/bin/env bash
# Times `spinel up` to ready for each mode, and for the 6-node cluster also the classic route
# (six redis-server processes + `redis-cli --cluster create --cluster-replicas 1 --cluster-yes`),
# side by side in one run. Ready means the same for both routes: cluster_state:ok on every node
# and master_link_status:up on every replica (Spinel's `up` returns only then; the classic route
# is polled with redis-cli every 20 ms).
#
# Usage: bench/up-vs-classic.sh [runs]   (default 5; the median of the runs is reported)
# Needs: a JDK 21+, redis-server and redis-cli on PATH. Uses ports 7000-7005, 7100-7105,
# 6379-6381, 26379-26381 on 127.0.0.1 and stops every process it started by PID.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
spinel="$root/bin/spinel"
runs="${1:-5}"
work="$(mktemp -d)"
classic_pids=()

# Stops one of our redis-server processes by PID. A replica that is writing its first AOF after
# a full sync refuses SIGTERM (and does not retry by itself), so TERM is repeated, then KILL.
stop_pid() {
  local pid="$1" tries=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$tries" -ge 100 ]; then
      kill -KILL "$pid" 2>/dev/null || true
    elif [ $((tries % 10)) -eq 0 ]; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
    tries=$((tries + 1))
    sleep 0.1
  done
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  for pid in "${classic_pids[@]}"; do
    stop_pid "$pid"
  done
  [ -d "$work/spinel" ] && "$spinel" down --purge --dir "$work/spinel" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }


spinel_up_ms() {
  local start end
  start="$(now_ms)"
  "$spinel" up --dir "$work/spinel" "$@" >/dev/null
  end="$(now_ms)"
  "$spinel" down --purge --dir "$work/spinel" >/dev/null
  echo $((end - start))
}

classic_ready() {
  local port info
  for port in 7100 7101 7102 7103 7104 7105; do
    info="$(redis-cli -p "$port" cluster info 2>/dev/null)" || return 1
    grep -q 'cluster_state:ok' <<<"$info" || return 1
    info="$(redis-cli -p "$port" info replication 2>/dev/null)" || return 1
    if grep -q 'role:slave' <<<"$info"; then
      grep -q 'master_link_status:up' <<<"$info" || return 1
    fi
  done
}

classic_up_ms() {
  local start end port dir
  dir="$work/classic"
  rm -rf "$dir"
  mkdir -p "$dir"
  classic_pids=()
  start="$(now_ms)"
  for port in 7100 7101 7102 7103 7104 7105; do
    mkdir -p "$dir/$port"
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir/$port" --cluster-enabled yes \
      --cluster-config-file nodes.conf --appendonly yes --save "" --logfile "$dir/$port/redis.log" &
    classic_pids+=($!)
  done
  for port in 7100 7101 7102 7103 7104 7105; do
    until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.01; done
  done
  redis-cli --cluster create 127.0.0.1:7100 127.0.0.1:7101 127.0.0.1:7102 127.0.0.1:7103 127.0.0.1:7104 \
    127.0.0.1:7105 --cluster-replicas 1 --cluster-yes >/dev/null
  until classic_ready; do sleep 0.02; done
  end="$(now_ms)"
  for pid in "${classic_pids[@]}"; do stop_pid "$pid"; done
  classic_pids=()
  echo $((end - start))
}

# The first run builds the jar if needed and records the JVM's class-data archive from a real
# `up` (bin/spinel makes it on first use), so it is not timed.
echo "Building and warming up (not timed)..." >&2
spinel_up_ms --mode standalone >/dev/null

declare -A results
for mode in standalone replication sentinel cluster; do
  times=()
  for _ in $(seq "$runs"); do times+=("$(spinel_up_ms --mode "$mode")"); done
  results[$mode]="$(printf '%s\n' "${times[@]}" | median)"
  echo "spinel up --mode $mode: ${times[*]} ms" >&2
done
times=()
for _ in $(seq "$runs"); do times+=("$(classic_up_ms)"); done
results[classic]="$(printf '%s\n' "${times[@]}" | median)"
echo "classic redis-cli --cluster create: ${times[*]} ms" >&2

echo
echo "Median of $runs runs on $(nproc) cores, $(redis-server --version | cut -d' ' -f3), $("$spinel" --version | head -n 1):"
printf '| %-58s | %8s |\n' "route to ready" "ms"
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "$(printf -- '-%.0s' {1..10})"
for mode in standalone replication sentinel cluster; do
  printf '| %-58s | %8s |\n' "spinel up --mode $mode" "${results[$mode]}"
done
printf '| %-58s | %8s |\n' "classic: 6 x redis-server + redis-cli --cluster create" "${results[classic]}"
awk -v s="${results[cluster]}" -v c="${results[classic]}" \
  'BEGIN { printf "Cluster: spinel up takes %.2f of the classic route'"'"'s time (%.1fx faster).\n", s / c, c / s }'

#!/usr/bin/env bash
# What the console's polling costs a node: redis-benchmark SET with -P 16 against one Spinel node,
# in alternating rounds without and with `spinel serve` polling it every second. One console runs
# throughout, warmed up first (so its JIT is done, as in a console that runs for days); for the
# "without" rounds it is frozen with SIGSTOP (no polls, no CPU) and thawed with SIGCONT after.
# Both sides run in one session on the same node; the medians and their ratio are reported.
#
# Usage: bench/console-overhead.sh [rounds] [requests]   (defaults 5 and 2000000)
# Needs: a JDK 21+, redis-server and redis-benchmark on PATH. Stops everything it started by PID.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
spinel="$root/bin/spinel"
rounds="${1:-5}"
requests="${2:-2000000}"
work="$(mktemp -d)"
project="$work/project"
console_pid=""

port="$(free_port 17379)"
console_port="$(free_port 19121)"

stop_console() {
  if [ -n "$console_pid" ]; then
    kill -CONT "$console_pid" 2>/dev/null || true
    kill "$console_pid" 2>/dev/null || true
    wait "$console_pid" 2>/dev/null || true
    console_pid=""
  fi
}

cleanup() {
  stop_console
  "$spinel" down --purge --dir "$project" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$spinel" up --mode standalone --port-base "$port" --dir "$project" --no-console >/dev/null
password="$("$spinel" secret --dir "$project")"

# Requests per second of one redis-benchmark run.
benchmark() {
  REDISCLI_AUTH="$password" redis-benchmark -h 127.0.0.1 -p "$port" -a "$password" -t set -P 16 \
    -n "$requests" -q --csv 2>/dev/null | awk -F'"' '/SET/ {print int($4)}'
}


"$spinel" serve --dir "$project" --port "$console_port" >"$work/console.log" 2>&1 &
console_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$console_port/api/health"; do sleep 0.2; done
echo "console polling; warming up for 20 s" >&2
sleep 20

# Waits until the console has finished a poll after the given time (epoch ms): it is polling again.
polled_after() {
  local since_s=$(( $1 / 1000 + 1 )) last
  while :; do
    last="$(curl -s "http://127.0.0.1:$console_port/metrics" | awk '/^spinel_last_poll_timestamp_seconds/ {print int($2)}')"
    [ -n "$last" ] && [ "$last" -ge "$since_s" ] && return
    sleep 0.1
  done
}

# CPU seconds the console used, from /proc (utime + stime, in clock ticks).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$console_pid/stat"; }
ticks_before="$(cpu_ticks)"
thawed_ms=0

without=()
with=()
ratios=()
for round in $(seq 1 "$rounds"); do
  kill -STOP "$console_pid"
  without+=("$(benchmark)")
  kill -CONT "$console_pid"
  thawed_start=$(($(date +%s%N) / 1000000))
  polled_after "$thawed_start"
  with+=("$(benchmark)")
  thawed_ms=$((thawed_ms + $(date +%s%N) / 1000000 - thawed_start))
  ratios+=("$(awk -v w="${with[-1]}" -v o="${without[-1]}" 'BEGIN { printf "%.4f", w / o }')")
  echo "round $round: without ${without[-1]}/s, with ${with[-1]}/s" >&2
done
# The console must still be polling: its last poll at most 3 s old.
last="$(curl -s "http://127.0.0.1:$console_port/metrics" | awk '/^spinel_last_poll_timestamp_seconds/ {print int($2)}')"
[ -n "$last" ] && [ $(( $(date +%s) - last )) -le 3 ] || { echo "the console stopped polling: figures void" >&2; exit 1; }

base="$(printf '%s\n' "${without[@]}" | median)"
polled="$(printf '%s\n' "${with[@]}" | median)"
echo
echo "redis-benchmark SET -P 16, $requests requests, median of $rounds alternating rounds on $(nproc) cores, $(redis-server --version | cut -d' ' -f3):"
echo "| console | SET/s |"
echo "|---|---|"
echo "| not running | $base |"
echo "| polling every 1 s | $polled |"
ticks="$(( $(cpu_ticks) - ticks_before ))"
ratio="$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
awk -v b="$base" -v p="$polled" 'BEGIN { printf "Throughput lost, medians: %.2f%%\n", (b - p) * 100 / b }'
awk -v r="$ratio" 'BEGIN { printf "Throughput lost, median of per-round ratios (with / without): %.2f%%\n", (1 - r) * 100 }'
awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v ms="$thawed_ms" \
  'BEGIN { printf "Console CPU while polling: %.2f%% of one core\n", t / hz * 1000 / ms * 100 }'

# Helpers the benchmark scripts share; sourced, not run.

# True when nothing listens on 127.0.0.1:$1.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first free loopback port from $1 up.
free_port() {
  local port="$1"
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Stops a process this script started, by its PID ($1; nothing when empty), and reaps it.
stop_pid() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# The median of the numbers on stdin, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# SET commands for $1 keys of 100 random bytes (hex, so LZF cannot shrink them much), for redis-cli --pipe.
random_sets() {
  awk -v n="$1" 'BEGIN { srand(7); for (i = 0; i < n; i++) { v = ""
      for (j = 0; j < 12; j++) v = v sprintf("%08x", int(rand() * 4294967295))
      printf "SET key:%012d %s----\n", i, v } }'
}
# (Keys are named as redis-benchmark -r names its random keys, key:000000000042, so a benchmark
# run with -r over the same range overwrites them instead of adding new ones.)

# A scratch folder ($work) holding a Spinel project ($project), and an EXIT trap that stops the
# background load ($load_pid, once a script sets it), purges the project and removes the folder.
# Needs $spinel.
with_scratch_project() {
  load_pid=""
  work="$(mktemp -d)"
  project="$work/project"
  trap 'stop_pid "$load_pid"; "$spinel" down --purge --dir "$project" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
}

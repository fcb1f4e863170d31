#!/usr/bin/env bash
# Process start → healthy for the Native-AOT binary: starts it N times (default 20) on a free loopback port,
# polls GET /_sandbox/health in a tight loop over bash's /dev/tcp (no process spawned per poll), records the
# milliseconds until it answers 200, kills it, and prints the median (and min / max).
#   docker/startup-time.sh path/to/PaySys.Sandbox [N]
set -euo pipefail

binary=$(readlink -f "${1:?usage: docker/startup-time.sh path/to/PaySys.Sandbox [runs]}")
runs=${2:-20}
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; true' EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# One GET /_sandbox/health; true when the status line says 200.
healthy() {
  local line=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /_sandbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t 2 line <&3 || true
  exec 3>&-
  [[ $line == "HTTP/1.1 200"* ]]
}

samples=()
cd "$(dirname "$binary")" # its appsettings.json, when beside it, is read from the working directory
for run in $(seq 1 "$runs"); do
  port=$(free_port)
  started=$(date +%s%N)
  PAYSYS_URLS="http://127.0.0.1:$port" "$binary" >/dev/null 2>&1 &
  pid=$!
  until healthy "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run $run: the binary exited before it was healthy" >&2
      exit 1
    fi
    if [ $((($(date +%s%N) - started) / 1000000)) -gt 10000 ]; then
      echo "run $run: not healthy after 10 s" >&2
      exit 1
    fi
  done
  samples+=($((($(date +%s%N) - started) / 1000000)))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
done

sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
median=$(awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}' <<<"$sorted")
echo "samples (ms): ${samples[*]}"
echo "process start → healthy: median $median ms of $runs starts (min $(head -1 <<<"$sorted"), max $(tail -1 <<<"$sorted"))"

#!/usr/bin/env bash
# The bench, in one command, from a fresh machine (Debian/Ubuntu with the .NET 10 SDK):
#   bench/run.sh            the full run (about 10 minutes); writes bench/results.md
#   bench/run.sh --smoke    a few seconds per server, no targets judged (what CI runs so the bench cannot rot)
#   bench/run.sh --console | --persistence | --setup    only the console pages / the state directory / set-up time saved
# Installs wrk (and clang/zlib1g-dev for the Native-AOT publish) from apt when they are missing, builds the
# servers in Release, publishes the sandbox's Native-AOT binary, then runs bench/PaySys.Bench.Runner.
# The full run then races 10⁶ operations through the money-conservation test (a few more minutes) and appends its
# figures to the runner's results.
set -euo pipefail
cd "$(dirname "$0")/.."

# The runner reads these two itself; the race below needs them too, to know whether to run and where to write.
smoke=false
console_only=false
out=bench/results.md
previous=""
for arg in "$@"; do
  [ "$arg" = "--smoke" ] && smoke=true
  [ "$arg" = "--console" ] && console_only=true
  [ "$arg" = "--persistence" ] && console_only=true
  [ "$arg" = "--setup" ] && console_only=true
  [ "$previous" = "--out" ] && out="$arg"
  previous="$arg"
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

missing=()
for package in wrk clang zlib1g-dev; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

echo "== build (Release)"
for project in sandbox/PaySys.Sandbox bench/PaySys.Bench.WireMockStub bench/PaySys.Bench.BareKestrel bench/PaySys.Bench.Runner; do
  dotnet build "$project" -c Release -v quiet -nologo
done

echo "== Native-AOT publish of the sandbox"
dotnet publish sandbox/PaySys.Sandbox -c Release -r linux-x64 -o bench/.out/aot -v quiet -nologo

dotnet bench/PaySys.Bench.Runner/bin/Release/net10.0/PaySys.Bench.Runner.dll "$@"

# Issue 10: money conservation under concurrency, at 10⁶ operations (32 clients × 31 250). Minutes, not seconds, so
# the smoke run leaves it to the reduced size that every `dotnet test` already races.
if [ "$smoke" = false ] && [ "$console_only" = false ]; then
  echo "== money conservation race (10⁶ operations)"
  # Built first, so that the wall time below is the race's and not the compiler's.
  dotnet build tests/PaySys.Sandbox.Tests -c Release -v quiet -nologo
  mkdir -p bench/.out
  log=bench/.out/money-conservation.log
  load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date +%s)
  # tee keeps the test's own output on the console; pipefail still fails the bench when the race finds a violation.
  PAYSYS_HARDENING_SCALE=bench dotnet test tests/PaySys.Sandbox.Tests -c Release --no-build \
    --filter "FullyQualifiedName~MoneyConservationTests" --logger "console;verbosity=detailed" | tee "$log"
  seconds=$(( $(date +%s) - started ))
  # The test prints these two lines only when it passed; a missing line stops the bench here (set -e).
  figures=$(grep -m1 -o 'money conservation (bench):.*violations: 0' "$log")
  timings=$(grep -m1 -o 'money conservation timings (bench):.*' "$log")
  {
    echo ""
    echo "### Money conservation race (10⁶ operations)"
    echo ""
    echo "$(date -u '+%Y-%m-%d %H:%M') UTC; load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
    echo "\`PAYSYS_HARDENING_SCALE=bench dotnet test tests/PaySys.Sandbox.Tests -c Release --filter \"FullyQualifiedName~MoneyConservationTests\"\`:"
    echo "wall time ${seconds} s (test host start-up included, build excluded)."
    echo ""
    echo "- $figures"
    echo "- $timings"
  } >> "$out"
  echo "appended to $out"
fi

#!/usr/bin/env bash
# The bench, in one command, from a fresh machine (Debian/Ubuntu with the .NET 10 SDK):
#   bench/run.sh            the full run (about 6 minutes); writes bench/results.md
#   bench/run.sh --smoke    a few seconds per server, no targets judged (what CI runs so the bench cannot rot)
# Installs wrk (and clang/zlib1g-dev for the Native-AOT publish) from apt when they are missing, builds the
# servers in Release, publishes the sandbox's Native-AOT binary, then runs bench/PaySys.Bench.Runner.
set -euo pipefail
cd "$(dirname "$0")/.."

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

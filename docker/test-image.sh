#!/usr/bin/env bash
# Builds the real Dockerfile and proves the image: a private dockerd (no registry needed), locally made stand-ins
# for Microsoft's SDK and runtime-deps images, `docker build`, `docker run` until Docker says healthy, a smoke
# check over HTTP against the container, the Testcontainers test (a second container of the image, started by
# Testcontainers for .NET), examples/scale-out/ (three containers of the image behind nginx, brought up with
# docker-compose, the scenario library run across them), then $PAYSYS_IMAGE_SUITES (if set) with PAYSYS_URL
# pointing at the first container.
# Prints the image size, the binary size, docker run → healthy and the binary's process start → healthy.
#
# Needs root (dockerd, debootstrap) and the .NET SDK (the Testcontainers test); installs docker.io, debootstrap,
# docker-compose (v1, Debian's; Debian's docker.io has no compose plugin), curl and jq with apt when missing.
# PAYSYS_REQUIRE_DOCKER=1: a daemon that cannot be installed or started is a failure; otherwise the script
# says so and skips (exit 0). PAYSYS_DOCKER_CACHE (default /var/tmp/paysys-docker) keeps the daemon's data
# root, so the stand-in images and the restore layer are reused by the next run (about 2.5 GB).
set -euo pipefail
cd "$(dirname "$0")/.."

cache=${PAYSYS_DOCKER_CACHE:-/var/tmp/paysys-docker}
image=paysys-sandbox:test
runtime_standin=paysys/runtime-deps-standin:bookworm
nginx_standin=paysys/nginx-standin:bookworm
started=$(date +%s)

say() { printf '== %s\n' "$*"; }
elapsed() { echo "$(($(date +%s) - started)) s"; }

skip_or_fail() {
  if [ "${PAYSYS_REQUIRE_DOCKER:-0}" = "1" ]; then
    echo "docker/test-image.sh: $* (PAYSYS_REQUIRE_DOCKER=1, so this fails)" >&2
    exit 1
  fi
  echo "SKIPPED the Docker image test: $* (set PAYSYS_REQUIRE_DOCKER=1 to make this a failure)"
  exit 0
}

apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ---------------------------------------------------------------------------------------------- the daemon
[ "$(id -u)" -eq 0 ] || skip_or_fail "it needs root to run dockerd and debootstrap"
command -v dpkg >/dev/null 2>&1 || skip_or_fail "it needs a Debian machine (dpkg, apt)"
apt_install docker.io debootstrap docker-compose curl jq ca-certificates || skip_or_fail "apt could not install docker.io, debootstrap and docker-compose"

# The Debian client matches the daemon; another client on PATH may be newer and want buildx.
docker=/usr/bin/docker
[ -x "$docker" ] || docker=$(command -v docker)

mkdir -p "$cache/data" "$cache/exec"
# One run at a time per cache: two daemons must never share a data root.
exec 9>"$cache/lock"
flock -w 1800 9 || skip_or_fail "another run held $cache/lock for 30 minutes"

# A daemon left behind by a killed run of this script (same data root, so ours) is stopped first.
if [ -s "$cache/docker.pid" ] && kill -0 "$(cat "$cache/docker.pid")" 2>/dev/null; then
  kill "$(cat "$cache/docker.pid")"
  while kill -0 "$(cat "$cache/docker.pid")" 2>/dev/null; do sleep 0.2; done
fi
rm -f "$cache/docker.sock" "$cache/docker.pid"

available_kb=$(df -Pk "$cache" | awk 'NR==2 {print $4}')
if [ "$available_kb" -lt $((4 * 1024 * 1024)) ]; then
  echo "warning: only $((available_kb / 1024)) MB free under $cache; a cold run needs about 2.5 GB" >&2
fi

dockerd --iptables=false --bridge=none --data-root "$cache/data" --exec-root "$cache/exec" \
  -H "unix://$cache/docker.sock" --pidfile "$cache/docker.pid" >"$cache/dockerd.log" 2>&1 &
dockerd_pid=$!
container=""
scaleout_project=""
workdir=$(mktemp -d)

cleanup() {
  local status=$?
  if [ -n "$container" ]; then
    if [ "$status" -ne 0 ]; then
      echo "--- container log" >&2
      "$docker" logs "$container" 2>&1 | tail -40 >&2 || true
    fi
    "$docker" rm -f "$container" >/dev/null 2>&1 || true
  fi
  if [ -n "${state_container:-}" ]; then
    "$docker" rm -f "$state_container" >/dev/null 2>&1 || true
    "$docker" volume rm "paysys-state-test-$$" >/dev/null 2>&1 || true
  fi
  if [ -n "$scaleout_project" ]; then
    if [ "$status" -ne 0 ]; then
      echo "--- examples/scale-out logs" >&2
      scaleout_compose logs --no-color --tail 20 2>&1 | tail -80 >&2 || true
    fi
    scaleout_compose down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  if kill -0 "$dockerd_pid" 2>/dev/null; then
    kill "$dockerd_pid" 2>/dev/null || true
    wait "$dockerd_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

export DOCKER_HOST="unix://$cache/docker.sock"
for _ in $(seq 1 300); do
  "$docker" version >/dev/null 2>&1 && break
  kill -0 "$dockerd_pid" 2>/dev/null || break
  sleep 0.1
done
if ! "$docker" version >/dev/null 2>&1; then
  tail -20 "$cache/dockerd.log" >&2
  skip_or_fail "dockerd did not start (log: $cache/dockerd.log)"
fi
say "dockerd $("$docker" version --format '{{.Server.Version}}') on $DOCKER_HOST ($(elapsed))"

# -------------------------------------------------------------------------------------- stand-in base images
# The Debian mirror the machine's own apt uses.
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 ~ /bookworm/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
sdk_version=$(dotnet --version)
sdk_standin=paysys/sdk-standin:$sdk_version-bookworm

# debootstrap --variant=minbase of bookworm with the packages runtime-deps has, plus a user "app" (uid 1654).
make_rootfs() {
  local root=$1 include=$2
  [ -n "$mirror" ] || { echo "No Debian mirror found in the machine's apt sources." >&2; return 1; }
  rm -rf "$root"
  mkdir -p "$cache/debs"
  debootstrap --variant=minbase --cache-dir="$cache/debs" --include="$include" bookworm "$root" "$mirror" \
    >"$root.log" 2>&1 || { tail -20 "$root.log" >&2; return 1; }
  grep -q '^app:' "$root/etc/group" || echo 'app:x:1654:' >>"$root/etc/group"
  grep -q '^app:' "$root/etc/passwd" || echo 'app:x:1654:1654:app:/home/app:/usr/sbin/nologin' >>"$root/etc/passwd"
  mkdir -p "$root/home/app" && chown 1654:1654 "$root/home/app"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc "$root"/usr/share/man
}

runtime_packages=ca-certificates,libicu72,libssl3,libstdc++6,libgcc-s1,tzdata
if ! "$docker" image inspect "$runtime_standin" >/dev/null 2>&1; then
  say "building the runtime-deps stand-in $runtime_standin (debootstrap from $mirror)"
  make_rootfs "$cache/rootfs-runtime" "$runtime_packages"
  tar -C "$cache/rootfs-runtime" -c . | "$docker" import - "$runtime_standin" >/dev/null
  rm -rf "$cache/rootfs-runtime"
fi

if ! "$docker" image inspect "$sdk_standin" >/dev/null 2>&1; then
  say "building the SDK stand-in $sdk_standin (the machine's .NET SDK $sdk_version, clang, zlib1g-dev)"
  root="$cache/rootfs-sdk"
  make_rootfs "$root" "$runtime_packages,clang,zlib1g-dev"
  mkdir -p "$root/usr/share/dotnet"
  cp -a "$dotnet_root/." "$root/usr/share/dotnet/"
  # NuGet restore inside the build goes through this machine's TLS setup: take its extra CAs and its bundle.
  if [ -d /usr/local/share/ca-certificates ]; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
  fi
  [ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  tar -C "$root" -c . | "$docker" import \
    --change 'ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' \
    --change 'ENV DOTNET_NOLOGO=1' \
    --change "ENV NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}" \
    - "$sdk_standin" >/dev/null
  rm -rf "$root"
fi
# The balancer of examples/scale-out/ (nginx:1.27-alpine there): Debian's nginx on the same debootstrap base.
if ! "$docker" image inspect "$nginx_standin" >/dev/null 2>&1; then
  say "building the nginx stand-in $nginx_standin (debootstrap, nginx-light)"
  make_rootfs "$cache/rootfs-nginx" "nginx-light"
  tar -C "$cache/rootfs-nginx" -c . | "$docker" import --change 'CMD ["nginx", "-g", "daemon off;"]' - "$nginx_standin" >/dev/null
  rm -rf "$cache/rootfs-nginx"
fi
say "stand-ins ready ($(elapsed))"

# ------------------------------------------------------------------------------------------------- the image
say "docker build (the real Dockerfile on the stand-ins)"
build_started=$(date +%s)
"$docker" build --network host \
  --build-arg SDK_IMAGE="$sdk_standin" --build-arg BASE_IMAGE="$runtime_standin" \
  -t "$image" . >"$workdir/build.log" 2>&1 || { tail -60 "$workdir/build.log" >&2; exit 1; }
if grep -E "warning (IL|CS|AOT)[0-9]+" "$workdir/build.log"; then
  echo "The AOT publish inside the image printed warnings." >&2
  exit 1
fi
# Drop superseded build layers after a few days; younger ones stay as the next build's cache.
"$docker" image prune -f --filter until=72h >/dev/null
say "built $image in $(($(date +%s) - build_started)) s ($(elapsed))"

mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1000000}'; }
image_bytes=$("$docker" image inspect -f '{{.Size}}' "$image")
base_bytes=$("$docker" image inspect -f '{{.Size}}' "$runtime_standin")
"$docker" create --name "paysys-extract-$$" "$image" >/dev/null
"$docker" cp "paysys-extract-$$:/app/PaySys.Sandbox" "$workdir/PaySys.Sandbox"
"$docker" cp "paysys-extract-$$:/app/appsettings.json" "$workdir/appsettings.json"
"$docker" rm "paysys-extract-$$" >/dev/null
binary_bytes=$(stat -c %s "$workdir/PaySys.Sandbox")

[ "$("$docker" image inspect -f '{{.Config.User}}' "$image")" = "1654" ] || { echo "The image does not run as uid 1654." >&2; exit 1; }

# ------------------------------------------------------------------------------------------ run until healthy
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
say "docker run on $url"
run_started=$(date +%s%N)
container=$("$docker" run -d --network host --name "paysys-sandbox-test-$$" \
  -e PAYSYS_URLS="$url" -e PAYSYS_FIXED_OTP=666666 -e PAYSYS_OPEN_TENANTS=true "$image")
answered_ms=""
health=""
for _ in $(seq 1 600); do
  if [ -z "$answered_ms" ] && curl -fsS -o /dev/null "$url/_sandbox/health" 2>/dev/null; then
    answered_ms=$((($(date +%s%N) - run_started) / 1000000))
  fi
  health=$("$docker" inspect -f '{{.State.Health.Status}}' "$container")
  [ "$health" = "healthy" ] && break
  [ "$("$docker" inspect -f '{{.State.Running}}' "$container")" = "true" ] || break
  sleep 0.05
done
healthy_ms=$((($(date +%s%N) - run_started) / 1000000))
if [ "$health" != "healthy" ]; then
  echo "The container never turned healthy (health: $health)." >&2
  "$docker" inspect -f '{{json .State.Health}}' "$container" >&2 || true
  exit 1
fi
"$docker" logs "$container" 2>&1 | sed 's/^/  | /'
"$docker" exec "$container" /app/PaySys.Sandbox healthcheck

# ------------------------------------------------------------- the scenario library inside the image (README's QA one-liner)
# `docker run -v $PWD/scenarios:/scenarios <image> scenarios run /scenarios`: the image's own binary replays the
# library against a sandbox it starts in-process (host network only because this daemon has no bridge).
say "docker run -v scenarios:/scenarios $image scenarios run /scenarios"
"$docker" run --rm --network host -v "$PWD/scenarios:/scenarios:ro" "$image" scenarios run /scenarios --quiet \
  || { echo "The image's scenarios run did not pass the scenario library." >&2; exit 1; }

# ------------------------------------------------------------------------------ smoke check over HTTP
say "smoke check against the container"
auth() {
  local ts
  ts=$(date +%s%3N)
  echo "1-$(printf '%s' "sandbox-secret$ts" | sha1sum | cut -d' ' -f1)-$ts"
}
rpc() {
  local answer
  answer=$(curl -fsS "$url/gateway" -H "Auth: $(auth)" -H 'Content-Type: application/json' -d "$1")
  if [ "$(jq -c '.error' <<<"$answer")" != "null" ]; then
    echo "$(jq -r .method <<<"$1") failed: $answer" >&2
    return 1
  fi
  printf '%s' "$answer"
}
curl -fsS "$url/_sandbox/health" | jq -e '.status == "ok"' >/dev/null

card=$(rpc '{"id":1,"method":"paysys.card_registration","params":{"phone_number":"998901112233","card_number":"8600490744313347","card_expire":"3012"}}')
echo "  paysys.card_registration → card id $(jq -r .result.id <<<"$card")"

prepared=$(rpc '{"id":2,"method":"pam.prepare_payment","params":{"card_number":"8600490744313347","card_expire":"3012","phone_number":"998901112233","amount":100000,"vendor_id":100381,"product":"docker-smoke"}}')
transaction=$(jq -r .result.bank_transaction_id <<<"$prepared")
code=$(curl -fsS "$url/_sandbox/sms?reference=$transaction" | jq -r '.messages[-1].code')
[ "$code" = "666666" ] || { echo "The SMS outbox gave code '$code', not PAYSYS_FIXED_OTP." >&2; exit 1; }
echo "  pam.prepare_payment → bank_transaction_id $transaction, SMS code $code"

rpc "{\"id\":3,\"method\":\"pam.confirm_payment\",\"params\":{\"bank_transaction_id\":$transaction,\"confirmation_code\":\"$code\"}}" >/dev/null
checked=$(rpc "{\"id\":4,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":\"$transaction\"}}")
[ "$(jq -r .result.status <<<"$checked")" = "2" ] || { echo "check_payment did not say completed: $checked" >&2; exit 1; }
echo "  pam.confirm_payment → pam.check_payment status $(jq -r .result.status <<<"$checked") (completed)"

# ---------------------------------------------------- state across docker stop (PAYSYS_STATE_DIR on a named volume)
# The documented recipe: -e PAYSYS_STATE_DIR=/state -v VOLUME:/state. A held payment made before `docker stop`
# (SIGTERM) must be there, still held, in a new container on the same volume; the volume must be writable by uid 1654.
say "state across docker stop: PAYSYS_STATE_DIR=/state on a named volume"
state_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
state_url="http://127.0.0.1:$state_port"
start_stateful() {
  state_container=$("$docker" run -d --network host -e PAYSYS_URLS="$state_url" -e PAYSYS_FIXED_OTP=666666 \
    -e PAYSYS_STATE_DIR=/state -v "paysys-state-test-$$:/state" "$image")
  for _ in $(seq 1 200); do
    curl -fsS -o /dev/null "$state_url/_sandbox/health" 2>/dev/null && return 0
    sleep 0.05
  done
  "$docker" logs "$state_container" >&2
  echo "The stateful container never answered its health check." >&2
  return 1
}
start_stateful
main_url=$url
url=$state_url
held=$(rpc '{"id":5,"method":"pam.prepare_payment","params":{"card_number":"8600490744313347","card_expire":"3012","phone_number":"998901112233","amount":70000,"vendor_id":100381,"product":"docker-state","hold":true}}' | jq -r .result.bank_transaction_id)
rpc "{\"id\":6,\"method\":\"pam.confirm_payment\",\"params\":{\"bank_transaction_id\":$held,\"confirmation_code\":\"666666\"}}" >/dev/null
"$docker" stop "$state_container" >/dev/null
"$docker" rm "$state_container" >/dev/null
start_stateful
after_restart=$(rpc "{\"id\":7,\"method\":\"pam.check_payment\",\"params\":{\"bank_transaction_id\":\"$held\"}}")
[ "$(jq -r .result.status <<<"$after_restart")" = "7" ] || { echo "After docker stop and a new container on the volume, the held payment is gone: $after_restart" >&2; exit 1; }
# Read the log whole first: grep -q stops reading at its match, and under pipefail the writer's SIGPIPE fails the test.
state_log=$("$docker" logs "$state_container" 2>&1)
grep -q "1 tenants loaded" <<<"$state_log" || { echo "$state_log" >&2; echo "The new container did not say it loaded the tenant." >&2; exit 1; }
echo "  held payment $held made, docker stop, new container on the volume → pam.check_payment status 7 (held)"
url=$main_url
"$docker" rm -f "$state_container" >/dev/null
"$docker" volume rm "paysys-state-test-$$" >/dev/null
state_container=""

# ------------------------------------------------------------------ the Testcontainers test against the image
# tests/PaySys.Sandbox.Testing.Tests, Category=Docker: Testcontainers for .NET starts $image on this script's
# daemon (DOCKER_HOST, host network, a free port), waits for /_sandbox/health and pays through the reference client.
# Ryuk, Testcontainers' resource reaper, is an image from a registry this machine cannot reach; the test removes
# its container itself and the daemon stops with this script. Testcontainers speaks Docker API 1.44 unless told
# otherwise; Debian's docker.io 20.10 answers at most 1.41, so it is given the daemon's own version.
say "Testcontainers for .NET against $image (tests/PaySys.Sandbox.Testing.Tests, Category=Docker)"
testcontainers_started=$(date +%s)
api_version=$("$docker" version --format '{{.Server.APIVersion}}')
if ! DOCKER_API_VERSION="$api_version" TESTCONTAINERS_RYUK_DISABLED=true PAYSYS_IMAGE="$image" PAYSYS_REQUIRE_DOCKER=1 \
  dotnet test tests/PaySys.Sandbox.Testing.Tests --filter "Category=Docker" >"$workdir/testcontainers.log" 2>&1; then
  grep -v -E '^ +at |^--- End of stack trace' "$workdir/testcontainers.log" | tail -60 >&2
  exit 1
fi
summary=$(grep -E "^(Passed|Failed)!" "$workdir/testcontainers.log" || true)
# Two tests carry Category=Docker: the raw ContainerBuilder one and the PaySysBuilder module one.
if ! grep -qE "Failed: +0, Passed: +2, Skipped: +0, Total: +2" <<<"$summary"; then
  cat "$workdir/testcontainers.log" >&2
  echo "The two Testcontainers tests did not both run and pass: ${summary:-no summary}" >&2
  exit 1
fi
echo "  $summary ($(($(date +%s) - testcontainers_started)) s with the build)"

# ------------------------------------------------------------- examples/scale-out: three replicas behind nginx
# The example's own compose file and nginx.conf, with the image and the nginx stand-in put in and free ports. The
# scenario library runs through the balancer with open tenants (one service_id per file); then each replica is asked
# directly for every tenant of the run: each tenant's gateway calls must be in exactly one replica's journal (a call that
# had landed elsewhere would be in that one's too) and every replica must hold some. The files pass only if their control
# steps reached the replica of their gateway calls.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
scaleout_ports=("$(free_port)" "$(free_port)" "$(free_port)" "$(free_port)")
scaleout_compose() {
  PAYSYS_IMAGE="$image" NGINX_IMAGE="$nginx_standin" PAYSYS_BALANCER_PORT="${scaleout_ports[0]}" \
    PAYSYS_REPLICA_1_PORT="${scaleout_ports[1]}" PAYSYS_REPLICA_2_PORT="${scaleout_ports[2]}" PAYSYS_REPLICA_3_PORT="${scaleout_ports[3]}" \
    docker-compose --project-name "paysysscaleout$$" --file examples/scale-out/docker-compose.yml "$@"
}
say "examples/scale-out: docker-compose up (3 × $image behind $nginx_standin)"
scaleout_started=$(date +%s)
scaleout_compose config --quiet || { echo "docker-compose rejects examples/scale-out/docker-compose.yml." >&2; exit 1; }
scaleout_project="paysysscaleout$$"
scaleout_compose up --detach --no-build >"$workdir/scaleout-up.log" 2>&1 || { cat "$workdir/scaleout-up.log" >&2; exit 1; }
balancer="http://127.0.0.1:${scaleout_ports[0]}"
for _ in $(seq 1 200); do
  curl -fsS -o /dev/null "$balancer/_sandbox/health" 2>/dev/null && break
  sleep 0.05
done
curl -fsS "$balancer/_sandbox/health" | jq -e '.status == "ok"' >/dev/null || { echo "The balancer never answered /_sandbox/health." >&2; exit 1; }
for replica in 1 2 3; do
  owner=$("$docker" run --rm -v "${scaleout_project}_state-$replica:/state" "$runtime_standin" stat -c %u /state)
  [ "$owner" = "1654" ] || { echo "Volume state-$replica is owned by uid $owner, not the image's user 1654." >&2; exit 1; }
done

# A drop fault resets the replica's connection; nginx answers that with its own 502, never passes the reset on, so
# the files expecting `transport: dropped` run against a single sandbox above, not through the balancer.
cp -r scenarios "$workdir/scaleout-scenarios"
grep -rl --include='*.yaml' "transport: dropped" "$workdir/scaleout-scenarios" | xargs -r rm --
if ! "$workdir/PaySys.Sandbox" scenarios run "$workdir/scaleout-scenarios" --url "$balancer" --quiet --junit "$workdir/scaleout.xml" >"$workdir/scaleout-run.log" 2>&1; then
  tail -60 "$workdir/scaleout-run.log" >&2
  echo "The scenario library did not pass through the balancer of examples/scale-out." >&2
  exit 1
fi
tail -3 "$workdir/scaleout-run.log" | sed 's/^/  | /'
# Each testcase's system-out starts with "tenant SERVICE_ID" (JUnitWriter).
mapfile -t scaleout_tenants < <(grep -oE '<system-out>tenant [A-Za-z0-9_.]+' "$workdir/scaleout.xml" | awk '{print $2}' | sort -u)
[ "${#scaleout_tenants[@]}" -ge 10 ] || { echo "The run's JUnit report names ${#scaleout_tenants[@]} tenants; expected one per file." >&2; exit 1; }
held=(0 0 0)
control_only=0
for tenant in "${scaleout_tenants[@]}"; do
  on=()
  for replica in 1 2 3; do
    # A GET only peeks (a tenant a replica never saw reads as a fresh, empty one, and is not opened): the replica that
    # served the file's gateway calls is the one whose journal for it is not empty.
    entries=$(curl -fsS "http://127.0.0.1:${scaleout_ports[$replica]}/_sandbox/journal?service_id=$tenant" | jq '.entries | length') \
      || { echo "Replica $replica did not answer the journal of tenant $tenant." >&2; exit 1; }
    if [ "$entries" -gt 0 ]; then
      on+=("$replica"); held[replica - 1]=$((held[replica - 1] + 1))
    fi
  done
  # A file of control steps only journals nothing anywhere; two journals would mean a split tenant.
  [ "${#on[@]}" -le 1 ] || { echo "Tenant $tenant is on replicas [${on[*]}], not on exactly one." >&2; exit 1; }
  if [ "${#on[@]}" -eq 0 ]; then control_only=$((control_only + 1)); fi
done
for replica in 1 2 3; do
  [ "${held[replica - 1]}" -gt 0 ] || { echo "Replica $replica holds none of the ${#scaleout_tenants[@]} tenants: nothing was spread." >&2; exit 1; }
done
[ "$control_only" -le $((${#scaleout_tenants[@]} / 4)) ] || { echo "$control_only of ${#scaleout_tenants[@]} tenants are in no replica's journal." >&2; exit 1; }
echo "  ${#scaleout_tenants[@]} tenants, each in one replica's journal: ${held[0]} / ${held[1]} / ${held[2]}, $control_only with control steps only ($(($(date +%s) - scaleout_started)) s)"
scaleout_compose down -v --remove-orphans >/dev/null 2>&1
scaleout_project=""

if [ -n "${PAYSYS_IMAGE_SUITES:-}" ]; then
  say "PAYSYS_IMAGE_SUITES against the container"
  PAYSYS_URL="$url" bash -c "$PAYSYS_IMAGE_SUITES"
fi

# ------------------------------------------------------------------------------------------------- figures
say "process start → healthy (the AOT binary from the image, outside Docker)"
docker/startup-time.sh "$workdir/PaySys.Sandbox" 20 | tee "$workdir/startup.txt"

say "figures"
echo "  image $image           $(mb "$image_bytes") ($(mb "$((image_bytes - base_bytes))") on top of the $(mb "$base_bytes") stand-in base)"
echo "  binary /app/PaySys.Sandbox     $(mb "$binary_bytes")"
echo "  docker run → health answers    ${answered_ms:-?} ms"
echo "  docker run → docker: healthy   $healthy_ms ms (the image checks itself every 500 ms)"
echo "  $(tail -1 "$workdir/startup.txt")"
echo "  whole script                   $(elapsed)"
echo "Docker image test passed."

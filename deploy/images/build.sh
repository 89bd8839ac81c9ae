#!/usr/bin/env bash
# Builds Slipway's role images locally, with no registry pull (run through `./slipway images`, which first brings the
# jars up to date): slipway/control-plane, slipway/runner and slipway/edge, each tagged with the project's version and
# `latest`, on the cached base of deploy/images/runtime.sh. A role image is the base plus the role's jar and the
# launcher, so a rebuild after a code change takes seconds. Each image runs `slipway <role>`: the same environment
# variables as `./slipway control-plane | runner | edge` (docs/administration/several-machines.md).
#
#   deploy/images/build.sh --version V [--services]
#     --services  also the PostgreSQL and S3 images deploy/compose can use where no public image can be pulled
#                 (deploy/images/services.sh)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VERSION=
SERVICES=false
while [ $# -gt 0 ]; do
  case "$1" in
    --version) VERSION="$2"; shift ;;
    --services) SERVICES=true ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$VERSION" ] || { echo "images: --version is required" >&2; exit 2; }

say() { printf 'images: %s\n' "$*"; }
base=$("$HERE/runtime.sh")
revision=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
work=$(mktemp -d /var/tmp/slipway-images.XXXXXX)
trap 'rm -rf "$work"' EXIT

# role module user healthcheck-command
build_role() {
  local role=$1 module=$2 user=$3 health=$4 extra=${5:-}
  local context="$work/$role" jar="slipway-$module-$VERSION.jar"
  mkdir -p "$context"
  cp "$ROOT/slipway" "$context/slipway"
  cp "$ROOT/$module/target/$jar" "$context/$jar"
  cat > "$context/Dockerfile" <<DOCKERFILE
FROM $base
COPY slipway /opt/slipway/slipway
COPY $jar /opt/slipway/lib/$jar
ENV SLIPWAY_DATA_DIR=/var/lib/slipway $extra
VOLUME /var/lib/slipway
WORKDIR /var/lib/slipway
USER $user
HEALTHCHECK --interval=10s --timeout=5s --start-period=300s --retries=3 CMD $health
LABEL org.opencontainers.image.title="slipway-$role" org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.revision="$revision"
ENTRYPOINT ["/opt/slipway/slipway", "$role"]
DOCKERFILE
  # the legacy builder takes FROM from the local images and never asks a registry (BuildKit would resolve it)
  # (its deprecation notice goes to stderr, shown only when the build fails)
  DOCKER_BUILDKIT=0 docker build -q -t "slipway/$role:$VERSION" -t "slipway/$role:latest" "$context" \
    > /dev/null 2> "$work/$role.log" || { cat "$work/$role.log" >&2; exit 1; }
  say "slipway/$role:$VERSION  $(image_size "slipway/$role:$VERSION")"
}

image_size() { docker image inspect --format '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1 / 1000000}'; }

build_role control-plane control-plane slipway \
  'curl -fsS -o /dev/null "http://127.0.0.1:${SLIPWAY_API_PORT:-8080}/actuator/health" || exit 1'
# The edge listens on 8000 and 8443 inside (no privileged ports for a non-root user); publish them as 80 and 443.
build_role edge edge-router slipway \
  'curl -fsS -o /dev/null "http://127.0.0.1:${SLIPWAY_EDGE_PORT:-8000}/_slipway/health" || exit 1'
# Root: the runner drives the node's Docker engine through its socket (root on that node whatever the container's user)
# and adds the HostFirewall's iptables rules. The health check asks the SSR compute host, when enabled; metrics and
# probes are on the management port, 8201 on every address of the container's own network namespace (Prometheus
# scrapes <container>:8201; deploy/compose, on the host's network, sets its own).
build_role runner build-runner root \
  '[ "${SLIPWAY_COMPUTE_ENABLED:-true}" = false ] || curl -fsS -o /dev/null "http://${SLIPWAY_COMPUTE_BIND_ADDRESS:-127.0.0.1}:${SLIPWAY_COMPUTE_PORT}/_slipway/compute/health" || exit 1' \
  'SLIPWAY_EXECUTOR=docker SLIPWAY_COMPUTE_PORT=8200 SLIPWAY_RUNNER_MANAGEMENT_PORT=8201 SLIPWAY_RUNNER_MANAGEMENT_ADDRESS=0.0.0.0'
say "base $base  $(image_size "$base")"

"$ROOT/deploy/build-image/build.sh" | sed 's/^/images: /'
if $SERVICES; then
  "$HERE/services.sh" "$base"
fi

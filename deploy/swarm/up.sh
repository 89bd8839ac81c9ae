#!/usr/bin/env bash
# Deploys Slipway as a Docker Swarm stack (deploy/swarm/stack.yaml) and returns once the API answers.
# Run on a manager node. Creates what the stack needs and does not find: the Swarm secrets (generated, or from
# SLIPWAY_BOOTSTRAP_TOKEN / SLIPWAY_ADMIN_PASSWORD when given) and the attachable overlay network. Running it
# again updates the stack in place (new images, settings): secrets, network and volumes are kept.
#
#   SLIPWAY_API_PORT=8080 SLIPWAY_EDGE_PORT=80 SLIPWAY_EDGE_HTTPS_PORT=443 deploy/swarm/up.sh
#
# Settings (environment; defaults in brackets): SLIPWAY_STACK [slipway], SLIPWAY_BOOTSTRAP_TOKEN [generated],
# SLIPWAY_API_PORT [8080], SLIPWAY_EDGE_PORT [80], SLIPWAY_EDGE_HTTPS_PORT [443], SLIPWAY_PUBLIC_URL
# [http://localhost:$SLIPWAY_API_PORT], SLIPWAY_BASE_DOMAIN [localhost], images SLIPWAY_{CONTROL_PLANE,RUNNER,EDGE,
# POSTGRES,S3,HAPROXY}_IMAGE, SLIPWAY_DATABASE_URL and SLIPWAY_S3_ENDPOINT for an external database or bucket,
# SLIPWAY_UP_TIMEOUT [300] seconds. deploy/README.md "Docker Swarm" has the rest.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf '[swarm] %s\n' "$*"; }
die() { printf '[swarm] error: %s\n' "$*" >&2; exit 1; }

export SLIPWAY_STACK=${SLIPWAY_STACK:-slipway}
export SLIPWAY_NETWORK=${SLIPWAY_NETWORK:-${SLIPWAY_STACK}-net}
export SLIPWAY_API_PORT=${SLIPWAY_API_PORT:-8080}
export SLIPWAY_EDGE_PORT=${SLIPWAY_EDGE_PORT:-80}
export SLIPWAY_EDGE_HTTPS_PORT=${SLIPWAY_EDGE_HTTPS_PORT:-443}
export SLIPWAY_S3_PORT=${SLIPWAY_S3_PORT:-9090}
export SLIPWAY_COMPUTE_PUBLISHED_PORT=${SLIPWAY_COMPUTE_PUBLISHED_PORT:-8200}
export SLIPWAY_PUBLIC_URL=${SLIPWAY_PUBLIC_URL:-http://localhost:$SLIPWAY_API_PORT}
export SLIPWAY_BASE_DOMAIN=${SLIPWAY_BASE_DOMAIN:-localhost}
export SLIPWAY_ADMIN_EMAIL=${SLIPWAY_ADMIN_EMAIL:-admin@example.com}
version=${SLIPWAY_VERSION:-latest}
export SLIPWAY_CONTROL_PLANE_IMAGE=${SLIPWAY_CONTROL_PLANE_IMAGE:-slipway/control-plane:$version}
export SLIPWAY_RUNNER_IMAGE=${SLIPWAY_RUNNER_IMAGE:-slipway/runner:$version}
export SLIPWAY_EDGE_IMAGE=${SLIPWAY_EDGE_IMAGE:-slipway/edge:$version}
export SLIPWAY_BUILD_IMAGE=${SLIPWAY_BUILD_IMAGE:-slipway/build:3}
export SLIPWAY_POSTGRES_IMAGE=${SLIPWAY_POSTGRES_IMAGE:-postgres:16}
export SLIPWAY_S3_IMAGE=${SLIPWAY_S3_IMAGE:-adobe/s3mock:4.7.0}
export SLIPWAY_HAPROXY_IMAGE=${SLIPWAY_HAPROXY_IMAGE:-haproxy:2.8}
export SLIPWAY_DATABASE_URL=${SLIPWAY_DATABASE_URL:-jdbc:postgresql://postgres:5432/slipway}
export SLIPWAY_BLOB_STORE=${SLIPWAY_BLOB_STORE:-s3://slipway-artifacts/slipway}
export SLIPWAY_S3_ENDPOINT=${SLIPWAY_S3_ENDPOINT:-http://s3:9090}
# edges are on the host network, where the overlay's names do not resolve: the stack's S3 through its host port
export SLIPWAY_EDGE_S3_ENDPOINT=${SLIPWAY_EDGE_S3_ENDPOINT:-$(
  [ "$SLIPWAY_S3_ENDPOINT" = http://s3:9090 ] && echo "http://127.0.0.1:$SLIPWAY_S3_PORT" || echo "$SLIPWAY_S3_ENDPOINT")}
export SLIPWAY_S3_REGION=${SLIPWAY_S3_REGION:-us-east-1}
export SLIPWAY_S3_ACCESS_KEY=${SLIPWAY_S3_ACCESS_KEY:-slipway}
# a Swarm template: each runner advertises its own node
node_url="http://{{.Node.Hostname}}:$SLIPWAY_COMPUTE_PUBLISHED_PORT"
export SLIPWAY_COMPUTE_ADVERTISED_URL=${SLIPWAY_COMPUTE_ADVERTISED_URL:-$node_url}
if [ -z "${SLIPWAY_EDGE_USER:-}" ]; then
  # ports below 1024 in the host's network namespace need root; above, the image's own user
  if [ "$SLIPWAY_EDGE_PORT" -lt 1024 ] || [ "$SLIPWAY_EDGE_HTTPS_PORT" -lt 1024 ]; then SLIPWAY_EDGE_USER=0; else SLIPWAY_EDGE_USER=10001; fi
fi
export SLIPWAY_EDGE_USER
export SLIPWAY_CONTROL_PLANE_JAVA_OPTS=${SLIPWAY_CONTROL_PLANE_JAVA_OPTS:-} SLIPWAY_RUNNER_JAVA_OPTS=${SLIPWAY_RUNNER_JAVA_OPTS:-}
export SLIPWAY_EDGE_JAVA_OPTS=${SLIPWAY_EDGE_JAVA_OPTS:-}

command -v docker >/dev/null || die "docker is needed"
[ "$(docker info --format '{{.Swarm.ControlAvailable}}')" = true ] \
  || die "this engine is not a Swarm manager (docker swarm init, or run on a manager)"

# A secret is created once; its value never changes under a running stack (Swarm secrets are immutable).
# Swarm never shows a secret again: the two a person signs in with are printed when this generates them.
secret() { # name [value (default: 32 random bytes, base64)] [show]
  local name="${SLIPWAY_STACK}_$1" value=${2:-}
  docker secret inspect "$name" >/dev/null 2>&1 && return 0
  [ -n "$value" ] || value=$(head -c 32 /dev/urandom | base64)
  printf '%s' "$value" | docker secret create --label "dev.slipway.stack=$SLIPWAY_STACK" "$name" - >/dev/null
  if [ "${3:-}" = show ]; then say "created secret $name: $value"; else say "created secret $name"; fi
}
token() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
secret master_key
secret tls_key
secret runner_token "runner-$(token)"
secret edge_token "edge-$(token)"
if [ -n "${SLIPWAY_BOOTSTRAP_TOKEN:-}" ]; then secret bootstrap_token "$SLIPWAY_BOOTSTRAP_TOKEN"; else secret bootstrap_token "admin-$(token)" show; fi
if [ -n "${SLIPWAY_ADMIN_PASSWORD:-}" ]; then secret admin_password "$SLIPWAY_ADMIN_PASSWORD"; else secret admin_password "$(token)" show; fi
secret postgres_password "$(token)"
secret s3_secret_key "$(token)"

if ! docker network inspect "$SLIPWAY_NETWORK" >/dev/null 2>&1; then
  docker network create --driver overlay --attachable --label "dev.slipway.stack=$SLIPWAY_STACK" "$SLIPWAY_NETWORK" \
    >/dev/null
  say "created overlay network $SLIPWAY_NETWORK"
fi

# Edges share their ports with SO_REUSEPORT during a rolling update; connections the old edge had queued but not
# accepted move to the new one only with this (Linux 5.14+; a host setting: on every node, e.g. in sysctl.d)
if [ -w /proc/sys/net/ipv4/tcp_migrate_req ]; then
  echo 1 > /proc/sys/net/ipv4/tcp_migrate_req
else
  say "note: could not set net.ipv4.tcp_migrate_req=1 here; set it on every node for loss-free edge updates"
fi

# Something else answering on the API port would pass for this stack's readiness (a rerun finds its own `api`)
if ! docker service inspect "${SLIPWAY_STACK}_api" >/dev/null 2>&1 \
    && (exec 3<>"/dev/tcp/127.0.0.1/$SLIPWAY_API_PORT") 2>/dev/null; then
  die "port $SLIPWAY_API_PORT (SLIPWAY_API_PORT) is already in use on this node"
fi

started=$SECONDS
# --resolve-image never: locally built images work (a single node, or the same tag built on every node)
docker stack deploy --resolve-image "${SLIPWAY_RESOLVE_IMAGE:-never}" --prune -c "$HERE/stack.yaml" "$SLIPWAY_STACK" \
  | sed 's/^/[swarm] /'

timeout=${SLIPWAY_UP_TIMEOUT:-300}
say "waiting for the API on :$SLIPWAY_API_PORT ..."
until curl -fsS -o /dev/null "http://127.0.0.1:$SLIPWAY_API_PORT/actuator/health" 2>/dev/null; do
  if [ $((SECONDS - started)) -ge "$timeout" ]; then
    docker stack ps --no-trunc "$SLIPWAY_STACK" >&2 || true
    die "the API did not answer within $timeout s (docker service logs ${SLIPWAY_STACK}_control-plane)"
  fi
  sleep 1
done
cat <<EOF
[swarm] stack $SLIPWAY_STACK up in $((SECONDS - started)) s
[swarm]   API and console  http://localhost:$SLIPWAY_API_PORT   (owner $SLIPWAY_ADMIN_EMAIL; password: the secret ${SLIPWAY_STACK}_admin_password)
[swarm]   sites            http://<branch>.<appId>.$SLIPWAY_BASE_DOMAIN:$SLIPWAY_EDGE_PORT   (https on :$SLIPWAY_EDGE_HTTPS_PORT)
[swarm]   services         docker stack services $SLIPWAY_STACK
EOF

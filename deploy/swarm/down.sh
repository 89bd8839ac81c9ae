#!/usr/bin/env bash
# Removes the Slipway stack that deploy/swarm/up.sh deployed and waits until its containers are gone. Volumes
# (database, bucket, edge caches), secrets and the network stay, so up.sh brings back the same apps, deployments and
# sites; --purge removes those too (every node's volumes of the stack: run it on each node, or prune them there).
#
#   SLIPWAY_STACK=slipway deploy/swarm/down.sh [--purge]
set -euo pipefail

STACK=${SLIPWAY_STACK:-slipway}
NETWORK=${SLIPWAY_NETWORK:-${STACK}-net}
PURGE=false
case "${1:-}" in
  --purge) PURGE=true ;;
  "") ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac
say() { printf '[swarm] %s\n' "$*"; }

docker stack rm "$STACK" 2>&1 | sed 's/^/[swarm] /'
# `stack rm` returns before the tasks stop; volumes in use cannot be removed and a new deploy would race the old
for _ in $(seq 1 120); do
  [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$STACK")" ] && break
  sleep 1
done
if $PURGE; then
  volumes=$(docker volume ls -q --filter "label=com.docker.stack.namespace=$STACK")
  [ -z "$volumes" ] || docker volume rm $volumes >/dev/null
  secrets=$(docker secret ls -q --filter "label=dev.slipway.stack=$STACK")
  [ -z "$secrets" ] || docker secret rm $secrets >/dev/null
  docker network rm "$NETWORK" >/dev/null 2>&1 || true
  say "stack $STACK removed with its volumes, secrets and network"
else
  say "stack $STACK removed; volumes, secrets and network $NETWORK kept (--purge removes them)"
fi

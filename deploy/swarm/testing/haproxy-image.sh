#!/usr/bin/env bash
# A local HAProxy image for the stack's API entry point where no public image can be pulled (tests; stack-notes §7):
# Debian's haproxy package in a bookworm minbase rootfs from the host's Debian mirror, imported with `docker import`.
# Elsewhere the stack uses the public image (SLIPWAY_HAPROXY_IMAGE, default haproxy:2.8). Idempotent.
#
#   deploy/swarm/testing/haproxy-image.sh [--tag slipway/haproxy:local]
set -euo pipefail

TAG=slipway/haproxy:local
[ "${1:-}" = --tag ] && TAG=$2
if docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "$TAG"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "haproxy-image: debootstrap is required" >&2; exit 1; }
mirror=$(grep -rhoE '^(deb|URIs:) +https?://[^ ]+debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | grep -v security | head -n1 | awk '{print $NF}' || true)
mirror=${mirror:-http://deb.debian.org/debian}
work=$(mktemp -d /var/tmp/slipway-haproxy.XXXXXX)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include=haproxy bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/usr/share/doc/"* "$work/rootfs/usr/share/man/"* \
  "$work/rootfs/var/cache/apt/"*.bin
tar -C "$work/rootfs" --numeric-owner -c . | docker import -c 'CMD ["haproxy", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]' - "$TAG" > /dev/null
echo "$TAG"

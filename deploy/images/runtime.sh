#!/usr/bin/env bash
# The bases of Slipway's images, built without any image registry: slipway/debian:<hash>, a Debian bookworm minbase
# rootfs from the host's Debian mirror (as deploy/build-image/build.sh) imported with `docker import`, and on it
# slipway/runtime:<hash>, adding a jlink'd Java runtime of the machine's JDK. The tag is a hash of the inputs (this
# script, the JDK's release file), so role images rebuild in seconds on top of it and a new JDK or a change here
# makes new bases.
#
#   deploy/images/runtime.sh            prints the runtime's tag, building both images when absent
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JDK=${SLIPWAY_IMAGE_JDK:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}
# What Spring Boot, Netty, JGit, docker-java, the AWS SDK and the PostgreSQL driver use; jdk.jcmd for thread and heap
# dumps of a running container (docker exec <c> jcmd 1 Thread.print)
MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,\
java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,\
java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.httpserver,jdk.jcmd,jdk.jfr,\
jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
# The user of the images whose role allows it (the runner stays root: see deploy/README.md)
APP_UID=10001

[ -x "$JDK/bin/jlink" ] || { echo "runtime: no jlink in $JDK (set SLIPWAY_IMAGE_JDK to a JDK 21+)" >&2; exit 1; }
hash=$( { cat "${BASH_SOURCE[0]}" "$JDK/release"; } | sha256sum | cut -c1-12)
TAG=slipway/runtime:$hash
DEBIAN=slipway/debian:$hash
if docker image inspect "$TAG" "$DEBIAN" >/dev/null 2>&1; then
  echo "$TAG"
  exit 0
fi
for tool in debootstrap docker tar; do
  command -v "$tool" >/dev/null || { echo "runtime: '$tool' is required (apt-get install -y debootstrap docker.io)" >&2; exit 1; }
done

mirror=$(grep -rhoE '^(deb|URIs:) +https?://[^ ]+debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | grep -v security | head -n1 | awk '{print $NF}' || true)
mirror=${mirror:-http://deb.debian.org/debian}
work=$(mktemp -d /var/tmp/slipway-runtime.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "runtime: debootstrap bookworm from $mirror" >&2
# curl for HEALTHCHECKs; iptables (nf_tables, as Debian's hosts) for the runner's HostFirewall
debootstrap --variant=minbase --include=ca-certificates,curl,iptables bookworm "$rootfs" "$mirror" \
  > "$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
echo "slipway:x:$APP_UID:$APP_UID:Slipway:/var/lib/slipway:/usr/sbin/nologin" >> "$rootfs/etc/passwd"
echo "slipway:x:$APP_UID:" >> "$rootfs/etc/group"
mkdir -p "$rootfs/var/lib/slipway"
chown "$APP_UID:$APP_UID" "$rootfs/var/lib/slipway"
# trimmed: apt's lists and downloaded packages, docs
rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/apt/"* "$rootfs/usr/share/doc/"* "$rootfs/usr/share/man/"* \
  "$rootfs/usr/share/locale/"* "$rootfs/var/log/"*.log
echo "runtime: importing $DEBIAN" >&2
tar -C "$rootfs" --numeric-owner -c . | docker import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'ENV LANG=C.UTF-8' \
  -c "LABEL dev.slipway.base=$hash" \
  - "$DEBIAN" > /dev/null

echo "runtime: jlink $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JDK/release") from $JDK" >&2
mkdir "$work/java"
# without the CDS archive for heaps over 32 GB (15 MB)
"$JDK/bin/jlink" --add-modules "$MODULES" --output "$work/java/java" --strip-debug --no-header-files \
  --no-man-pages --generate-cds-archive > "$work/jlink.log" 2>&1 || { cat "$work/jlink.log" >&2; exit 1; }
rm -f "$work/java/java/lib/server/classes_nocoops.jsa"
printf 'FROM %s\nCOPY java /opt/java\nENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n' \
  "$DEBIAN" > "$work/java/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q -t "$TAG" "$work/java" > /dev/null 2> "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
echo "$TAG"

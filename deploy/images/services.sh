#!/usr/bin/env bash
# Images of the services deploy/compose runs beside Slipway, for hosts that cannot pull the public ones (and the
# Compose test): slipway/postgres:<major>, this machine's Debian PostgreSQL server binaries on the slipway/debian base,
# started the way the official `postgres` image is (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, PGDATA), and
# slipway/s3mock:<version>, the S3Mock jar the tests use on the Java runtime base (the `adobe/s3mock` image's
# settings). Each is rebuilt only when absent or built on an older base.
#
#   deploy/images/services.sh slipway/runtime:<hash>
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
runtime=$1
debian=${runtime/slipway\/runtime/slipway\/debian}
hash=${runtime##*:}
work=$(mktemp -d /var/tmp/slipway-services.XXXXXX)
trap 'rm -rf "$work"' EXIT

say() { printf 'images: %s\n' "$*"; }
current() { [ "$(docker image inspect --format '{{index .Config.Labels "dev.slipway.base"}}' "$1" 2>/dev/null)" = "$hash" ]; }
build() { # tag context
  DOCKER_BUILDKIT=0 docker build -q -t "$1" "$2" > /dev/null 2> "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
  say "$1  $(docker image inspect --format '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1 / 1000000}')"
}

postgres_image() {
  local bin major tag context
  bin=$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | sort -V | tail -n1 || true)
  [ -n "$bin" ] || { echo "images: no PostgreSQL server here (apt-get install postgresql)" >&2; exit 1; }
  major=$(basename "$(dirname "$(dirname "$bin")")")
  tag=slipway/postgres:$major
  # a changed entrypoint makes a new image too
  local entrypoint
  entrypoint=$(sha256sum "$HERE/postgres-entrypoint.sh" | cut -c1-12)
  if current "$tag" && [ "$(docker image inspect --format '{{index .Config.Labels "dev.slipway.entrypoint"}}' "$tag")" \
      = "$entrypoint" ]; then say "$tag present"; return; fi
  context="$work/postgres"
  mkdir -p "$context/fs/usr/lib/postgresql" "$context/fs/usr/share/postgresql" "$context/fs/usr/lib/x86_64-linux-gnu"
  # the JIT (LLVM, 100 MB) stays out: PostgreSQL runs without it when llvmjit.so is absent
  tar -C /usr/lib/postgresql -c --exclude='llvmjit*' --exclude=bitcode "$major" | tar -C "$context/fs/usr/lib/postgresql" -x
  cp -a "/usr/share/postgresql/$major" "$context/fs/usr/share/postgresql/"
  # the shared libraries the server and its tools need that the base lacks, as this machine has them
  docker run --rm --entrypoint sh "$debian" -c 'ls /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu 2>/dev/null' \
    | sort -u > "$work/base-libs"
  # (ldd fails on the scripts among them)
  { find "$context/fs/usr/lib/postgresql" -type f \( -perm -u+x -o -name '*.so' \) -exec ldd {} + 2>/dev/null || true; } \
    | awk '$2 == "=>" && $3 ~ /^\// {print $1 " " $3}' | sort -u | while read -r name path; do
      grep -qx "$name" "$work/base-libs" || cp -L "$path" "$context/fs/usr/lib/x86_64-linux-gnu/$name"
    done
  install -m 0755 "$HERE/postgres-entrypoint.sh" "$context/docker-entrypoint.sh"
  cat > "$context/Dockerfile" <<DOCKERFILE
FROM $debian
COPY fs/ /
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
# uid 999 as in the official image, so a data volume moves between the two
RUN groupadd -r -g 999 postgres && useradd -r -u 999 -g postgres -d /var/lib/postgresql postgres \\
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \\
 && chmod 700 /var/lib/postgresql/data && ldconfig
ENV PATH=/usr/lib/postgresql/$major/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PGDATA=/var/lib/postgresql/data
USER postgres
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
LABEL dev.slipway.base=$hash dev.slipway.entrypoint=$entrypoint
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
DOCKERFILE
  build "$tag" "$context"
}

s3mock_image() {
  local version tag context
  version=$(sed -n 's:.*<s3mock.version>\(.*\)</s3mock.version>.*:\1:p' "$ROOT/pom.xml")
  tag=slipway/s3mock:$version
  if current "$tag"; then say "$tag present"; return; fi
  context="$work/s3mock"
  mkdir -p "$context"
  (cd "$ROOT" && mvn -B -q -o dependency:copy -Dartifact="com.adobe.testing:s3mock:$version:jar:exec" \
    -DoutputDirectory="$context" -Dmdep.stripClassifier=false) > "$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; exit 1; }
  mv "$context/s3mock-$version-exec.jar" "$context/s3mock.jar"
  cat > "$context/Dockerfile" <<DOCKERFILE
FROM $runtime
COPY s3mock.jar /opt/s3mock/s3mock.jar
# deploy/compose keeps the store in a volume at /data (created with this directory's owner)
RUN mkdir -p /data && chown slipway:slipway /data
USER slipway
EXPOSE 9090
LABEL dev.slipway.base=$hash
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx256m", "-jar", "/opt/s3mock/s3mock.jar"]
DOCKERFILE
  build "$tag" "$context"
}

postgres_image
s3mock_image

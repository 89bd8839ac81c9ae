#!/bin/sh
# Blob store throughput: the filesystem store against S3 (S3Mock's exec jar in its own JVM, issue 17).
#   bench/blob-store/run.sh          short mode (CI: must run): 200 x 4 KB blobs and one 16 MB blob
#   bench/blob-store/run.sh --full   1,000 x 4 KB blobs and one 100 MB blob
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
cd "$root"
mvn -B -q -pl protocol -am test-compile ${MAVEN_OFFLINE:+-o}
mvn -B -q -pl protocol dependency:copy@s3mock dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$root/protocol/target/bench-classpath.txt" ${MAVEN_OFFLINE:+-o}
cp="$root/protocol/target/test-classes:$root/protocol/target/classes:$(cat "$root/protocol/target/bench-classpath.txt")"
"$JAVA_HOME/bin/java" -cp "$cp" -Dslipway.s3mock.jar="$root/protocol/target/s3mock/s3mock-exec.jar" \
    dev.slipway.protocol.blob.BlobStoreBench "$@"

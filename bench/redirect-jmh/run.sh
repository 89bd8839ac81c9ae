#!/bin/sh
# Builds and runs the redirect-matching JMH benchmark (issue 4: >= 200k lookups/s per core on the 2,086-rule file).
#   bench/redirect-jmh/run.sh          short mode (CI: must run, not meet the number): 1 fork, 2x2 s warm-up, 3x2 s
#   bench/redirect-jmh/run.sh --full   3 forks, 5x5 s warm-up, 5x5 s measurement
# Single-threaded benchmark, so the score is lookups/s on one core.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
cd "$root"
mvn -B -q -Pbench -pl bench/redirect-jmh -am package -DskipTests ${MAVEN_OFFLINE:+-o}
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
if [ "${1:-}" = "--full" ]; then args="-f 3 -wi 5 -w 5s -i 5 -r 5s"; else args="-f 1 -wi 2 -w 2s -i 3 -r 2s"; fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -cp "$cp" -Dslipway.redirects="$root/../shared/fixtures/redirects/aws-amplify__docs__redirects.json" \
    org.openjdk.jmh.Main RedirectLookupBenchmark $args -t 1 -rf text -rff "$out"
score=$(awk '/RedirectLookupBenchmark.lookup/ {print $4}' "$out" | tail -1)
printf 'redirect lookups/s (one thread, 2,086 rules): %s\n' "$score"
# issue 16 M2: the time of one lookup on hostile rules (catastrophic backtracking on java.util.regex)
"$JAVA_HOME/bin/java" -cp "$cp" dev.slipway.bench.redirect.HostileRuleTiming

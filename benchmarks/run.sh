#!/usr/bin/env bash
# Builds the benchmarks and runs JMH on them: bash benchmarks/run.sh [JMH arguments, e.g. TrackEvent -f 1]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main "$@"

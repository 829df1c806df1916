#!/usr/bin/env bash
# Runs StoreBenchmark: ./alerting-store-jdbc/run-benchmark.sh sqlite|postgres [records]
# PostgreSQL is taken from VIGIL_TEST_PG_URL / _USER / _PASSWORD (see ci-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl alerting-store-jdbc -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
m=alerting-store-jdbc
exec java -Xmx2g -Djava.util.logging.config.file=$m/src/test/resources/logging.properties \
  -cp "$m/target/test-classes:$m/target/classes:$(cat $m/target/benchmark.classpath)" \
  io.vigil.alerting.store.jdbc.StoreBenchmark "${1:-sqlite}" "${2:-1000000}"

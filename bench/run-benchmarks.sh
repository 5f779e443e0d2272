#!/usr/bin/env bash
# The one command of issue 8: runs every benchmark scenario against a freshly started suite on this machine and
# writes docs/benchmarks.md and bench/target/benchmarks.json. See docs/benchmarks.md ("How to run") for the
# BENCH_* knobs. Needs PostgreSQL and Redis (deploy/local/ensure-infra.sh); starts and stops everything else.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mkdir -p bench/target/logs

fail() { echo "run-benchmarks: $*" >&2; exit 1; }

# The services are needed unless only the baselines run.
if [ "${BENCH_SCENARIOS:-all}" != "baseline" ]; then
  needs_build=0
  for m in billing-service upstream-proxy-service gateway-service; do
    jar="$m/target/quarkus-app/quarkus-run.jar"
    if [ ! -f "$jar" ] || [ -n "$(find common-errors catalog "$m" -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
      needs_build=1
    fi
  done
  if [ "${SKIP_BUILD:-0}" != 1 ] && [ "$needs_build" = 1 ]; then
    echo "run-benchmarks: building the services (./mvnw -B -q -DskipTests package) ..."
    ./mvnw -B -q -DskipTests package -pl common-errors,catalog,billing-service,upstream-proxy-service,gateway-service \
      >bench/target/logs/build.log 2>&1 || { tail -n 40 bench/target/logs/build.log; fail "build failed (bench/target/logs/build.log)"; }
  fi
fi

echo "run-benchmarks: building the harness ..."
./mvnw -B -q -DskipTests -f bench/pom.xml package >bench/target/logs/bench-build.log 2>&1 \
  || { tail -n 40 bench/target/logs/bench-build.log; fail "harness build failed (bench/target/logs/bench-build.log)"; }

exec java -Xms256m -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.socialcrawl.bench.scenario.BenchMain "$root"

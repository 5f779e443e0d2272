#!/usr/bin/env bash
# Builds (when needed) and runs the whole suite locally: billing :8081, upstream proxy :8082 (sandbox upstream
# on), gateway :8080, against the local PostgreSQL and Redis. Creates a demo account and API key through the
# admin API and prints a first request to paste. Ctrl-C stops everything.
#
# Environment: BILLING_PORT, PROXY_PORT, GATEWAY_PORT, PGHOST/PGPORT/PGUSER/PGPASSWORD, SOCIALCRAWL_DB,
# QUARKUS_REDIS_HOSTS, BILLING_ADMIN_TOKEN, BILLING_INTERNAL_TOKEN, SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

BILLING_PORT=${BILLING_PORT:-8081}
PROXY_PORT=${PROXY_PORT:-8082}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
SOCIALCRAWL_DB=${SOCIALCRAWL_DB:-socialcrawl}
export QUARKUS_REDIS_HOSTS=${QUARKUS_REDIS_HOSTS:-redis://127.0.0.1:6379}
export BILLING_ADMIN_TOKEN=${BILLING_ADMIN_TOKEN:-local-admin-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}
export BILLING_INTERNAL_TOKEN=${BILLING_INTERNAL_TOKEN:-local-internal-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}
logs="$root/.run/logs"
mkdir -p "$logs"

fail() { echo "run-suite: $*" >&2; exit 1; }

# 1. PostgreSQL and Redis must answer.
if [ "$PGHOST:$PGPORT" = "127.0.0.1:5432" ] && [ "$QUARKUS_REDIS_HOSTS" = "redis://127.0.0.1:6379" ]; then
  bash deploy/local/ensure-infra.sh || fail "PostgreSQL or Redis is not reachable (see the message above)."
else
  pg_isready -h "$PGHOST" -p "$PGPORT" -q || fail "PostgreSQL is not reachable on $PGHOST:$PGPORT. Start it (README, Prerequisites) or set PGHOST/PGPORT."
  [ "$(redis-cli -u "$QUARKUS_REDIS_HOSTS" ping 2>/dev/null)" = "PONG" ] \
    || fail "Redis is not reachable at $QUARKUS_REDIS_HOSTS. Start it (README, Prerequisites) or set QUARKUS_REDIS_HOSTS."
fi

# 2. The ports must be free.
for p in "$BILLING_PORT" "$PROXY_PORT" "$GATEWAY_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    fail "port $p is already in use (another suite still running?). Stop it or set BILLING_PORT/PROXY_PORT/GATEWAY_PORT."
  fi
done

# 3. The ledger database exists.
if ! psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$SOCIALCRAWL_DB'" | grep -q 1; then
  echo "Creating database $SOCIALCRAWL_DB"
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -qc "CREATE DATABASE $SOCIALCRAWL_DB" \
    || fail "cannot create database $SOCIALCRAWL_DB as $PGUSER on $PGHOST:$PGPORT."
fi

# 4. Build when a packaged app is missing or older than its sources.
needs_build=0
for m in common-errors catalog billing-service upstream-proxy-service gateway-service; do
  jar="$m/target/quarkus-app/quarkus-run.jar"
  case $m in common-errors|catalog) continue ;; esac
  if [ ! -f "$jar" ] || [ -n "$(find common-errors catalog "$m" -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
    needs_build=1
  fi
done
if [ "${SKIP_BUILD:-0}" != 1 ] && [ "$needs_build" = 1 ]; then
  echo "Building the services (./mvnw -B -q -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package >"$logs/build.log" 2>&1 || { tail -n 40 "$logs/build.log"; fail "build failed (full log: $logs/build.log)"; }
fi

# 5. Start the three services; stop them all on exit.
pids=()
stop_all() {
  # Stop the services first, then talk: the terminal or a pipe may already be gone (SIGPIPE must not win).
  trap - INT TERM EXIT
  trap '' PIPE
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    echo "Stopping the suite ..." 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
    echo "Stopped." 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start() { # name port env...
  local name=$1 port=$2; shift 2
  env QUARKUS_HTTP_PORT="$port" "$@" java -jar "$root/$name/target/quarkus-app/quarkus-run.jar" >"$logs/$name.log" 2>&1 &
  pids+=($!)
}
start billing-service "$BILLING_PORT" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$SOCIALCRAWL_DB" \
  QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
start upstream-proxy-service "$PROXY_PORT" UPSTREAM_SANDBOX_ENABLED=true
start gateway-service "$GATEWAY_PORT" \
  QUARKUS_REST_CLIENT_BILLING_URL="http://127.0.0.1:$BILLING_PORT" \
  QUARKUS_REST_CLIENT_PROXY_URL="http://127.0.0.1:$PROXY_PORT"

wait_ready() { # name port
  for _ in $(seq 1 90); do
    if curl -fsS "http://127.0.0.1:$2/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "--- last lines of $logs/$1.log ---" >&2; tail -n 30 "$logs/$1.log" >&2
  fail "$1 did not become ready on port $2 within 90 s"
}
wait_ready billing-service "$BILLING_PORT"
wait_ready upstream-proxy-service "$PROXY_PORT"
wait_ready gateway-service "$GATEWAY_PORT"

# 6. A demo account and key through the admin API.
admin=(-fsS -H "Authorization: Bearer $BILLING_ADMIN_TOKEN" -H 'Content-Type: application/json')
account=$(curl "${admin[@]}" -X POST "http://127.0.0.1:$BILLING_PORT/admin/accounts" -d '{"name":"demo"}') \
  || fail "could not create the demo account (see $logs/billing-service.log)"
account_id=$(printf '%s' "$account" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
key_json=$(curl "${admin[@]}" -X POST "http://127.0.0.1:$BILLING_PORT/admin/accounts/$account_id/keys" -d '{"name":"demo key"}') \
  || fail "could not create the demo key (see $logs/billing-service.log)"
key=$(printf '%s' "$key_json" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')

cat <<MSG

SocialCrawl is running (logs in .run/logs/):
  gateway  http://127.0.0.1:$GATEWAY_PORT   billing http://127.0.0.1:$BILLING_PORT   proxy http://127.0.0.1:$PROXY_PORT (sandbox upstream)
Demo account $account_id, API key (shown once): $key
Admin token for this run: $BILLING_ADMIN_TOKEN

Try:
  curl -s -H 'x-api-key: $key' 'http://127.0.0.1:$GATEWAY_PORT/v1/tiktok/profile?handle=charlidamelio'
  curl -s -H 'x-api-key: $key' 'http://127.0.0.1:$GATEWAY_PORT/v1/credits/balance'
  curl -s 'http://127.0.0.1:$GATEWAY_PORT/v1/status'

Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}" || true
fail "a service stopped unexpectedly (see $logs/)"

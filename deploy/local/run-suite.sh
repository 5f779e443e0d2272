#!/usr/bin/env bash
# Builds (when needed) and runs the whole suite locally: billing :8081, upstream proxy :8082 (sandbox upstream
# on), gateway :8080 (health and metrics on the management ports :9081, :9082, :9080), against the local PostgreSQL
# and Redis. Creates a demo account and API key through the admin API on the first run and reuses them afterwards
# (.run/state/, not committed), and prints a first request to paste; likewise two dashboard users (a customer of the
# demo account and a billing user) with the sign-in address. Ctrl-C stops everything.
#
# Environment: BILLING_PORT, PROXY_PORT, GATEWAY_PORT, BILLING_MANAGEMENT_PORT, PROXY_MANAGEMENT_PORT,
# GATEWAY_MANAGEMENT_PORT, PGHOST/PGPORT/PGUSER/PGPASSWORD, SOCIALCRAWL_DB, QUARKUS_REDIS_HOSTS,
# BILLING_ADMIN_TOKEN, BILLING_INTERNAL_TOKEN, BILLING_LEDGER_TOKEN, PROXY_INTERNAL_TOKEN, SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

BILLING_PORT=${BILLING_PORT:-8081}
PROXY_PORT=${PROXY_PORT:-8082}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
BILLING_MANAGEMENT_PORT=${BILLING_MANAGEMENT_PORT:-9081}
PROXY_MANAGEMENT_PORT=${PROXY_MANAGEMENT_PORT:-9082}
GATEWAY_MANAGEMENT_PORT=${GATEWAY_MANAGEMENT_PORT:-9080}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
SOCIALCRAWL_DB=${SOCIALCRAWL_DB:-socialcrawl}
# 43 random URL-safe characters (32 bytes): the prod profile the packaged services run in wants at least 32.
token() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
export QUARKUS_REDIS_HOSTS=${QUARKUS_REDIS_HOSTS:-redis://127.0.0.1:6379}
export BILLING_ADMIN_TOKEN=${BILLING_ADMIN_TOKEN:-$(token)}
export BILLING_INTERNAL_TOKEN=${BILLING_INTERNAL_TOKEN:-$(token)}
export BILLING_LEDGER_TOKEN=${BILLING_LEDGER_TOKEN:-$(token)}
export PROXY_INTERNAL_TOKEN=${PROXY_INTERNAL_TOKEN:-$(token)}
logs="$root/.run/logs"
state="$root/.run/state"
mkdir -p "$logs" "$state"

fail() { echo "run-suite: $*" >&2; exit 1; }

# 1. PostgreSQL and Redis must answer.
if [ "$PGHOST:$PGPORT" = "127.0.0.1:5432" ] && [ "$QUARKUS_REDIS_HOSTS" = "redis://127.0.0.1:6379" ]; then
  ENSURE_TOOLS=0 bash deploy/local/ensure-infra.sh || fail "PostgreSQL or Redis is not reachable (see the message above)."
else
  pg_isready -h "$PGHOST" -p "$PGPORT" -q || fail "PostgreSQL is not reachable on $PGHOST:$PGPORT. Start it (README, Prerequisites) or set PGHOST/PGPORT."
  [ "$(redis-cli -u "$QUARKUS_REDIS_HOSTS" ping 2>/dev/null)" = "PONG" ] \
    || fail "Redis is not reachable at $QUARKUS_REDIS_HOSTS. Start it (README, Prerequisites) or set QUARKUS_REDIS_HOSTS."
fi

# 2. The ports must be free.
for p in "$BILLING_PORT" "$PROXY_PORT" "$GATEWAY_PORT" "$BILLING_MANAGEMENT_PORT" "$PROXY_MANAGEMENT_PORT" "$GATEWAY_MANAGEMENT_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    fail "port $p is already in use (another suite still running?). Stop it or set BILLING_PORT/PROXY_PORT/GATEWAY_PORT (and *_MANAGEMENT_PORT)."
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
  echo "Building the services (./mvnw -B -DskipTests package; a first build downloads Maven and the dependencies) ..."
  # One progress line per module as Maven starts it; the full output goes to the log.
  set +e
  ./mvnw -B -DskipTests package -pl billing-service,upstream-proxy-service,gateway-service -am 2>&1 \
    | tee "$logs/build.log" \
    | sed -un 's/^\[INFO\] Building \(.*[^ ]\) *\[\([0-9]*\/[0-9]*\)\]$/  [\2] \1/p'
  build_status=${PIPESTATUS[0]}
  set -e
  [ "$build_status" = 0 ] || { tail -n 40 "$logs/build.log"; fail "build failed (full log: $logs/build.log)"; }
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

start() { # name port management-port env...
  local name=$1 port=$2 management=$3; shift 3
  env QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$management" "$@" \
    java -jar "$root/$name/target/quarkus-app/quarkus-run.jar" >"$logs/$name.log" 2>&1 &
  pids+=($!)
}
# The dashboard is served over plain HTTP on the loopback here: its cookies cannot be HTTPS-only (docs/dashboard.md).
start billing-service "$BILLING_PORT" "$BILLING_MANAGEMENT_PORT" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$SOCIALCRAWL_DB" \
  QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  BILLING_DASHBOARD_SECURE_COOKIES="${BILLING_DASHBOARD_SECURE_COOKIES:-false}"
start upstream-proxy-service "$PROXY_PORT" "$PROXY_MANAGEMENT_PORT" UPSTREAM_SANDBOX_ENABLED=true
start gateway-service "$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT" \
  QUARKUS_REST_CLIENT_BILLING_URL="http://127.0.0.1:$BILLING_PORT" \
  QUARKUS_REST_CLIENT_PROXY_URL="http://127.0.0.1:$PROXY_PORT"

wait_ready() { # name management-port pid
  local name=$1 port=$2 pid=$3 waited=0
  printf 'Waiting for %s (http://127.0.0.1:%s/q/health/ready) ' "$name" "$port"
  while [ $waited -lt 90 ]; do
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
      echo " ready after ${waited} s"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo; echo "--- last lines of $logs/$name.log ---" >&2; tail -n 30 "$logs/$name.log" >&2
      fail "$name exited during start (see $logs/$name.log)"; }
    printf '.'
    sleep 1
    waited=$((waited + 1))
  done
  echo
  echo "--- last lines of $logs/$name.log ---" >&2; tail -n 30 "$logs/$name.log" >&2
  fail "$name did not become ready on management port $port within 90 s"
}
wait_ready billing-service "$BILLING_MANAGEMENT_PORT" "${pids[0]}"
wait_ready upstream-proxy-service "$PROXY_MANAGEMENT_PORT" "${pids[1]}"
wait_ready gateway-service "$GATEWAY_MANAGEMENT_PORT" "${pids[2]}"

# 6. The demo account and key: the ones of the last run when the gateway still accepts the key (same database),
# else new ones through the admin API, remembered for the next run.
admin=(-fsS -H "Authorization: Bearer $BILLING_ADMIN_TOKEN" -H 'Content-Type: application/json')
demo_file="$state/demo-$SOCIALCRAWL_DB.env"
account_id="" key="" key_note="reused from the last run"
if [ -f "$demo_file" ]; then
  # shellcheck disable=SC1090
  . "$demo_file"
  account_id=${DEMO_ACCOUNT_ID:-} key=${DEMO_API_KEY:-}
  if [ -z "$key" ] || [ "$(curl -s -o /dev/null -w '%{http_code}' -H "x-api-key: $key" \
      "http://127.0.0.1:$GATEWAY_PORT/v1/credits/balance")" != 200 ]; then
    echo "The demo key of $demo_file is not accepted any more (database reset?); creating a new one"
    account_id="" key=""
  fi
fi
if [ -z "$key" ]; then
  account=$(curl "${admin[@]}" -X POST "http://127.0.0.1:$BILLING_PORT/admin/accounts" -d '{"name":"demo"}') \
    || fail "could not create the demo account (see $logs/billing-service.log)"
  account_id=$(printf '%s' "$account" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
  key_json=$(curl "${admin[@]}" -X POST "http://127.0.0.1:$BILLING_PORT/admin/accounts/$account_id/keys" -d '{"name":"demo key"}') \
    || fail "could not create the demo key (see $logs/billing-service.log)"
  key=$(printf '%s' "$key_json" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
  (umask 077; printf 'DEMO_ACCOUNT_ID=%s\nDEMO_API_KEY=%s\n' "$account_id" "$key" >"$demo_file")
  key_note="created now, kept in ${demo_file#"$root"/} for the next runs"
fi
# A reused account keeps its balance: top it up when it runs low, so the demo requests keep working.
balance=$(curl -fsS -H "x-api-key: $key" "http://127.0.0.1:$GATEWAY_PORT/v1/credits/balance" \
  | sed -n 's/.*"balance":\([0-9]*\).*/\1/p') || balance=""
if [ -n "$balance" ] && [ "$balance" -lt 20 ]; then
  curl "${admin[@]}" -X POST "http://127.0.0.1:$BILLING_PORT/admin/accounts/$account_id/credits" \
    -d '{"amount":100,"type":"topup","note":"run-suite.sh demo top-up"}' >/dev/null \
    && balance=$((balance + 100))
fi

# 7. The dashboard users: a customer of the demo account (demo-<account id>, so a new demo account gets a new user) and
# a billing user, kept like the demo key. A user signs in first with a one-time password and then chooses its own;
# once it has, only the user knows it (reset it with the command printed).
users_file="$state/dashboard-users-$SOCIALCRAWL_DB.env"
# shellcheck disable=SC1090
[ -f "$users_file" ] && . "$users_file"
users_json=$(curl "${admin[@]}" "http://127.0.0.1:$BILLING_PORT/admin/dashboard-users") \
  || fail "could not list the dashboard users (see $logs/billing-service.log)"
user_field() { # name field: one field of the named user in the list, empty when there is no such user
  printf '%s' "$users_json" | sed 's/^\[//; s/\]$//; s/},{/}\n{/g' | grep "\"name\":\"$1\"" | head -n 1 \
    | sed -n "s/.*\"$2\":\"\\{0,1\\}\\([^,\"}]*\\).*/\\1/p"
}
dashboard_user() { # name role account(or empty) stored-password → prints the user's password line
  local name=$1 role=$2 account=$3 stored=$4 id json
  id=$(user_field "$name" id)
  if [ -z "$id" ]; then
    json=$(curl "${admin[@]}" -X POST "http://127.0.0.1:$BILLING_PORT/admin/dashboard-users" \
      -d "{\"name\":\"$name\",\"role\":\"$role\"${account:+,\"account_id\":$account}}") \
      || fail "could not create the dashboard user $name (see $logs/billing-service.log)"
    printf '%s' "$json" | sed -n 's/.*"one_time_password":"\([^"]*\)".*/\1/p'
  elif [ "$(user_field "$name" must_change_password)" = true ] && [ -n "$stored" ]; then
    printf '%s' "$stored"
  elif [ "$(user_field "$name" must_change_password)" = true ]; then
    json=$(curl "${admin[@]}" -X POST "http://127.0.0.1:$BILLING_PORT/admin/dashboard-users/$id/password-reset") \
      || fail "could not reset the password of the dashboard user $name (see $logs/billing-service.log)"
    printf '%s' "$json" | sed -n 's/.*"one_time_password":"\([^"]*\)".*/\1/p'
  fi
}
customer_user="demo-$account_id"
customer_password=$(dashboard_user "$customer_user" customer "$account_id" \
  "$( [ "${DEMO_CUSTOMER_USER:-}" = "$customer_user" ] && printf '%s' "${DEMO_CUSTOMER_PASSWORD:-}")")
billing_password=$(dashboard_user demo-billing billing "" "${DEMO_BILLING_PASSWORD:-}")
(umask 077; printf 'DEMO_CUSTOMER_USER=%s\nDEMO_CUSTOMER_PASSWORD=%s\nDEMO_BILLING_PASSWORD=%s\n' \
  "$customer_user" "$customer_password" "$billing_password" >"$users_file")
password_note() { # name password
  if [ -n "$2" ]; then
    printf 'one-time password %s (you choose your own at the first sign-in)' "$2"
  else
    printf 'your own password (forgotten? curl -s -X POST -H "Authorization: Bearer %s" %s)' "$BILLING_ADMIN_TOKEN" \
      "http://127.0.0.1:$BILLING_PORT/admin/dashboard-users/$(user_field "$1" id)/password-reset"
  fi
}

cat <<MSG

SocialCrawl is running (logs in .run/logs/):
  gateway  http://127.0.0.1:$GATEWAY_PORT   billing http://127.0.0.1:$BILLING_PORT   proxy http://127.0.0.1:$PROXY_PORT (sandbox upstream)
  management (/q/health/ready, /q/metrics): gateway :$GATEWAY_MANAGEMENT_PORT   billing :$BILLING_MANAGEMENT_PORT   proxy :$PROXY_MANAGEMENT_PORT
Demo account $account_id (balance ${balance:-?}), API key ($key_note): $key
Admin token for this run: $BILLING_ADMIN_TOKEN

Dashboard: http://127.0.0.1:$GATEWAY_PORT/dashboard (until the gateway forwards /dashboard, billing's own
  http://127.0.0.1:$BILLING_PORT/dashboard serves the same pages)
  customer of the demo account: $customer_user, $(password_note "$customer_user" "$customer_password")
  billing team (read-only):      demo-billing, $(password_note demo-billing "$billing_password")

Try:
  curl -s -H 'x-api-key: $key' 'http://127.0.0.1:$GATEWAY_PORT/v1/tiktok/profile?handle=charlidamelio'
  curl -s -H 'x-api-key: $key' 'http://127.0.0.1:$GATEWAY_PORT/v1/credits/balance'
  curl -s 'http://127.0.0.1:$GATEWAY_PORT/v1/status'

Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}" || true
fail "a service stopped unexpectedly (see $logs/)"

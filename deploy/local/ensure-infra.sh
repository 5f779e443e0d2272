#!/usr/bin/env bash
# Makes sure this machine can run the suite and its tests:
# 1. the tools the tests need: promtool (deploy module: alert checks and unit tests), chromium + chromedriver
#    (browser tests) and nginx (the system tests' load balancer in front of two billing replicas). Missing ones are installed with apt-get when run as root, otherwise named with the command
#    (a warning: the tests themselves fail naming the tool they miss).
#    ENSURE_TOOLS=0 skips this step (run-suite.sh does: running the suite needs none of them).
# 2. the local PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer; they are started when installed but
#    stopped. Redis is started durable, as production must run it (docs/operations.md, "Redis durability"):
#    the gateway's settlement outbox lives there.
# Says what it did; exits non-zero with the command to run when it cannot. Fast when everything is present.
set -uo pipefail

status=0
say() { echo "ensure-infra: $*"; }

# --- 1. Tools --------------------------------------------------------------------------------------------------
if [ "${ENSURE_TOOLS:-1}" != 0 ]; then
  # command:Debian package
  wanted=(promtool:prometheus chromium:chromium chromedriver:chromium-driver nginx:nginx)
  missing=()
  for pair in "${wanted[@]}"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "promtool, chromium, chromedriver and nginx are present"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} (apt-get; chromium takes a minute or two) ..."
    export DEBIAN_FRONTEND=noninteractive
    # The package lists may be missing or stale: update them once, only when the first attempt fails.
    if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/ensure-infra-apt.log 2>&1; then
      apt-get update -q >>/tmp/ensure-infra-apt.log 2>&1
      apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/ensure-infra-apt.log 2>&1
    fi
    for pair in "${wanted[@]}"; do
      if ! command -v "${pair%%:*}" >/dev/null 2>&1; then
        say "could not install ${pair#*:} (${pair%%:*} still missing); see /tmp/ensure-infra-apt.log" >&2
        status=1
      fi
    done
    [ $status = 0 ] && say "installed ${missing[*]}"
  else
    # Not fatal here: PostgreSQL and Redis may be all the caller needs; the tests name the tool they miss.
    say "missing: ${missing[*]}. The deploy module's tests need promtool; the browser tests chromium and chromedriver;
  the system tests nginx.
  Install them as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
  fi
fi

# --- 2. PostgreSQL and Redis -----------------------------------------------------------------------------------
pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }
redis_dir=${SOCIALCRAWL_REDIS_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/socialcrawl/redis}
# Append-only file fsynced every second; refuse writes when full instead of evicting queued settlements.
redis_durable=(--appendonly yes --appendfsync everysec --maxmemory-policy noeviction)

if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  say "PostgreSQL is not answering on 127.0.0.1:5432; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
if ! redis_up && command -v redis-server >/dev/null 2>&1; then
  say "Redis is not answering on 127.0.0.1:6379; starting it (AOF in $redis_dir)"
  mkdir -p "$redis_dir"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --dir "$redis_dir" --save "" "${redis_durable[@]}" \
    >/dev/null || true
fi

for _ in $(seq 1 30); do
  if pg_up && redis_up; then
    if [ "$(redis-cli -h 127.0.0.1 -p 6379 config get appendonly 2>/dev/null | tail -n 1)" = "no" ]; then
      say "note: this Redis runs without an append-only file: fine for tests; production needs
  ${redis_durable[*]} (docs/operations.md, \"Redis durability\")"
    fi
    exit $status
  fi
  sleep 1
done
pg_up || echo "PostgreSQL is not reachable on 127.0.0.1:5432. Start it with:
  pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
redis_up || echo "Redis is not reachable on 127.0.0.1:6379. Start it, durable (the settlement outbox lives there), with:
  mkdir -p $redis_dir && redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --dir $redis_dir --save \"\" ${redis_durable[*]}" >&2
exit 1

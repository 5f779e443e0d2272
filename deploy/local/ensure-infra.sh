#!/usr/bin/env bash
# Makes sure the local PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer; starts them when they
# are installed but stopped. Exits non-zero with the command to run when it cannot.
set -uo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "PostgreSQL is not answering on 127.0.0.1:5432; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
if ! redis_up && command -v redis-server >/dev/null 2>&1; then
  echo "Redis is not answering on 127.0.0.1:6379; starting it"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || true
fi

for _ in $(seq 1 30); do
  pg_up && redis_up && exit 0
  sleep 1
done
pg_up || echo "PostgreSQL is not reachable on 127.0.0.1:5432. Start it with:
  pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
redis_up || echo "Redis is not reachable on 127.0.0.1:6379. Start it with:
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no" >&2
exit 1

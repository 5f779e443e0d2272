#!/usr/bin/env bash
# The activity log's loss check (issue 22, docs/benchmark-history.md): the suite from deploy/local/run-suite.sh in a
# fresh database, one cached URL hammered with wrk (apt install wrk) for <seconds> (default 60), then every
# request with the demo key must be an activity row or a counted drop. Usage: bench/activity-loss-check.sh [seconds]
set -u
command -v wrk >/dev/null || { echo "activity-loss-check: needs wrk (apt-get install wrk)" >&2; exit 1; }
secs=${1:-60}
cd "$(dirname "$0")/.."
export SOCIALCRAWL_DB=losscheck_$(date +%s)
SKIP_BUILD=1 bash deploy/local/run-suite.sh > /tmp/loss-suite.log 2>&1 &
suite=$!
for i in $(seq 1 120); do grep -q "API key" /tmp/loss-suite.log && break; sleep 1; done
key=$(sed -n 's/.*API key ([^)]*): \(.*\)$/\1/p' /tmp/loss-suite.log | head -1)
acct=$(sed -n 's/^Demo account \([0-9]*\) .*/\1/p' /tmp/loss-suite.log | head -1)
echo "account $acct key ...${key: -4}"
url="http://127.0.0.1:8080/v1/tiktok/profile?handle=charlidamelio"
curl -s -o /dev/null -w "prime %{http_code}\n" -H "x-api-key: $key" "$url"
sleep 12
m() { curl -s http://127.0.0.1:$1/q/metrics | grep -E "^$2" | awk '{s+=$2} END {printf "%d", s}'; }
# The account's records inside the stored blocks (docs/decisions/010): how many, and how many distinct request ids.
psql_q() { psql -h 127.0.0.1 -U postgres -d $SOCIALCRAWL_DB -tAc "$1"; }
records_sql="FROM activity_blocks, unnest(string_to_array(rtrim(rows, E'\\n'), E'\\n')) AS line WHERE account_id = $acct"
rows() { psql_q "SELECT count(*) $records_sql"; }
distinct_ids() { psql_q "SELECT count(DISTINCT split_part(line, E'\\t', 1)) $records_sql"; }
before_rows=$(rows); before_drop=$(m 9080 gateway_activity_dropped_total)
wrk -t2 -c64 -d${secs}s -H "x-api-key: $key" "$url" > /tmp/loss-wrk.txt
sent=$(grep -E "requests in" /tmp/loss-wrk.txt | awk '{print $1}')
non2xx=$(grep -E "Non-2xx" /tmp/loss-wrk.txt | awk '{print $NF}')
echo "wrk: $(grep -E 'requests in|Requests/sec|Non-2xx|Socket errors' /tmp/loss-wrk.txt | tr '\n' ' ')"
for i in $(seq 1 60); do
  backlog=$(m 9080 gateway_activity_backlog); [ "$backlog" = 0 ] && break; sleep 2
done
sleep 3
after_rows=$(rows); after_drop=$(m 9080 gateway_activity_dropped_total)
stored=$((after_rows - before_rows)); dropped=$((after_drop - before_drop))
echo "requests answered: $sent (non-2xx: ${non2xx:-0}); activity rows stored: $stored; dropped and counted: $dropped; unaccounted: $((sent - stored - dropped))"
echo "the account's records: $after_rows, distinct request ids: $(distinct_ids)"
curl -s http://127.0.0.1:9080/q/metrics | grep -E "^gateway_activity_dropped_total"
kill -TERM $suite; wait $suite 2>/dev/null
psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $SOCIALCRAWL_DB WITH (FORCE)"

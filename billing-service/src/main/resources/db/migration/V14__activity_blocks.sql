-- The activity log in blocks (docs/decisions/010-activity-log-in-blocks.md): one row per account, UTC day and gateway
-- stream entry, holding up to 500 records as the rows of text the gateway wrote them in
-- (dev.socialcrawl.activity.ActivityRows), instead of one indexed row per request. Still partitioned by UTC day, so
-- the retention drops whole partitions (R__activity_partitions.sql). Readers unpack the blocks (ActivityQueryService).
CREATE TABLE activity_blocks (
    -- The stream entry the records came in: an entry delivered again is the same (entry_id, account_id, newest_at)
    -- and is stored once.
    entry_id   varchar(64) NOT NULL,
    account_id bigint      NOT NULL,
    oldest_at  timestamptz NOT NULL,
    newest_at  timestamptz NOT NULL,
    records    integer     NOT NULL CHECK (records > 0),
    -- The range of the records' statuses, so a status filter skips blocks without a match unread.
    min_status smallint    NOT NULL CHECK (min_status BETWEEN 100 AND 599),
    max_status smallint    NOT NULL CHECK (max_status BETWEEN min_status AND 599),
    rows       text        NOT NULL,
    CHECK (oldest_at <= newest_at),
    CONSTRAINT activity_blocks_once UNIQUE (entry_id, account_id, newest_at)
) PARTITION BY RANGE (newest_at);

-- An account's blocks newest first; and everyone's, for the billing team's listing.
CREATE INDEX activity_blocks_account_newest ON activity_blocks (account_id, newest_at DESC);
CREATE INDEX activity_blocks_newest ON activity_blocks (newest_at DESC);

-- A block's text repeats itself from row to row: LZ4 compresses it at a fraction of the CPU of the default (pglz).
-- A server built without LZ4 keeps the default. Partitions take the setting from here.
DO $$
BEGIN
    ALTER TABLE activity_blocks ALTER COLUMN rows SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'LZ4 is not available: activity blocks are compressed with pglz';
END;
$$;

-- The rows stored one per request so far become blocks of up to 500 records per account and day, then their table
-- goes (with its partitions).
DO $$
DECLARE
    d date;
BEGIN
    FOR d IN SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date FROM activity_log LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF activity_blocks FOR VALUES FROM (%L) TO (%L)',
                       'activity_blocks_p' || to_char(d, 'YYYYMMDD'),
                       d::timestamp AT TIME ZONE 'UTC', (d + 1)::timestamp AT TIME ZONE 'UTC');
    END LOOP;
END;
$$;

CREATE FUNCTION pg_temp.activity_text(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN t IS NULL THEN '\N'
                ELSE replace(replace(replace(replace(t, '\', '\\'), E'\t', '\t'), E'\n', '\n'), E'\r', '\r') END
$$;

INSERT INTO activity_blocks (entry_id, account_id, oldest_at, newest_at, records, min_status, max_status, rows)
SELECT 'v14-' || to_char(day, 'YYYYMMDD') || '-' || chunk, account_id, date_trunc('milliseconds', min(occurred_at)),
       date_trunc('milliseconds', max(occurred_at)), count(*),
       min(status), max(status), string_agg(line, '' ORDER BY occurred_at, request_id)
FROM (SELECT account_id, occurred_at, status, request_id,
             (occurred_at AT TIME ZONE 'UTC')::date AS day,
             (row_number() OVER (PARTITION BY account_id, (occurred_at AT TIME ZONE 'UTC')::date
                                 ORDER BY occurred_at, request_id) - 1) / 500 AS chunk,
             concat_ws(E'\t', pg_temp.activity_text(request_id), account_id, key_id, pg_temp.activity_text(key_last4),
                       pg_temp.activity_text(method), pg_temp.activity_text(path), pg_temp.activity_text(query), status,
                       pg_temp.activity_text(error_type), credits, CASE WHEN cached THEN 't' ELSE 'f' END,
                       CASE WHEN replay THEN 't' ELSE 'f' END, latency_ms,
                       floor(extract(epoch FROM occurred_at) * 1000)::bigint) || E'\n' AS line
      FROM activity_log) AS r
GROUP BY account_id, day, chunk;

DROP TABLE activity_log;

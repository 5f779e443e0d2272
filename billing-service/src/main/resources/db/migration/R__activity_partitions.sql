-- Today's definitions of the activity log's partition functions (V14 made its table of blocks; see R__ledger_rules.sql
-- for how this file is applied). A partition holds the blocks whose newest record falls in one UTC day, [day 00:00Z,
-- next day 00:00Z), and is named activity_blocks_pYYYYMMDD; billing creates them ahead of time and on demand
-- (ActivityPartitions).

-- Creates the day's partition unless it exists; true when this call created it. Replicas take an advisory lock
-- first, so two of them creating the same day at once do not collide.
CREATE OR REPLACE FUNCTION billing_activity_partition(p_day date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    part CONSTANT text := 'activity_blocks_p' || to_char(p_day, 'YYYYMMDD');
BEGIN
    IF to_regclass(part) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('billing_activity_partitions'));
    IF to_regclass(part) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF activity_blocks FOR VALUES FROM (%L) TO (%L)', part,
                   p_day::timestamp AT TIME ZONE 'UTC', (p_day + 1)::timestamp AT TIME ZONE 'UTC');
    RETURN true;
END;
$$;

-- Drops every partition whose day ends at or before p_cutoff (its records are all past the retention) and returns their
-- names. Dropping a partition locks the parent table: waiting more than 5 s for readers fails the call instead of
-- queueing every reader behind it, and the next maintenance run tries again.
CREATE OR REPLACE FUNCTION billing_activity_drop_before(p_cutoff timestamptz) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    part text;
BEGIN
    PERFORM set_config('lock_timeout', '5s', true);
    FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'activity_blocks'::regclass AND c.relname ~ '^activity_blocks_p[0-9]{8}$'
                  AND (to_date(substr(c.relname, 18), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC' <= p_cutoff
                ORDER BY c.relname LOOP
        EXECUTE format('DROP TABLE %I', part);
        RETURN NEXT part;
    END LOOP;
END;
$$;

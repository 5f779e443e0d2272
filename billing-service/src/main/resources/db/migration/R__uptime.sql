-- Today's definitions of the uptime functions behind the sweeper bound (see R__ledger_rules.sql for how this file
-- is applied). Times are PostgreSQL's clock, the clock pending_debits.created_at is written with.

-- One sweeper round of any replica: extends the latest segment to now, or starts a new one when the last round is
-- longer ago than p_max_gap (every replica was down meanwhile: that time does not count).
CREATE OR REPLACE FUNCTION billing_uptime_advance(p_max_gap interval) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    now_at CONSTANT timestamptz := clock_timestamp();
    latest billing_uptime%ROWTYPE;
BEGIN
    SELECT * INTO latest FROM billing_uptime u ORDER BY u.started_at DESC LIMIT 1 FOR UPDATE;
    IF FOUND AND now_at - latest.ended_at <= p_max_gap THEN
        UPDATE billing_uptime u SET ended_at = greatest(u.ended_at, now_at) WHERE u.started_at = latest.started_at;
    ELSE
        INSERT INTO billing_uptime (started_at, ended_at) VALUES (now_at, now_at) ON CONFLICT DO NOTHING;
    END IF;
END;
$$;

-- The instant after which billing was up for exactly p_bound (up to its latest round): a debit created before it
-- has been unsettled for longer than p_bound of uptime. -infinity while billing has not been up that long.
CREATE OR REPLACE FUNCTION billing_uptime_cutoff(p_bound interval) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
DECLARE
    remaining interval := p_bound;
    segment billing_uptime%ROWTYPE;
BEGIN
    FOR segment IN SELECT * FROM billing_uptime u ORDER BY u.started_at DESC LOOP
        IF segment.ended_at - segment.started_at >= remaining THEN
            RETURN segment.ended_at - remaining;
        END IF;
        remaining := remaining - (segment.ended_at - segment.started_at);
    END LOOP;
    RETURN '-infinity';
END;
$$;

-- Today's definitions of the refund, settle and sweep functions (see R__ledger_rules.sql for how this file is
-- applied). Each is one autocommit statement. A debit's pending row is the claim all three compete for: whoever
-- deletes it (refund, sweeper refund, settlement) decides the debit's fate, the others find it gone. None of them
-- can therefore lose a unique-key race.

-- outcome: refunded | replayed (refunded before, by anyone) | settled (served: not refundable here) | not_found (no
-- debit, and none can be written any more)
CREATE OR REPLACE FUNCTION billing_refund(p_request_id varchar)
    RETURNS TABLE (outcome text, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    debit_type CONSTANT text := 'debit';
    debit ledger_entries%ROWTYPE;
    previous ledger_entries%ROWTYPE;
    after bigint;
BEGIN
    SELECT * INTO debit FROM ledger_entries e WHERE e.request_id = p_request_id AND e.type = debit_type;
    IF NOT FOUND THEN
        -- Claim the id with a void in the key a debit claims too. A debit of this id that is still uncommitted makes
        -- this insert wait for its transaction; if it commits, the debit shows on the second look and is refunded.
        -- A debit that comes later is refused as voided.
        INSERT INTO pending_debits (request_id, voided) VALUES (p_request_id, true) ON CONFLICT (request_id) DO NOTHING;
        SELECT * INTO debit FROM ledger_entries e WHERE e.request_id = p_request_id AND e.type = debit_type;
        IF NOT FOUND THEN
            RETURN QUERY SELECT 'not_found'::text, NULL::bigint, NULL::bigint;
            RETURN;
        END IF;
        -- the debit committed (and was already settled) between the two looks: the void just written is not needed
        DELETE FROM pending_debits p WHERE p.request_id = p_request_id AND p.voided;
    END IF;
    DELETE FROM pending_debits p WHERE p.request_id = p_request_id AND NOT p.voided;
    IF NOT FOUND THEN
        SELECT * INTO previous FROM ledger_entries e WHERE e.refund_of = debit.id;
        IF FOUND THEN
            RETURN QUERY SELECT 'replayed'::text, previous.amount, previous.balance_after;
        ELSE
            -- neither pending nor refunded: the gateway settled it
            RETURN QUERY SELECT 'settled'::text, -debit.amount, NULL::bigint;
        END IF;
        RETURN;
    END IF;
    -- lock the account before the entry takes its id, so per account ids follow commit order (keyset paging)
    PERFORM 1 FROM accounts a WHERE a.id = debit.account_id FOR UPDATE;
    INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint, refund_of)
        VALUES (debit.account_id, 'refund', -debit.amount, 0, p_request_id, debit.endpoint, debit.id)
        RETURNING balance_after INTO after;
    RETURN QUERY SELECT 'refunded'::text, -debit.amount, after;
END;
$$;

-- Settles the given request ids (their debits stay, with the time of their settlement) and counts those debited and
-- not refunded, so the answer is stable on retry. Point lookups per id (a set-based statement got a
-- sequential-scan plan, V3).
CREATE OR REPLACE FUNCTION billing_settle(p_request_ids varchar[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    debit_type CONSTANT text := 'debit';
    rid varchar;
    entry_id bigint;
    settled integer := 0;
BEGIN
    FOREACH rid IN ARRAY p_request_ids LOOP
        DELETE FROM pending_debits p WHERE p.request_id = rid AND NOT p.voided RETURNING p.debit_entry_id INTO entry_id;
        IF FOUND THEN
            INSERT INTO debit_settlements (debit_entry_id) VALUES (entry_id);
            settled := settled + 1;
        ELSE
            SELECT e.id INTO entry_id FROM ledger_entries e WHERE e.request_id = rid AND e.type = debit_type;
            IF FOUND AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = entry_id) THEN
                settled := settled + 1;
            END IF;
        END IF;
    END LOOP;
    RETURN settled;
END;
$$;

-- Refunds the oldest debit that has stayed unsettled for p_older_than of billing's uptime (not of wall time: see
-- R__uptime.sql) and that no other replica is handling; no row when there is none.
CREATE OR REPLACE FUNCTION billing_sweep_one(p_older_than interval)
    RETURNS TABLE (outcome text, request_id varchar, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    rid varchar;
BEGIN
    SELECT p.request_id INTO rid FROM pending_debits p
        WHERE NOT p.voided AND p.created_at < billing_uptime_cutoff(p_older_than)
        ORDER BY p.created_at LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF FOUND THEN
        RETURN QUERY SELECT r.outcome, rid, r.amount, r.balance FROM billing_refund(rid) r;
    END IF;
END;
$$;

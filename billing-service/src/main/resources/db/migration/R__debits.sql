-- Today's definitions of the debit functions (see R__ledger_rules.sql for how this file is applied). The lanes of
-- DebitBatcher call billing_debit_batch, one autocommit statement per transaction; billing_debit_step is its step.
-- The lookups compare type with a variable instead of a literal so that no generic plan can pick the partial index
-- ledger_debits_by_account_time (V3).

-- One debit inside the caller's transaction. p_locked_balance: the caller holds the account's row lock and knows
-- its balance (NULL: it does not). held_balance: the account's balance while this transaction holds its row lock
-- after the call, NULL when it does not.
-- outcome: debited | replayed | insufficient | no_account | conflict (the id was debited with another account or
-- amount) | voided (a refund claimed the id first: it is never debited)
CREATE OR REPLACE FUNCTION billing_debit_step(p_request_id varchar, p_account_id bigint, p_amount bigint,
                                             p_endpoint varchar, p_locked_balance bigint,
                                             OUT outcome text, OUT amount bigint, OUT balance bigint,
                                             OUT held_balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    debit_type CONSTANT text := 'debit';
    existing ledger_entries%ROWTYPE;
    current_balance bigint;
    entry_id bigint;
BEGIN
    amount := p_amount;
    held_balance := p_locked_balance;
    SELECT * INTO existing FROM ledger_entries e WHERE e.request_id = p_request_id AND e.type = debit_type;
    IF FOUND THEN
        outcome := CASE WHEN existing.account_id <> p_account_id OR existing.amount <> -p_amount
                        THEN 'conflict' ELSE 'replayed' END;
        amount := -existing.amount;
        balance := existing.balance_after;
        RETURN;
    END IF;
    IF p_locked_balance IS NULL THEN
        -- The committed balance first, without the lock: a debit it cannot cover is refused at once, also while
        -- another transaction (another replica's batch) holds the row, and a refusal writes nothing, so it needs
        -- no commit flush. Only a debit the balance covers waits for the lock, then decides on the locked row.
        SELECT a.balance INTO current_balance FROM accounts a WHERE a.id = p_account_id;
        IF NOT FOUND THEN
            outcome := 'no_account';
            RETURN;
        END IF;
        IF current_balance < p_amount THEN
            outcome := 'insufficient';
            balance := current_balance;
            RETURN;
        END IF;
        SELECT a.balance INTO current_balance FROM accounts a WHERE a.id = p_account_id FOR UPDATE;
        held_balance := current_balance;
    ELSE
        current_balance := p_locked_balance;
    END IF;
    IF current_balance < p_amount THEN
        outcome := 'insufficient';
        balance := current_balance;
        RETURN;
    END IF;
    -- Read after the lock, so a void committed while this debit waited for the row is seen here.
    PERFORM 1 FROM pending_debits p WHERE p.request_id = p_request_id AND p.voided;
    IF FOUND THEN
        outcome := 'voided';
        RETURN;
    END IF;
    INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint)
        VALUES (p_account_id, 'debit', -p_amount, 0, p_request_id, p_endpoint)
        RETURNING id, balance_after INTO entry_id, balance;
    -- A void written meanwhile (uncommitted when this debit looked) makes this insert wait for it and then fail with
    -- a unique violation: the whole transaction rolls back and the retry answers 'voided'.
    INSERT INTO pending_debits (request_id, account_id, amount, debit_entry_id)
        VALUES (p_request_id, p_account_id, p_amount, entry_id);
    outcome := 'debited';
    held_balance := balance;
END;
$$;

-- Several debits in one transaction, each exactly billing_debit_step, in the given order (the lanes sort by account,
-- so batches lock account rows in one global order; after the first debit of an account that took its lock, the
-- next ones of that account reuse the balance it left instead of reading the row again).
-- p_budget_ms: what is left of the earliest deadline among the batch's debits. No lock is waited for longer than
-- what is left (lock_timeout), and a batch still running at its deadline raises query_canceled instead of
-- committing: a debit billing answered as not committed is never committed later.
CREATE OR REPLACE FUNCTION billing_debit_batch(p_request_ids varchar[], p_account_ids bigint[], p_amounts bigint[],
                                               p_endpoints varchar[], p_budget_ms integer)
    RETURNS TABLE (idx integer, outcome text, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    deadline CONSTANT timestamptz := statement_timestamp() + p_budget_ms * interval '1 millisecond';
    d record;
    locked_account bigint;
    locked_balance bigint;
    left_ms bigint;
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_request_ids, 1), 0) LOOP
        IF p_account_ids[i] IS DISTINCT FROM locked_account THEN
            left_ms := ceil(extract(epoch FROM deadline - clock_timestamp()) * 1000);
            IF left_ms <= 0 THEN
                RAISE EXCEPTION 'debit batch not done within its % ms', p_budget_ms USING ERRCODE = 'query_canceled';
            END IF;
            PERFORM set_config('lock_timeout', left_ms || 'ms', true);
        END IF;
        d := billing_debit_step(p_request_ids[i], p_account_ids[i], p_amounts[i], p_endpoints[i],
                               CASE WHEN p_account_ids[i] = locked_account THEN locked_balance END);
        IF d.held_balance IS NOT NULL THEN
            locked_account := p_account_ids[i];
            locked_balance := d.held_balance;
        END IF;
        idx := i;
        outcome := d.outcome;
        amount := d.amount;
        balance := d.balance;
        RETURN NEXT;
    END LOOP;
    IF clock_timestamp() > deadline THEN
        RAISE EXCEPTION 'debit batch not done within its % ms', p_budget_ms USING ERRCODE = 'query_canceled';
    END IF;
END;
$$;

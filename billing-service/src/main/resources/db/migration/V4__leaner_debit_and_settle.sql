-- Less work per debit and per settled id in PostgreSQL; the checks and constraints stay exactly as they were.

-- The balance guard decides in the triggers' WHEN conditions, so the ledger trigger's own balance update no
-- longer runs a PL/pgSQL function; the function now only refuses.
DROP TRIGGER accounts_guard_balance ON accounts;
CREATE OR REPLACE FUNCTION accounts_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'a new account starts at balance 0; credit it with a ledger entry'
            USING ERRCODE = 'check_violation';
    END IF;
    RAISE EXCEPTION 'accounts.balance changes only through ledger_entries' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER accounts_guard_balance_insert BEFORE INSERT ON accounts
    FOR EACH ROW WHEN (NEW.balance <> 0) EXECUTE FUNCTION accounts_guard_balance();
CREATE TRIGGER accounts_guard_balance BEFORE UPDATE ON accounts
    FOR EACH ROW WHEN (NEW.balance IS DISTINCT FROM OLD.balance
        AND current_setting('billing.ledger_write', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION accounts_guard_balance();

-- billing_debit's logic, unchanged, as a function answering one row through OUT parameters: a batch calls it
-- as a plain expression instead of a set-returning query per debit.
CREATE FUNCTION billing_debit_one(p_request_id varchar, p_account_id bigint, p_amount bigint, p_endpoint varchar,
                                  OUT outcome text, OUT amount bigint, OUT balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    debit_type CONSTANT text := 'debit';
    existing ledger_entries%ROWTYPE;
    current_balance bigint;
    entry_id bigint;
BEGIN
    SELECT * INTO existing FROM ledger_entries e WHERE e.request_id = p_request_id AND e.type = debit_type;
    IF FOUND THEN
        outcome := CASE WHEN existing.account_id <> p_account_id OR existing.amount <> -p_amount
                        THEN 'conflict' ELSE 'replayed' END;
        amount := -existing.amount;
        balance := existing.balance_after;
        RETURN;
    END IF;
    SELECT a.balance INTO current_balance FROM accounts a WHERE a.id = p_account_id FOR UPDATE;
    IF NOT FOUND THEN
        outcome := 'no_account';
        amount := p_amount;
        RETURN;
    END IF;
    IF current_balance < p_amount THEN
        outcome := 'insufficient';
        amount := p_amount;
        balance := current_balance;
        RETURN;
    END IF;
    INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint)
        VALUES (p_account_id, 'debit', -p_amount, 0, p_request_id, p_endpoint)
        RETURNING id, balance_after INTO entry_id, balance;
    INSERT INTO pending_debits (request_id, account_id, amount, debit_entry_id)
        VALUES (p_request_id, p_account_id, p_amount, entry_id);
    outcome := 'debited';
    amount := p_amount;
END;
$$;

CREATE OR REPLACE FUNCTION billing_debit(p_request_id varchar, p_account_id bigint, p_amount bigint, p_endpoint varchar)
    RETURNS TABLE (outcome text, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
BEGIN
    SELECT d.outcome, d.amount, d.balance INTO outcome, amount, balance
        FROM billing_debit_one(p_request_id, p_account_id, p_amount, p_endpoint) d;
    RETURN NEXT;
END;
$$;

CREATE OR REPLACE FUNCTION billing_debit_batch(p_request_ids varchar[], p_account_ids bigint[], p_amounts bigint[],
                                               p_endpoints varchar[])
    RETURNS TABLE (idx integer, outcome text, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    d record;
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_request_ids, 1), 0) LOOP
        d := billing_debit_one(p_request_ids[i], p_account_ids[i], p_amounts[i], p_endpoints[i]);
        idx := i;
        outcome := d.outcome;
        amount := d.amount;
        balance := d.balance;
        RETURN NEXT;
    END LOOP;
END;
$$;

-- A pending row exists exactly while its debit is neither settled nor refunded (billing_debit writes it with
-- the debit, a refund deletes it in the refund's transaction), so deleting it is the whole answer for an id
-- settled the first time; only the ids without one (a retry, a refunded or an unknown id) look at the ledger.
CREATE OR REPLACE FUNCTION billing_settle(p_request_ids varchar[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    debit_type CONSTANT text := 'debit';
    rid varchar;
    debit_id bigint;
    settled integer := 0;
BEGIN
    FOREACH rid IN ARRAY p_request_ids LOOP
        DELETE FROM pending_debits p WHERE p.request_id = rid;
        IF FOUND THEN
            settled := settled + 1;
        ELSE
            SELECT e.id INTO debit_id FROM ledger_entries e WHERE e.request_id = rid AND e.type = debit_type;
            IF FOUND AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.refund_of = debit_id) THEN
                settled := settled + 1;
            END IF;
        END IF;
    END LOOP;
    RETURN settled;
END;
$$;

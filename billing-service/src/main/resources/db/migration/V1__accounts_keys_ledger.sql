-- The money core. Invariants live here, not only in Java:
--   * accounts.balance is written only by the ledger trigger, so balance = sum of entries by construction;
--   * CHECK (balance >= 0) rejects any overdraft atomically, whatever the caller;
--   * ledger_entries is append-only (UPDATE/DELETE raise);
--   * one debit and at most one refund per request_id, a refund always matches its debit.

CREATE TABLE accounts (
    id         bigserial PRIMARY KEY,
    name       varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
    balance    bigint       NOT NULL DEFAULT 0 CONSTRAINT accounts_balance_not_negative CHECK (balance >= 0),
    created_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id         bigserial PRIMARY KEY,
    account_id bigint       NOT NULL REFERENCES accounts (id),
    key_hash   char(64)     NOT NULL CONSTRAINT api_keys_key_hash_unique UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    last4      varchar(4)   NOT NULL,
    name       varchar(200) NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX api_keys_account ON api_keys (account_id);

CREATE TABLE ledger_entries (
    id            bigserial PRIMARY KEY,
    account_id    bigint       NOT NULL REFERENCES accounts (id),
    type          text         NOT NULL CHECK (type IN ('bonus', 'topup', 'adjustment', 'debit', 'refund')),
    amount        bigint       NOT NULL,
    balance_after bigint       NOT NULL CHECK (balance_after >= 0),
    request_id    varchar(128),
    endpoint      varchar(200),
    refund_of     bigint REFERENCES ledger_entries (id),
    note          varchar(500),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ledger_sign_matches_type CHECK (
            (type = 'debit' AND amount < 0)
         OR (type = 'refund' AND amount > 0)
         OR (type IN ('topup', 'bonus') AND amount > 0)
         OR (type = 'adjustment' AND amount <> 0)),
    CONSTRAINT ledger_request_id_iff_debit_or_refund CHECK ((type IN ('debit', 'refund')) = (request_id IS NOT NULL)),
    CONSTRAINT ledger_debit_has_endpoint CHECK (type <> 'debit' OR endpoint IS NOT NULL),
    CONSTRAINT ledger_refund_of_iff_refund CHECK ((type = 'refund') = (refund_of IS NOT NULL)),
    CONSTRAINT ledger_one_entry_per_request_and_type UNIQUE (request_id, type)
);
CREATE UNIQUE INDEX ledger_one_refund_per_debit ON ledger_entries (refund_of) WHERE refund_of IS NOT NULL;
CREATE INDEX ledger_account_id ON ledger_entries (account_id, id);
CREATE INDEX ledger_created_at ON ledger_entries (created_at);
CREATE INDEX ledger_debits_by_account_time ON ledger_entries (account_id, created_at) WHERE type = 'debit';

-- Debits the gateway has neither settled nor refunded yet; the sweeper refunds the old ones.
CREATE TABLE pending_debits (
    request_id     varchar(128) PRIMARY KEY,
    account_id     bigint      NOT NULL REFERENCES accounts (id),
    amount         bigint      NOT NULL CHECK (amount > 0),
    debit_entry_id bigint      NOT NULL REFERENCES ledger_entries (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pending_debits_created_at ON pending_debits (created_at);

-- Every entry moves its account's balance in the same statement; the CHECK on accounts rejects overdrafts.
CREATE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    debit ledger_entries%ROWTYPE;
BEGIN
    IF NEW.type = 'refund' THEN
        SELECT * INTO debit FROM ledger_entries WHERE id = NEW.refund_of;
        IF NOT FOUND OR debit.type <> 'debit' OR debit.account_id <> NEW.account_id
                OR debit.amount <> -NEW.amount OR debit.request_id <> NEW.request_id THEN
            RAISE EXCEPTION 'refund for % does not match its debit', NEW.request_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_refund_matches_debit';
        END IF;
    END IF;
    PERFORM set_config('billing.ledger_write', 'on', true);
    UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id
        RETURNING balance INTO NEW.balance_after;
    PERFORM set_config('billing.ledger_write', 'off', true);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'account % does not exist', NEW.account_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_apply_entry BEFORE INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_apply_entry();

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Only the ledger trigger may move a balance, and a new account starts at zero.
CREATE FUNCTION accounts_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.balance <> 0 THEN
            RAISE EXCEPTION 'a new account starts at balance 0; credit it with a ledger entry'
                USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.balance IS DISTINCT FROM OLD.balance
            AND current_setting('billing.ledger_write', true) IS DISTINCT FROM 'on' THEN
        RAISE EXCEPTION 'accounts.balance changes only through ledger_entries' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER accounts_guard_balance BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_guard_balance();
CREATE FUNCTION accounts_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accounts are never deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_no_delete();

-- One call = one transaction = one round trip for the hot path.
-- outcome: debited | replayed | insufficient | no_account | conflict (request_id already debited differently)
CREATE FUNCTION billing_debit(p_request_id varchar, p_account_id bigint, p_amount bigint, p_endpoint varchar)
    RETURNS TABLE (outcome text, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    existing ledger_entries%ROWTYPE;
    current_balance bigint;
    entry_id bigint;
    after bigint;
BEGIN
    SELECT * INTO existing FROM ledger_entries e WHERE e.request_id = p_request_id AND e.type = 'debit';
    IF FOUND THEN
        IF existing.account_id <> p_account_id OR existing.amount <> -p_amount THEN
            RETURN QUERY SELECT 'conflict'::text, -existing.amount, existing.balance_after;
        ELSE
            RETURN QUERY SELECT 'replayed'::text, -existing.amount, existing.balance_after;
        END IF;
        RETURN;
    END IF;
    SELECT a.balance INTO current_balance FROM accounts a WHERE a.id = p_account_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'no_account'::text, p_amount, NULL::bigint;
        RETURN;
    END IF;
    IF current_balance < p_amount THEN
        RETURN QUERY SELECT 'insufficient'::text, p_amount, current_balance;
        RETURN;
    END IF;
    INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint)
        VALUES (p_account_id, 'debit', -p_amount, 0, p_request_id, p_endpoint)
        RETURNING id, balance_after INTO entry_id, after;
    INSERT INTO pending_debits (request_id, account_id, amount, debit_entry_id)
        VALUES (p_request_id, p_account_id, p_amount, entry_id);
    RETURN QUERY SELECT 'debited'::text, p_amount, after;
END;
$$;

-- outcome: refunded | replayed | not_found
CREATE FUNCTION billing_refund(p_request_id varchar)
    RETURNS TABLE (outcome text, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    debit ledger_entries%ROWTYPE;
    previous ledger_entries%ROWTYPE;
    after bigint;
BEGIN
    SELECT * INTO debit FROM ledger_entries e WHERE e.request_id = p_request_id AND e.type = 'debit';
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'not_found'::text, NULL::bigint, NULL::bigint;
        RETURN;
    END IF;
    SELECT * INTO previous FROM ledger_entries e WHERE e.refund_of = debit.id;
    IF FOUND THEN
        DELETE FROM pending_debits p WHERE p.request_id = p_request_id;
        RETURN QUERY SELECT 'replayed'::text, previous.amount, previous.balance_after;
        RETURN;
    END IF;
    -- lock the account before the entry takes its id, so per account ids follow commit order (keyset paging)
    PERFORM 1 FROM accounts a WHERE a.id = debit.account_id FOR UPDATE;
    INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint, refund_of)
        VALUES (debit.account_id, 'refund', -debit.amount, 0, p_request_id, debit.endpoint, debit.id)
        RETURNING balance_after INTO after;
    DELETE FROM pending_debits p WHERE p.request_id = p_request_id;
    RETURN QUERY SELECT 'refunded'::text, -debit.amount, after;
END;
$$;

-- Refunds the oldest unsettled debit older than the bound that no other replica is handling.
-- outcome: refunded | replayed | none
CREATE FUNCTION billing_sweep_one(p_older_than interval)
    RETURNS TABLE (outcome text, request_id varchar, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
DECLARE
    rid varchar;
BEGIN
    SELECT p.request_id INTO rid FROM pending_debits p
        WHERE p.created_at < now() - p_older_than
        ORDER BY p.created_at LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'none'::text, NULL::varchar, NULL::bigint, NULL::bigint;
        RETURN;
    END IF;
    RETURN QUERY SELECT r.outcome, rid, r.amount, r.balance FROM billing_refund(rid) r;
END;
$$;

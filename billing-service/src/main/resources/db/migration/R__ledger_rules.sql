-- The ledger's own rules: today's definitions of the trigger and CHECK functions that V1-V8 attach to the tables.
-- Flyway re-applies this file whenever it changes, after the versioned migrations. Only CREATE OR REPLACE here: the
-- triggers and the ledger_entry_well_formed CHECK depend on these functions, so a change of signature needs a
-- versioned migration.

-- Every entry moves its account's balance in the same statement; the CHECK on accounts rejects overdrafts. A refund
-- must match its debit, and a settled debit (served) is never refunded: corrections are adjustments.
CREATE OR REPLACE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
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
        IF EXISTS (SELECT 1 FROM debit_settlements s WHERE s.debit_entry_id = NEW.refund_of) THEN
            RAISE EXCEPTION 'refund for % would undo a settled debit', NEW.request_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_refund_of_unsettled_debit';
        END IF;
    END IF;
    UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id
        RETURNING balance INTO NEW.balance_after;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'account % does not exist', NEW.account_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END;
$$;

-- ledger_entries and debit_settlements are append-only (UPDATE, DELETE and TRUNCATE raise).
CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Only the ledger trigger moves a balance (the guard's WHEN conditions let the update at trigger depth 1 through),
-- and a new account starts at zero.
CREATE OR REPLACE FUNCTION accounts_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'a new account starts at balance 0; credit it with a ledger entry'
            USING ERRCODE = 'check_violation';
    END IF;
    RAISE EXCEPTION 'accounts.balance changes only through ledger_entries' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION accounts_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accounts are never deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- The shape of an entry, as one CHECK calling one IMMUTABLE function (see V6 for why not six CHECKs). Each rule
-- refuses with SQLSTATE 23514 and its own name; like a CHECK, a rule whose expression is NULL lets the row through.
CREATE OR REPLACE FUNCTION ledger_entry_well_formed(p_type text, p_amount bigint, p_balance_after bigint,
                                                    p_request_id varchar, p_endpoint varchar, p_refund_of bigint)
    RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_type = 'debit' AND p_endpoint IS NULL THEN
        PERFORM ledger_entry_refused('ledger_debit_has_endpoint');
    END IF;
    IF p_balance_after < 0 THEN
        PERFORM ledger_entry_refused('ledger_entries_balance_after_check');
    END IF;
    IF p_type NOT IN ('bonus', 'topup', 'adjustment', 'debit', 'refund') THEN
        PERFORM ledger_entry_refused('ledger_entries_type_check');
    END IF;
    IF (p_type = 'refund') <> (p_refund_of IS NOT NULL) THEN
        PERFORM ledger_entry_refused('ledger_refund_of_iff_refund');
    END IF;
    IF (p_type IN ('debit', 'refund')) <> (p_request_id IS NOT NULL) THEN
        PERFORM ledger_entry_refused('ledger_request_id_iff_debit_or_refund');
    END IF;
    IF NOT ((p_type = 'debit' AND p_amount < 0)
            OR (p_type = 'refund' AND p_amount > 0)
            OR (p_type IN ('topup', 'bonus') AND p_amount > 0)
            OR (p_type = 'adjustment' AND p_amount <> 0)) THEN
        PERFORM ledger_entry_refused('ledger_sign_matches_type');
    END IF;
    RETURN true;
END;
$$;

-- Raises what PostgreSQL raises for a failed CHECK of that name.
CREATE OR REPLACE FUNCTION ledger_entry_refused(p_rule text) RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RAISE EXCEPTION 'new row for relation "ledger_entries" violates check constraint "%"', p_rule
        USING ERRCODE = 'check_violation', CONSTRAINT = p_rule, TABLE = 'ledger_entries';
END;
$$;

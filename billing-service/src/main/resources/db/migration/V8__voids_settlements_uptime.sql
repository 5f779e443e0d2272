-- Money exactly once under timing faults (api-contract §11). Only schema here; the functions' current definitions
-- are in the repeatable migrations (R__*.sql), which Flyway applies after this one.

-- A refund that finds no debit leaves a void: a row claiming the request id in the key a debit claims too (every
-- debit writes its pending row in its own transaction). A debit still uncommitted then makes the refund wait for
-- it, and a debit that comes later is refused. Voids stay for good; they hold no account, amount or entry.
ALTER TABLE pending_debits
    ADD COLUMN voided boolean NOT NULL DEFAULT false,
    ALTER COLUMN account_id DROP NOT NULL,
    ALTER COLUMN amount DROP NOT NULL,
    ALTER COLUMN debit_entry_id DROP NOT NULL,
    ADD CONSTRAINT pending_debit_or_void CHECK (voided = (account_id IS NULL) AND voided = (amount IS NULL)
                                                AND voided = (debit_entry_id IS NULL));
DROP INDEX pending_debits_created_at;
CREATE INDEX pending_debits_unresolved ON pending_debits (created_at) WHERE NOT voided;

-- When the gateway settled a debit (served, so no longer refundable through the internal API). Debits settled
-- before this migration have no row: settlement times were not kept then.
CREATE TABLE debit_settlements (
    debit_entry_id bigint      PRIMARY KEY REFERENCES ledger_entries (id),
    settled_at     timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER debit_settlements_append_only BEFORE UPDATE OR DELETE ON debit_settlements
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER debit_settlements_no_truncate BEFORE TRUNCATE ON debit_settlements
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- The time billing was up, as the sweeper rounds of all replicas saw it (PostgreSQL's clock): each round extends
-- the latest segment, or starts a new one after a gap longer than a few sweeper intervals (every replica was
-- down). The sweeper bound counts only time inside segments.
CREATE TABLE billing_uptime (
    started_at timestamptz PRIMARY KEY,
    ended_at   timestamptz NOT NULL,
    CONSTRAINT billing_uptime_ordered CHECK (ended_at >= started_at)
);

-- Called by nothing, in this release or the previous one. The previous release's lanes call billing_debit_batch with
-- four arguments and billing_debit_one (both as V7 left them): they stay while its pods may still run during a
-- rolling update (docs/operations.md, upgrades) and go in the next release's migration. This release's lanes call
-- billing_debit_batch with a time budget, whose step is billing_debit_step (R__debits.sql).
DROP FUNCTION billing_debit(varchar, bigint, bigint, varchar);

-- POST /admin/accounts/{id}/credits with an Idempotency-Key: the key claims the entry its first request wrote, in the
-- same transaction. The primary key makes a second entry under one key impossible, whoever writes; a retry is
-- compared with that entry (account, type, amount, note). Append-only: a key, once used, stays used.
CREATE TABLE credit_requests (
    idempotency_key varchar(255) PRIMARY KEY CHECK (idempotency_key ~ '^[ -~]{16,255}$'),
    entry_id        bigint       NOT NULL UNIQUE REFERENCES ledger_entries (id),
    created_at      timestamptz  NOT NULL
);

CREATE TRIGGER credit_requests_append_only BEFORE UPDATE OR DELETE ON credit_requests
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER credit_requests_no_truncate BEFORE TRUNCATE ON credit_requests
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

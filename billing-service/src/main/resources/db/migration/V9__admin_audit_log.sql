-- Every admin write (account created, key created or revoked, credits added): who, what, when, which request. Written
-- in the write's own transaction, so a write and its audit row commit together. Append-only, like the ledger.
CREATE TABLE admin_audit_log (
    id          bigserial     PRIMARY KEY,
    occurred_at timestamptz   NOT NULL,
    actor_kind  text          NOT NULL CHECK (actor_kind IN ('token', 'user')),
    actor       varchar(200)  NOT NULL,
    action      varchar(64)   NOT NULL,
    method      varchar(16)   NOT NULL,
    path        varchar(2048) NOT NULL,
    account_id  bigint        REFERENCES accounts (id),
    target_id   bigint,
    details     jsonb         NOT NULL CHECK (jsonb_typeof(details) = 'object'),
    request_id  varchar(128)  NOT NULL
);
CREATE INDEX admin_audit_log_account ON admin_audit_log (account_id, id);
CREATE INDEX admin_audit_log_occurred_at ON admin_audit_log (occurred_at);

CREATE TRIGGER admin_audit_log_append_only BEFORE UPDATE OR DELETE ON admin_audit_log
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER admin_audit_log_no_truncate BEFORE TRUNCATE ON admin_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

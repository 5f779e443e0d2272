-- The dashboard (docs/dashboard.md): its users, their server-side sessions and the sign-in failure counters.

-- A customer user sees exactly one account; the billing roles see all of them. Passwords are bcrypt hashes (modular
-- crypt form, $2a$…); a user created with a password someone else chose or generated must change it at first sign-in.
-- Users are never deleted (the audit log names them): disabling one ends its sessions and refuses its sign-ins.
-- password_set_at is when the current password was set (creation, reset, change): older sessions are no longer valid.
CREATE TABLE dashboard_users (
    id                   bigserial    PRIMARY KEY,
    name                 varchar(64)  NOT NULL,
    password_hash        varchar(100) NOT NULL CHECK (password_hash LIKE '$2_$%'),
    role                 varchar(16)  NOT NULL CHECK (role IN ('customer', 'billing', 'billing-admin')),
    account_id           bigint       REFERENCES accounts (id),
    must_change_password boolean      NOT NULL,
    created_at           timestamptz  NOT NULL,
    password_set_at      timestamptz  NOT NULL,
    disabled_at          timestamptz,
    CONSTRAINT dashboard_users_customer_has_one_account CHECK ((role = 'customer') = (account_id IS NOT NULL))
);
-- Names are unique whatever their case: "Alice" and "alice" would be one person to the billing team.
CREATE UNIQUE INDEX dashboard_users_name ON dashboard_users (lower(name));
CREATE INDEX dashboard_users_account ON dashboard_users (account_id) WHERE account_id IS NOT NULL;

-- One row per signed-in browser. The cookie holds a random token; only its SHA-256 is kept, so a copy of this table
-- opens no session. A session ends when idle or too old (billing.dashboard.session.*), at sign-out, when its user's
-- password is set again (dashboard_users.password_set_at) and when its user is disabled.
CREATE TABLE dashboard_sessions (
    token_hash   char(64)    PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES dashboard_users (id),
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX dashboard_sessions_user ON dashboard_sessions (user_id);
CREATE INDEX dashboard_sessions_last_seen ON dashboard_sessions (last_seen_at);

-- Failed sign-ins per subject ('user:<id>' or 'address:<ip>') in a fixed window that starts at the first failure.
-- An attempt is counted before its password is checked and given back when it succeeds, so parallel attempts cannot
-- slip past the limit. Rows of ended windows are deleted by the cleanup job; unknown user names make no row.
CREATE TABLE dashboard_sign_in_failures (
    subject      varchar(80) PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures     integer     NOT NULL CHECK (failures >= 0)
);
CREATE INDEX dashboard_sign_in_failures_window ON dashboard_sign_in_failures (window_start);

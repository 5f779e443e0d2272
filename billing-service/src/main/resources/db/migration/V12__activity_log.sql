-- The activity log (api-contract §11): one row per request with a valid key, drained by billing from the gateway's
-- Redis stream. Partitioned by UTC day on the request's time, so the retention drops whole partitions
-- (R__activity_partitions.sql) instead of deleting rows, and a time range reads only its days. No foreign key to
-- accounts: a log row never waits on an account's row lock, and accounts are never deleted anyway.
CREATE TABLE activity_log (
    request_id  varchar(128) NOT NULL,
    account_id  bigint       NOT NULL,
    key_id      bigint       NOT NULL,
    key_last4   varchar(64)  NOT NULL,
    method      varchar(64)  NOT NULL,
    path        text         NOT NULL,
    query       text         NOT NULL,
    status      smallint     NOT NULL CHECK (status BETWEEN 100 AND 599),
    error_type  varchar(64),
    credits     bigint       NOT NULL CHECK (credits >= 0),
    cached      boolean      NOT NULL,
    replay      boolean      NOT NULL,
    latency_ms  integer      NOT NULL CHECK (latency_ms >= 0),
    occurred_at timestamptz  NOT NULL,
    -- A redelivered record is the same (request_id, occurred_at) and is stored once. A unique key of a partitioned
    -- table must contain its partition key; its index also finds a request id.
    CONSTRAINT activity_log_once UNIQUE (request_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- An account's newest-first page is one range scan per partition.
CREATE INDEX activity_log_account_newest ON activity_log (account_id, occurred_at DESC, request_id DESC);

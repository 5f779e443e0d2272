package dev.socialcrawl.bench.report;

/**
 * PostgreSQL alone on this machine, the baseline of the billing scenarios: how many WAL flushes per second the
 * disk allows, and how many debit-shaped transactions per second (lock the account row, insert a ledger row,
 * update the balance, commit) PostgreSQL itself sustains with pgbench, on one hot row and over 1,000 rows.
 * A value of -1 means the tool was not available.
 *
 * @param fdatasyncPerSecond  one 8 kB write + fdatasync per op, as {@code pg_test_fsync} measures it
 * @param hotRowTps           16 pgbench clients, all on one account row, synchronous commit
 * @param hotRowAsyncTps      the same with {@code SET LOCAL synchronous_commit = off}
 * @param spreadTps           16 pgbench clients over 1,000 account rows, synchronous commit
 * @param note                how it was measured, or why it was not
 */
public record DatabaseBaseline(double fdatasyncPerSecond, double hotRowTps, double hotRowAsyncTps, double spreadTps,
                               String note) {
}

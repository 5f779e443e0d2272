package dev.socialcrawl.billing.charge;

import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;

/**
 * The one retry of billing's money code. A debit whose request id another transaction was claiming at the same moment
 * (the same debit from another replica, or a refund's void) waits for that transaction and then fails with a unique
 * violation; run again, it finds what the other one committed and answers from it ({@code replayed},
 * {@code conflict} or {@code voided}). Refunds, settlements and sweeps claim through the pending row instead and
 * cannot lose such a race, so they need no retry.
 */
final class DuplicateKeyRetry {
    static final int ATTEMPTS = 3;
    private static final String UNIQUE_VIOLATION = "23505";

    private DuplicateKeyRetry() {
    }

    static <T> Future<T> run(Supplier<Future<T>> attempt) {
        return run(attempt, 1);
    }

    private static <T> Future<T> run(Supplier<Future<T>> attempt, int number) {
        return attempt.get().recover(e -> number < ATTEMPTS && isDuplicateKey(e) ? run(attempt, number + 1)
                : Future.failedFuture(e));
    }

    static boolean isDuplicateKey(Throwable e) {
        return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}

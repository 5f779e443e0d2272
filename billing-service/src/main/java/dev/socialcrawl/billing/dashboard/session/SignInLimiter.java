package dev.socialcrawl.billing.dashboard.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.config.BillingConfig;

/**
 * Limits failed sign-ins per subject (a user, a client address) in fixed windows that start at the first failure
 * (V13 {@code dashboard_sign_in_failures}), shared by every billing replica. An attempt is counted as a failure before
 * its password is checked ({@link #reserve}) and given back when it succeeds ({@link #succeeded}), so attempts racing
 * in parallel cannot pass the limit together; an attempt over the limit is refused without checking the password.
 */
@ApplicationScoped
public class SignInLimiter {
    private static final String RESERVE = "INSERT INTO dashboard_sign_in_failures AS f (subject, window_start, failures)"
            + " VALUES (?, ?, 1) ON CONFLICT (subject) DO UPDATE SET"
            + " window_start = CASE WHEN f.window_start <= ? THEN EXCLUDED.window_start ELSE f.window_start END,"
            + " failures = CASE WHEN f.window_start <= ? THEN 1 ELSE f.failures + 1 END"
            + " RETURNING failures, window_start";

    private final AgroalDataSource dataSource;
    private final Duration window;

    public SignInLimiter(AgroalDataSource dataSource, BillingConfig config) {
        this.dataSource = dataSource;
        this.window = config.dashboard().signIn().window();
    }

    /** Subject of a client address. */
    static String address(String address) {
        return "address:" + address;
    }

    /** Subject of a user, by id: a renamed or differently cased name is the same user. */
    static String user(long userId) {
        return "user:" + userId;
    }

    /**
     * Counts an attempt of the subject as failed until {@link #succeeded}. @return how long until the subject may try
     * again when this attempt is over {@code max} failures in the window; empty when it may go ahead
     */
    public Optional<Duration> reserve(String subject, int max, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RESERVE)) {
            OffsetDateTime windowEnded = utc(now.minus(window));
            ps.setString(1, subject);
            ps.setObject(2, utc(now));
            ps.setObject(3, windowEnded);
            ps.setObject(4, windowEnded);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int failures = rs.getInt(1);
                Instant windowEnd = rs.getObject(2, OffsetDateTime.class).toInstant().plus(window);
                if (failures <= max) {
                    return Optional.empty();
                }
                Duration wait = Duration.between(now, windowEnd);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            }
        } catch (SQLException e) {
            throw Sql.failed("sign-in limit", e);
        }
    }

    /**
     * The attempt succeeded: the user's failures are forgotten; the address gets this attempt back but keeps its other
     * failures (a signed-in account must not wash the failures an address made against other users).
     */
    public void succeeded(String userSubject, String addressSubject) {
        update("DELETE FROM dashboard_sign_in_failures WHERE subject = ?", userSubject);
        update("UPDATE dashboard_sign_in_failures SET failures = failures - 1 WHERE subject = ? AND failures > 0",
                addressSubject);
    }

    /** Deletes the counters of windows that have ended; @return how many */
    public int deleteEnded(Instant now) {
        return update("DELETE FROM dashboard_sign_in_failures WHERE window_start <= ?", utc(now.minus(window)));
    }

    private int update(String sql, Object arg) {
        return Sql.update(dataSource, "sign-in limit update", sql, arg);
    }

    private static OffsetDateTime utc(Instant instant) {
        return Sql.utc(instant);
    }
}

package dev.socialcrawl.billing.dashboard.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.dashboard.user.Role;

/**
 * Server-side dashboard sessions (V13 {@code dashboard_sessions}). The browser holds a random token; the table holds
 * its SHA-256. Reading a session and recording its use is one statement, which also checks everything that ends a
 * session: idle for the idle timeout, older than the maximum age, begun before its user's password was last set, or a
 * disabled user.
 */
@ApplicationScoped
public class SessionStore {
    private static final int TOKEN_BYTES = 32;
    private static final int TOKEN_CHARS = 43;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final String TOUCH = "UPDATE dashboard_sessions s SET last_seen_at = ? FROM dashboard_users u"
            + " WHERE s.token_hash = ? AND u.id = s.user_id AND u.disabled_at IS NULL AND s.created_at >= u.password_set_at"
            + " AND s.last_seen_at > ? AND s.created_at > ?"
            + " RETURNING u.id, u.name, u.role, u.account_id, u.must_change_password";
    private static final String ENDED = "DELETE FROM dashboard_sessions s USING dashboard_users u WHERE u.id = s.user_id"
            + " AND (s.last_seen_at <= ? OR s.created_at <= ? OR s.created_at < u.password_set_at OR u.disabled_at IS NOT NULL)";

    private final AgroalDataSource dataSource;
    private final Duration idleTimeout;
    private final Duration maxAge;

    public SessionStore(AgroalDataSource dataSource, BillingConfig config) {
        this.dataSource = dataSource;
        this.idleTimeout = config.dashboard().session().idleTimeout();
        this.maxAge = config.dashboard().session().maxAge();
    }

    /** A new session of the user, begun {@code now}; @return the token for the cookie (never stored) */
    public String create(long userId, Instant now) {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String token = ENCODER.encodeToString(bytes);
        update("create session", "INSERT INTO dashboard_sessions (token_hash, user_id, created_at, last_seen_at)"
                + " VALUES (?, ?, ?, ?)", hash(token), userId, utc(now), utc(now));
        return token;
    }

    /** The session's user when the session is valid at {@code now}, which becomes its last use; else empty. */
    public Optional<SessionUser> use(String token, Instant now) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TOUCH)) {
            ps.setObject(1, utc(now));
            ps.setString(2, hash(token));
            ps.setObject(3, utc(now.minus(idleTimeout)));
            ps.setObject(4, utc(now.minus(maxAge)));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long account = rs.getLong(4);
                Long accountId = rs.wasNull() ? null : account;
                return Optional.of(new SessionUser(rs.getLong(1), rs.getString(2), Role.fromWire(rs.getString(3)), accountId,
                        rs.getBoolean(5)));
            }
        } catch (SQLException e) {
            throw Sql.failed("session lookup", e);
        }
    }

    /** Sign-out: the session ends now. */
    public void end(String token) {
        if (wellFormed(token)) {
            update("end session", "DELETE FROM dashboard_sessions WHERE token_hash = ?", hash(token));
        }
    }

    /** Deletes every session that can no longer be used; @return how many */
    public int deleteEnded(Instant now) {
        return update("delete ended sessions", ENDED, utc(now.minus(idleTimeout)), utc(now.minus(maxAge)));
    }

    private int update(String what, String sql, Object... args) {
        return Sql.update(dataSource, what, sql, args);
    }

    /** Anything but 43 base64url characters is no token of ours: no database round trip for it. */
    static boolean wellFormed(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return Sql.utc(instant);
    }
}

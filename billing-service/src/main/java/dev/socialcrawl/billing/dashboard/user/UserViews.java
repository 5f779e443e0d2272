package dev.socialcrawl.billing.dashboard.user;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Wire and page shapes of dashboard users: never a hash; a password only as a one-time password, once. */
public final class UserViews {
    private UserViews() {
    }

    /** {@code password} is optional: without it a one-time password is generated and returned. */
    public record CreateRequest(String name, String password, String role, Long accountId) {
    }

    public record Listed(long id, String name, String role, @JsonInclude(JsonInclude.Include.ALWAYS) Long accountId,
            boolean mustChangePassword, Instant createdAt, Instant passwordSetAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant disabledAt) {
        static Listed of(DashboardUser u) {
            return new Listed(u.id, u.name, u.role, u.accountId, u.mustChangePassword, u.createdAt, u.passwordSetAt,
                    u.disabledAt);
        }

        public boolean disabled() {
            return disabledAt != null;
        }
    }

    /** A created user; {@code one_time_password} only when billing generated it (none was given). */
    public record Created(long id, String name, String role, @JsonInclude(JsonInclude.Include.ALWAYS) Long accountId,
            boolean mustChangePassword, Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String oneTimePassword) {
    }

    /** A password reset: the new one-time password, to be changed at the next sign-in. */
    public record Reset(long id, String name, String oneTimePassword) {
    }
}

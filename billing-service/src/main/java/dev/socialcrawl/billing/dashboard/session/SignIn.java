package dev.socialcrawl.billing.dashboard.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.dashboard.user.DashboardUser;
import dev.socialcrawl.billing.dashboard.user.DashboardUserService;
import dev.socialcrawl.billing.dashboard.user.Passwords;

/**
 * A sign-in: limits first (the client address, then the user), then the password, then a new session. An unknown
 * or disabled name gets the same answer, after the same bcrypt work, as a wrong password. The log names the user only
 * when it exists: a name field sometimes receives a password.
 */
@ApplicationScoped
public class SignIn {
    private static final Logger LOG = Logger.getLogger(SignIn.class);
    private static final int MAX_NAME = 64;

    /** What a sign-in came to. */
    public sealed interface Outcome {
        /** Signed in: {@code token} goes into the session cookie. */
        record Success(String token, boolean mustChangePassword) implements Outcome {
        }

        /** Wrong name or password (the same for both). */
        record Refused() implements Outcome {
        }

        /** Too many failures of this user or address: refused without a look at the password. */
        record Limited(Duration retryAfter) implements Outcome {
        }
    }

    private final DashboardUserService users;
    private final Passwords passwords;
    private final SignInLimiter limiter;
    private final SessionStore sessions;
    private final Clock clock;
    private final int maxPerUser;
    private final int maxPerAddress;

    public SignIn(DashboardUserService users, Passwords passwords, SignInLimiter limiter, SessionStore sessions, Clock clock,
            BillingConfig config) {
        this.users = users;
        this.passwords = passwords;
        this.limiter = limiter;
        this.sessions = sessions;
        this.clock = clock;
        this.maxPerUser = config.dashboard().signIn().maxFailuresPerUser();
        this.maxPerAddress = config.dashboard().signIn().maxFailuresPerAddress();
    }

    public Outcome attempt(String name, String password, String address) {
        Instant now = now();
        String addressSubject = SignInLimiter.address(address);
        Optional<Duration> wait = limiter.reserve(addressSubject, maxPerAddress, now);
        if (wait.isPresent()) {
            LOG.warnf("Dashboard sign-in from %s refused: too many failures from that address", address);
            return new Outcome.Limited(wait.get());
        }
        DashboardUser user = name == null || name.isBlank() || name.length() > MAX_NAME ? null
                : users.findByName(name.strip()).filter(u -> u.disabledAt == null).orElse(null);
        if (user != null) {
            wait = limiter.reserve(SignInLimiter.user(user.id), maxPerUser, now);
            if (wait.isPresent()) {
                LOG.warnf("Dashboard sign-in of user %d (%s) from %s refused: too many failures for that user", user.id,
                        user.name, address);
                return new Outcome.Limited(wait.get());
            }
        }
        if (!passwords.matches(password, user == null ? null : user.passwordHash)) {
            if (user == null) {
                LOG.infof("Dashboard sign-in from %s failed: unknown or disabled user name", address);
            } else {
                LOG.infof("Dashboard sign-in of user %d (%s) from %s failed: wrong password", user.id, user.name, address);
            }
            return new Outcome.Refused();
        }
        limiter.succeeded(SignInLimiter.user(user.id), addressSubject);
        LOG.infof("Dashboard user %d (%s) signed in from %s", user.id, user.name, address);
        return new Outcome.Success(sessions.create(user.id, now), user.mustChangePassword);
    }

    /** A new session of a user who just proved itself again (a password change ended its other sessions). */
    public String renew(long userId, Instant passwordSetAt) {
        Instant now = now();
        return sessions.create(userId, now.isBefore(passwordSetAt) ? passwordSetAt : now);
    }

    public void signOut(String token) {
        sessions.end(token);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

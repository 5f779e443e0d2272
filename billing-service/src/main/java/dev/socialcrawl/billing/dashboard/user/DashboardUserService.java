package dev.socialcrawl.billing.dashboard.user;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.panache.common.Sort;

import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.audit.AuditLog;
import dev.socialcrawl.billing.audit.AuditedWrite;
import dev.socialcrawl.billing.web.Inputs;

/**
 * Dashboard users: created by the admin API or a {@code billing-admin}, each write in the audit log. A created or
 * reset user signs in with a password someone else knows, so it must choose its own first. Setting a password
 * (reset or change) ends the user's older sessions: a session is valid only when begun after {@code password_set_at}.
 */
@ApplicationScoped
@Transactional
public class DashboardUserService {
    private static final Logger LOG = Logger.getLogger(DashboardUserService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
    private static final String UNIQUE_VIOLATION = "23505";

    private final AccountService accounts;
    private final Passwords passwords;
    private final AuditLog audit;
    private final EntityManager em;
    private final Clock clock;

    public DashboardUserService(AccountService accounts, Passwords passwords, AuditLog audit, EntityManager em, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    public UserViews.Created create(UserViews.CreateRequest request) {
        String name = Inputs.requiredText("name", request.name(), 64);
        if (!NAME.matcher(name).matches()) {
            throw Inputs.invalid("Field 'name' must be 3 to 64 letters, digits and . _ @ -.");
        }
        Role role = Role.fromWire(request.role());
        if (role == null) {
            throw Inputs.invalid("Field 'role' must be one of " + Role.allWire() + ".");
        }
        Long accountId = request.accountId();
        if (role == Role.CUSTOMER) {
            accounts.find(Inputs.requiredId("account_id", accountId));
        } else if (accountId != null) {
            throw Inputs.invalid("Field 'account_id' is only for role customer: the billing roles see every account.");
        }
        if (findByName(name).isPresent()) {
            throw taken(name);
        }
        boolean generated = request.password() == null || request.password().isEmpty();
        String password = generated ? passwords.generate() : passwords.checkChosen("password", request.password(), name);
        Instant now = now();
        DashboardUser user = new DashboardUser();
        user.name = name;
        user.passwordHash = passwords.hash(password);
        user.role = role.wire();
        user.accountId = accountId;
        user.mustChangePassword = true;
        user.createdAt = now;
        user.passwordSetAt = now;
        try {
            user.persist();
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw taken(name);
            }
            throw e;
        }
        audit.record(accountId, user.id, new AuditedWrite.DashboardUserCreated(name, role.wire()));
        LOG.infof("Created dashboard user %d (%s, %s)", user.id, name, role.wire());
        return new UserViews.Created(user.id, name, role.wire(), accountId, true, now, generated ? password : null);
    }

    @Transactional(TxType.SUPPORTS)
    public List<UserViews.Listed> list() {
        return DashboardUser.<DashboardUser> listAll(Sort.by("id")).stream().map(UserViews.Listed::of).toList();
    }

    @Transactional(TxType.SUPPORTS)
    public Optional<DashboardUser> findByName(String name) {
        return DashboardUser.find("lower(name) = ?1", name.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    @Transactional(TxType.SUPPORTS)
    public DashboardUser find(long id) {
        DashboardUser user = DashboardUser.findById(id);
        if (user == null) {
            throw Inputs.notFound("Dashboard user " + id + " does not exist.");
        }
        return user;
    }

    /** A new one-time password; the user's sessions end and it must choose a password at its next sign-in. */
    public UserViews.Reset resetPassword(long id) {
        DashboardUser user = find(id);
        String password = passwords.generate();
        user.passwordHash = passwords.hash(password);
        user.mustChangePassword = true;
        user.passwordSetAt = now();
        audit.record(user.accountId, user.id, new AuditedWrite.DashboardUserPasswordReset(user.name));
        LOG.infof("Reset the password of dashboard user %d (%s)", user.id, user.name);
        return new UserViews.Reset(user.id, user.name, password);
    }

    /** Its sessions end and it can no longer sign in; disabling a disabled user changes nothing. */
    public void disable(long id) {
        DashboardUser user = find(id);
        if (user.disabledAt == null) {
            user.disabledAt = now();
            audit.record(user.accountId, user.id, new AuditedWrite.DashboardUserDisabled(user.name));
            LOG.infof("Disabled dashboard user %d (%s)", user.id, user.name);
        }
    }

    /**
     * The signed-in user's own change: the current password again, then a new one it chose. @return when the new
     * password was set (the user's sessions from before it have ended)
     */
    public Instant changeOwnPassword(long id, String current, String chosen) {
        DashboardUser user = find(id);
        if (!passwords.matches(current, user.passwordHash)) {
            throw Inputs.invalid("The current password is not right.");
        }
        passwords.checkChosen("new_password", chosen, user.name);
        if (chosen.equals(current)) {
            throw Inputs.invalid("The new password must differ from the current one.");
        }
        user.passwordHash = passwords.hash(chosen);
        user.mustChangePassword = false;
        user.passwordSetAt = now();
        LOG.infof("Dashboard user %d (%s) chose a new password", user.id, user.name);
        return user.passwordSetAt;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static RuntimeException taken(String name) {
        return Inputs.invalid("A dashboard user named " + name + " already exists (names are unique in any case).");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

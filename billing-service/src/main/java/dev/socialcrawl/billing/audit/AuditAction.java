package dev.socialcrawl.billing.audit;

/** The admin writes the audit log knows; the wire and database form is {@link #wire()}. */
public enum AuditAction {
    ACCOUNT_CREATED("account.created"),
    KEY_CREATED("key.created"),
    KEY_REVOKED("key.revoked"),
    CREDITS_ADDED("credits.added"),
    DASHBOARD_USER_CREATED("dashboard_user.created"),
    DASHBOARD_USER_PASSWORD_RESET("dashboard_user.password_reset"),
    DASHBOARD_USER_DISABLED("dashboard_user.disabled");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}

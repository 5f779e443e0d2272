package dev.socialcrawl.billing.web;

/**
 * Who called the admin or ledger API, as the token filter established it (one of the two tokens), or who used the
 * dashboard (a signed-in user, by name). The audit log records it with every write.
 */
public record Caller(Kind kind, String name) {
    public enum Kind {
        TOKEN, USER;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code BILLING_ADMIN_TOKEN}: reads and writes. */
    public static final Caller ADMIN_TOKEN = new Caller(Kind.TOKEN, "admin");

    /** {@code BILLING_LEDGER_TOKEN}: reads only. */
    public static final Caller LEDGER_TOKEN = new Caller(Kind.TOKEN, "ledger");

    public static Caller user(String name) {
        return new Caller(Kind.USER, name);
    }

    public boolean mayWrite() {
        return !equals(LEDGER_TOKEN);
    }
}

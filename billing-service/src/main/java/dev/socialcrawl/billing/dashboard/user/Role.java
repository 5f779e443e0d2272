package dev.socialcrawl.billing.dashboard.user;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The three dashboard roles: a {@code customer} sees its one account, {@code billing} reads every account,
 * {@code billing-admin} also writes (credits, keys, accounts, users). The names are the roles of the signed-in
 * identity ({@code @RolesAllowed}) and the values of {@code dashboard_users.role}.
 */
public enum Role {
    CUSTOMER(Names.CUSTOMER), BILLING(Names.BILLING), BILLING_ADMIN(Names.BILLING_ADMIN);

    /** The role names as constants, for {@code @RolesAllowed}. */
    public static final class Names {
        public static final String CUSTOMER = "customer";
        public static final String BILLING = "billing";
        public static final String BILLING_ADMIN = "billing-admin";

        private Names() {
        }
    }

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** {@code null} when the value names no role. */
    public static Role fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst().orElse(null);
    }

    public static String allWire() {
        return Arrays.stream(values()).map(Role::wire).collect(Collectors.joining(", "));
    }

    /** Whether this role reads every account (and not only its own). */
    public boolean seesAllAccounts() {
        return this != CUSTOMER;
    }
}

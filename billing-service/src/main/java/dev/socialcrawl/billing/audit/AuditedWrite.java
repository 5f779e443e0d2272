package dev.socialcrawl.billing.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The essential fields of each admin write, as the audit log's {@code details}. Nothing here may ever hold a key's
 * secret: a key is named by its id (the row's target) and its last four characters.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface AuditedWrite {
    AuditAction action();

    record AccountCreated(String name, long welcomeBonus) implements AuditedWrite {
        @Override
        public AuditAction action() {
            return AuditAction.ACCOUNT_CREATED;
        }
    }

    record KeyCreated(String name, String last4, Instant expiresAt) implements AuditedWrite {
        @Override
        public AuditAction action() {
            return AuditAction.KEY_CREATED;
        }
    }

    record KeyRevoked(String last4) implements AuditedWrite {
        @Override
        public AuditAction action() {
            return AuditAction.KEY_REVOKED;
        }
    }

    record CreditsAdded(String type, long amount, String note, String idempotencyKey) implements AuditedWrite {
        @Override
        public AuditAction action() {
            return AuditAction.CREDITS_ADDED;
        }
    }

    /** A dashboard user (docs/dashboard.md); its password, chosen or generated, is never recorded. */
    record DashboardUserCreated(String name, String role) implements AuditedWrite {
        @Override
        public AuditAction action() {
            return AuditAction.DASHBOARD_USER_CREATED;
        }
    }

    record DashboardUserPasswordReset(String name) implements AuditedWrite {
        @Override
        public AuditAction action() {
            return AuditAction.DASHBOARD_USER_PASSWORD_RESET;
        }
    }

    record DashboardUserDisabled(String name) implements AuditedWrite {
        @Override
        public AuditAction action() {
            return AuditAction.DASHBOARD_USER_DISABLED;
        }
    }
}

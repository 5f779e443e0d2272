package dev.socialcrawl.billing.dashboard.session;

import dev.socialcrawl.billing.dashboard.user.Role;

/** The user behind a valid session, as the session lookup read it. */
public record SessionUser(long userId, String name, Role role, Long accountId, boolean mustChangePassword) {
}

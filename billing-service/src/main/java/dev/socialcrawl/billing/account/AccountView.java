package dev.socialcrawl.billing.account;

import java.time.Instant;

public record AccountView(long id, String name, long balance, Instant createdAt) {
    static AccountView of(Account a) {
        return new AccountView(a.id, a.name, a.balance, a.createdAt);
    }
}

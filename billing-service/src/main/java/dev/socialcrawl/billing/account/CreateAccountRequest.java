package dev.socialcrawl.billing.account;

public record CreateAccountRequest(String name) {
}

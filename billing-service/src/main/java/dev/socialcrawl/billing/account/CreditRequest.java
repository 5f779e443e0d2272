package dev.socialcrawl.billing.account;

public record CreditRequest(Long amount, String type, String note) {
}

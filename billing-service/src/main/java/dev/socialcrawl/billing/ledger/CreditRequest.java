package dev.socialcrawl.billing.ledger;

public record CreditRequest(Long amount, String type, String note) {
}

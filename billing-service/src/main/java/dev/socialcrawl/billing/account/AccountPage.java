package dev.socialcrawl.billing.account;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

public record AccountPage(List<AccountView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}

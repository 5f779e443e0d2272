package dev.socialcrawl.dashboard;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Billing's admin API with the admin token: the tests' setup (accounts, keys, users) and their checks. */
final class Admin {
    /** A key as the admin API made it: its id and its secret. */
    record Key(long id, String secret) {
        String last4() {
            return secret.substring(secret.length() - 4);
        }
    }

    private final String base;
    private final Map<String, String> auth;

    Admin(String base, String token) {
        this.base = base;
        this.auth = Map.of("Authorization", "Bearer " + token);
    }

    long newAccount(String name) {
        return Http.json(Http.postJson(base + "/admin/accounts", auth, Map.of("name", name)), 201).get("id").asLong();
    }

    Key newKey(long account, String name) {
        JsonNode k = Http.json(Http.postJson(base + "/admin/accounts/" + account + "/keys", auth, Map.of("name", name)), 201);
        return new Key(k.get("id").asLong(), k.get("key").asText());
    }

    /** A dashboard user; @return its one-time password */
    String newUser(String name, String role, Long account) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "role", role));
        if (account != null) {
            body.put("account_id", account);
        }
        return Http.json(Http.postJson(base + "/admin/dashboard-users", auth, body), 201).get("one_time_password").asText();
    }

    JsonNode keys(long account) {
        return Http.json(Http.get(base + "/admin/accounts/" + account + "/keys", auth), 200);
    }

    long balance(long account) {
        return Http.json(Http.get(base + "/admin/accounts/" + account, auth), 200).get("balance").asLong();
    }

    JsonNode audit(long account) {
        return Http.json(Http.get(base + "/admin/audit?account=" + account, auth), 200).get("items");
    }
}

package dev.socialcrawl.billing.apikey;

import com.fasterxml.jackson.annotation.JsonValue;

public enum KeyStatus {
    ACTIVE("active"), REVOKED("revoked"), EXPIRED("expired");

    private final String wire;

    KeyStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}

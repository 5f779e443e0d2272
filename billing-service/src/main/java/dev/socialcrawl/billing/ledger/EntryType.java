package dev.socialcrawl.billing.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The five kinds of ledger entry; the wire and database form is the lower-case name. */
public enum EntryType {
    BONUS, TOPUP, ADJUSTMENT, DEBIT, REFUND;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code null} when the value is not an entry type. */
    public static EntryType fromWire(String value) {
        for (EntryType t : values()) {
            if (t.wire().equals(value)) {
                return t;
            }
        }
        return null;
    }

    public static String allWire() {
        return Arrays.stream(values()).map(EntryType::wire).collect(Collectors.joining(", "));
    }
}

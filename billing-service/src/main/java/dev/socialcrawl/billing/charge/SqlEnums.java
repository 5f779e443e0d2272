package dev.socialcrawl.billing.charge;

import java.util.Locale;

/** Reads the outcome a money function answered into its enum; anything else is a bug, never a client error. */
final class SqlEnums {
    private SqlEnums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String function, String value) {
        if (value != null) {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
        }
        throw new IllegalStateException(function + " answered an unknown outcome: " + value);
    }
}

package dev.socialcrawl.billing.dashboard.pages;

import dev.socialcrawl.billing.web.Inputs;

/** Form and query values of the dashboard that the shared {@link Inputs} checks do not cover. */
final class Params {
    private Params() {
    }

    /** A required positive id (a key, a user); a 400 naming the field otherwise. */
    static long requiredId(String name, String raw) {
        Long id = Inputs.queryId(name, raw);
        if (id == null) {
            throw Inputs.invalid("Field '" + name + "' is required.");
        }
        return id;
    }

    /** A whole number of credits as typed in a form, sign allowed; a 400 naming the field otherwise. */
    static long wholeNumber(String name, String raw) {
        try {
            return Long.parseLong(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw Inputs.invalid("Field '" + name + "' must be a whole number of credits.");
        }
    }
}

package dev.socialcrawl.billing.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.socialcrawl.billing.web.Inputs;

/** Opaque page cursor: base64url of {@code e:<last entry id>}. Keyset paging by id, so inserts never shift pages. */
final class Cursor {
    private static final String PREFIX = "e:";

    private Cursor() {
    }

    static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id to continue after; 0 when there is no cursor. */
    static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(PREFIX)) {
                long id = Long.parseLong(raw.substring(PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException is an IllegalArgumentException too; both fall through to the 400
        }
        throw Inputs.invalid("Parameter 'cursor' is not a cursor this API returned.");
    }
}

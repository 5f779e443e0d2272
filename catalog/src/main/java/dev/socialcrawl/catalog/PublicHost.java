package dev.socialcrawl.catalog;

import java.util.Locale;

/**
 * Whether a URL's host names a public machine by name. Addresses are refused in every spelling an HTTP client
 * accepts (dotted, bracketed IPv6, a bare or hexadecimal number, octal parts), so that a parameter cannot point the
 * upstream provider at a private, loopback, link-local or metadata address; so are names that only ever mean this
 * machine or its local network.
 */
final class PublicHost {
    private static final String[] LOCAL_SUFFIXES = { "localhost", ".localhost", ".local", ".internal",
        ".localdomain", ".home.arpa", ".in-addr.arpa", ".ip6.arpa" };

    private PublicHost() {
    }

    static boolean isPublicName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.startsWith("[") || h.indexOf(':') >= 0 || looksNumeric(h)) {
            return false;
        }
        for (String suffix : LOCAL_SUFFIXES) {
            if (h.equals(suffix) || h.endsWith(suffix)) {
                return false;
            }
        }
        return h.indexOf('.') > 0;
    }

    /** Every label made of digits or a {@code 0x} hex number: what resolvers read as an IPv4 address. */
    private static boolean looksNumeric(String host) {
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty()) {
                return false;
            }
            boolean hex = label.startsWith("0x");
            String digits = hex ? label.substring(2) : label;
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                boolean ok = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f')));
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}

package dev.socialcrawl.catalog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's query string, decoded once: the gateway and the proxy read queries by the same rules. */
public final class QueryString {
    private QueryString() {
    }

    /**
     * {@code name=value} pairs split on {@code &} only ({@code ;} is an ordinary character), each side
     * percent-decoded as UTF-8 with {@code +} meaning a space; a name without {@code =} has the empty value, a
     * repeated name keeps every value in order, empty pairs are skipped; names in the order the request gave them.
     *
     * @throws IllegalArgumentException on a malformed percent-escape
     */
    public static Map<String, List<String>> decode(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>(8);
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            if (end > start) {
                int eq = raw.indexOf('=', start);
                boolean hasValue = eq >= 0 && eq < end;
                String name = URLDecoder.decode(raw.substring(start, hasValue ? eq : end), StandardCharsets.UTF_8);
                String value = hasValue ? URLDecoder.decode(raw.substring(eq + 1, end), StandardCharsets.UTF_8) : "";
                params.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return params;
    }
}

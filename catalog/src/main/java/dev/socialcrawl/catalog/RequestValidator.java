package dev.socialcrawl.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/**
 * Step 5 of api-contract §3: the params of a catalogue request, each failure a 400 naming the param. The gateway
 * checks every public request with it and the proxy every fetch, so both sides agree on what is valid.
 */
public class RequestValidator {
    public static final int MAX_VALUE_LENGTH = 2048;
    public static final int MAX_HANDLE_LENGTH = 100;
    static final List<String> FORMAT_VALUES = List.of("raw");

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private final Catalog catalog;

    public RequestValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    public ValidatedRequest validate(Endpoint endpoint, Map<String, List<String>> query) {
        SortedMap<String, String> params = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            if (!Catalog.FORMAT_PARAM.equals(name) && endpoint.param(name).isEmpty()) {
                throw invalid("Unknown parameter '" + name + "' for " + endpoint.path() + ".");
            }
            if (e.getValue().size() > 1) {
                throw invalid("Parameter '" + name + "' is repeated; send it once.");
            }
            String value = e.getValue().isEmpty() ? "" : e.getValue().get(0);
            if (value.length() > MAX_VALUE_LENGTH) {
                throw invalid("Parameter '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters.");
            }
            params.put(name, value);
        }
        List<String> missing = new ArrayList<>();
        for (String name : endpoint.required()) {
            if (params.getOrDefault(name, "").isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("Missing required parameter(s): " + String.join(", ", missing));
        }
        for (List<String> group : endpoint.oneOf()) {
            if (group.stream().allMatch(name -> params.getOrDefault(name, "").isEmpty())) {
                throw invalid("Missing parameter: at least one of " + String.join(", ", group) + " is required.");
            }
        }
        Platform platform = catalog.platform(endpoint.platform()).orElseThrow();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (Catalog.FORMAT_PARAM.equals(e.getKey())) {
                if (!FORMAT_VALUES.contains(e.getValue())) {
                    throw invalid("Parameter 'format' must be one of: " + String.join(", ", FORMAT_VALUES) + ".");
                }
            } else {
                check(endpoint.param(e.getKey()).orElseThrow(), e.getValue(), platform);
            }
        }
        return new ValidatedRequest(endpoint, params);
    }

    private static void check(ParamSpec spec, String value, Platform platform) {
        String name = spec.name();
        switch (spec.type()) {
            case HANDLE -> {
                if (value.isEmpty() || value.length() > MAX_HANDLE_LENGTH || value.contains("@")
                        || containsWhitespace(value)) {
                    throw invalid("Parameter '" + name + "' must be a handle without '@' or spaces, at most "
                            + MAX_HANDLE_LENGTH + " characters.");
                }
            }
            case URL -> {
                if (!validUrl(value, platform)) {
                    throw invalid("Parameter '" + name + "' must be an http(s) URL"
                            + (platform.urlHosts().isEmpty() ? "." : " on " + String.join(" or ", platform.urlHosts()) + "."));
                }
            }
            case SUBREDDIT -> {
                String lower = value.toLowerCase(Locale.ROOT);
                if (value.isEmpty() || lower.startsWith("r/") || lower.startsWith("/r/") || value.contains("/")
                        || containsWhitespace(value)) {
                    throw invalid("Parameter '" + name + "' must be a subreddit name without the 'r/' prefix.");
                }
            }
            case INT -> {
                if (!INTEGER.matcher(value).matches()) {
                    throw invalid("Parameter '" + name + "' must be a whole number.");
                }
            }
            case BOOL -> {
                if (!"true".equals(value) && !"false".equals(value)) {
                    throw invalid("Parameter '" + name + "' must be true or false.");
                }
            }
            case ENUM -> {
                if (!spec.values().contains(value)) {
                    throw invalid("Parameter '" + name + "' must be one of: " + String.join(", ", spec.values()) + ".");
                }
            }
            case STRING -> {
                // Free text: the length bound above is the only rule.
            }
        }
    }

    /** Whether a character matches regex {@code \s} (space, tab, LF, VT, FF, CR): a loop, no matcher per request. */
    static boolean containsWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r' -> {
                    return true;
                }
                default -> {
                    // keep looking
                }
            }
        }
        return false;
    }

    private static boolean validUrl(String value, Platform platform) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return false;
            }
            return uri.getHost() != null && platform.acceptsHost(uri.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message);
    }
}

package dev.socialcrawl.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
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
 * Step 5 of docs/api.md#order-of-checks: the params of a catalogue request, each failure a 400 naming the param. The
 * gateway checks every public request with it and the proxy every fetch, so both sides agree on what is valid.
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
            String value = nfc(e.getValue().isEmpty() ? "" : e.getValue().get(0));
            if (value.length() > MAX_VALUE_LENGTH) {
                throw invalid("Parameter '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters.");
            }
            if (hasControlOrBidiOverride(value)) {
                throw invalid("Parameter '" + name + "' contains a control character or a bidirectional override.");
            }
            if (value.indexOf('\uFFFD') >= 0) {
                throw invalid("Parameter '" + name + "' is not valid UTF-8 once percent-decoded.");
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
                            + (platform.urlHosts().isEmpty() ? "" : " on " + String.join(" or ", platform.urlHosts()))
                            + " with a public host name, no user, and the scheme's default port.");
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

    /**
     * An http(s) URL whose host is a name on the platform's list (any name for a platform without one) and never an
     * address: no IP literal, no loopback or local-only name, no user info, no port but the scheme's own. Whatever a
     * public name resolves to is the upstream provider's business: the proxy only forwards it.
     */
    static boolean validUrl(String value, Platform platform) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return false;
            }
            String host = uri.getHost();
            if (host == null || uri.getRawUserInfo() != null || !defaultPort(uri.getPort(), scheme)) {
                return false;
            }
            return PublicHost.isPublicName(host) && platform.acceptsHost(host);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean defaultPort(int port, String scheme) {
        return port == -1 || (port == 80 && scheme.equalsIgnoreCase("http"))
                || (port == 443 && scheme.equalsIgnoreCase("https"));
    }

    /** The value in Unicode's composed form, so that NFC and NFD spellings are one value (and one cache entry). */
    private static String nfc(String value) {
        return Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value
                : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /** C0 and C1 controls (DEL included) and the bidi embeddings, overrides and isolates (U+202A–E, U+2066–9). */
    static boolean hasControlOrBidiOverride(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                return true;
            }
        }
        return false;
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message);
    }
}

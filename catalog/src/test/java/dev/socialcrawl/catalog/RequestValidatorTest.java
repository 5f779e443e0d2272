package dev.socialcrawl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/** The parameter rules of docs/api.md#order-of-checks (step 5) and #limits that the gateway and the proxy share. */
class RequestValidatorTest {
    private static final Catalog CATALOG = Catalog.loadDefault();
    private static final RequestValidator VALIDATOR = new RequestValidator(CATALOG);

    @ParameterizedTest
    @ValueSource(strings = { "a\u0000b", "a\tb", "a\u007Fb", "a\u0085b", "a\u202Eb", "a\u2066b", "a\u2069b" })
    void controlCharactersAndBidiOverridesAreRefused(String value) {
        ApiException e = refused("/v1/tiktok/profile", Map.of("handle", List.of(value)));
        assertEquals("Parameter 'handle' contains a control character or a bidirectional override.", e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        ApiException e = refused("/v1/tiktok/profile", Map.of("handle", List.of("ab\uFFFDc")));
        assertEquals("Parameter 'handle' is not valid UTF-8 once percent-decoded.", e.getMessage());
    }

    @Test
    void composedAndDecomposedSpellingsAreOneValue() {
        ValidatedRequest composed = valid("/v1/reddit/search", Map.of("query", List.of("caf\u00e9")));
        ValidatedRequest decomposed = valid("/v1/reddit/search", Map.of("query", List.of("cafe\u0301")));
        assertEquals(composed.params(), decomposed.params());
        assertEquals("caf\u00e9", decomposed.params().get("query"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://169.254.169.254/latest/meta-data", "http://127.0.0.1/x", "http://[::1]/x",
        "http://2130706433/x", "http://0x7f.1/x", "http://localhost/x", "http://metadata.google.internal/x",
        "http://printer.local/x", "http://example.com:8080/x", "https://example.com:80/x",
        "http://user@example.com/x", "http://intranet/x", "ftp://example.com/x", "file:///etc/passwd" })
    void utilityUrlsNeverNameAnAddressALocalNameAUserOrAnotherPort(String url) {
        ApiException e = refused("/v1/utility/age-gender", Map.of("url", List.of(url)));
        assertTrue(e.getMessage().startsWith("Parameter 'url' must be an http(s) URL"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://example.com/photo.jpg", "http://example.com:80/a", "https://cdn.example.org:443/b" })
    void publicNamesOnTheDefaultPortAreAccepted(String url) {
        assertEquals(url, valid("/v1/utility/age-gender", Map.of("url", List.of(url))).params().get("url"));
    }

    @Test
    void aPlatformsUrlMustBeOnItsOwnHostsAndNotAnAddress() {
        valid("/v1/tiktok/post", Map.of("url", List.of("https://www.tiktok.com/@a/video/1")));
        refused("/v1/tiktok/post", Map.of("url", List.of("https://tiktok.com.evil.example/@a/video/1")));
        refused("/v1/tiktok/post", Map.of("url", List.of("https://www.tiktok.com:8443/@a/video/1")));
    }

    private static ValidatedRequest valid(String path, Map<String, List<String>> query) {
        return VALIDATOR.validate(CATALOG.findByPath(path).orElseThrow(), query);
    }

    private static ApiException refused(String path, Map<String, List<String>> query) {
        ApiException e = assertThrows(ApiException.class, () -> valid(path, query));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        return e;
    }
}

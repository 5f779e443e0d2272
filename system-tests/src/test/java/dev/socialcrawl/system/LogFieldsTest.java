package dev.socialcrawl.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/**
 * docs/operations.md "Logs": the fields its table promises are in the packaged services' real JSON log lines — the
 * gateway's access log line of a request, and the proxy's line for a failed upstream call — so the documented
 * {@code grep} commands find what they claim to.
 */
class LogFieldsTest extends SystemTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDocumentedFieldsAreInTheRealLogLines() {
        Operator.Account acc = operator.newAccount();
        Response ok = customer(acc.key()).queryParam("query", Envelopes.unique()).get("/v1/reddit/search");
        ok.then().statusCode(200);
        suite.upstream.rule("twitter", FakeUpstream.Rule.serverError());
        Response failed = customer(acc.key()).queryParam("handle", Envelopes.unique()).get("/v1/twitter/profile");
        failed.then().statusCode(502);

        JsonNode access = await().atMost(Duration.ofSeconds(10)).until(
                () -> line(List.of("gateway-a.log", "gateway-b.log"), ok.jsonPath().getString("request_id"), "latency_ms"),
                Optional::isPresent).get();
        for (String field : documentedFields("gateway access log")) {
            assertTrue(has(access, field), "access log line has " + field + ": " + access);
        }
        JsonNode upstreamFailure = await().atMost(Duration.ofSeconds(10)).until(
                () -> line(List.of("proxy.log"), failed.jsonPath().getString("request_id"), "kind"),
                Optional::isPresent).get();
        for (String field : documentedFields("proxy, one line per failed upstream call")) {
            assertTrue(has(upstreamFailure, field), "upstream failure line has " + field + ": " + upstreamFailure);
        }
    }

    /** The backticked field names of the row of docs/operations.md's log table that starts with {@code where}. */
    private static List<String> documentedFields(String where) {
        Path doc = Path.of(System.getProperty("system.services.root", "..")).resolve("docs/operations.md");
        try {
            for (String row : Files.readAllLines(doc)) {
                if (row.startsWith("| " + where)) {
                    String fieldsCell = row.substring(row.lastIndexOf('|', row.length() - 2) + 1);
                    List<String> fields = new ArrayList<>();
                    Matcher m = Pattern.compile("`([a-z_]+)`").matcher(fieldsCell);
                    while (m.find()) {
                        fields.add(m.group(1));
                    }
                    assertFalse(fields.isEmpty(), "no fields in: " + row);
                    return fields;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("docs/operations.md has no log table row for " + where);
    }

    /** The first JSON log line of those files that names the request id and has {@code field} in its MDC. */
    private Optional<JsonNode> line(List<String> files, String requestId, String field) {
        for (String file : files) {
            try {
                for (String text : Files.readAllLines(suite.logs.resolve(file))) {
                    if (!text.startsWith("{") || !text.contains(requestId)) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(text);
                    if (has(node, field) && requestId.equals(value(node, "request_id"))) {
                        return Optional.of(node);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    private static boolean has(JsonNode line, String field) {
        return value(line, field) != null;
    }

    /** A field of the line, at the top level or in its {@code mdc}. */
    private static String value(JsonNode line, String field) {
        JsonNode v = line.has(field) ? line.get(field) : line.path("mdc").get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

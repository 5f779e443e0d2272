package dev.socialcrawl.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socialcrawl.bench.load.RequestSpec;
import dev.socialcrawl.bench.load.RequestSupplier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RequestsTest {

    private final Requests requests = new Requests();
    private final List<String> keys = List.of("sc_key_a", "sc_key_b", "sc_key_c");

    @Test
    void everyPaidRequestHasAHandleNoOtherRequestUsedWithTheLatencyPrefixAndRotatingKeys() {
        RequestSupplier paid = requests.paid(8080, keys, 20);
        Set<String> uris = new HashSet<>();

        for (long i = 0; i < 1000; i++) {
            RequestSpec r = paid.next(i);
            assertTrue(r.uri().startsWith("/v1/tiktok/user/following?handle=w20_"), r.uri());
            assertEquals(keys.get((int) (i % 3)), r.headers().get("x-api-key"));
            uris.add(r.uri());
        }
        assertEquals(1000, uris.size());
    }

    @Test
    void cacheHitsRepeatOneUrlAndReplaysRepeatEachStoredKeyWithItsOwnUrlAndAccount() {
        RequestSupplier hits = requests.cacheHit(8080, keys);
        assertEquals(1, LongStream.range(0, 50).mapToObj(i -> hits.next(i).uri()).distinct().count());

        RequestSupplier replays = requests.replays(8080, keys, 4);
        RequestSpec first = replays.next(0);
        RequestSpec again = replays.next(4);
        assertEquals(first, again);
        assertEquals(first, requests.keyed(8080, keys, 0));
        assertTrue(first.headers().get("Idempotency-Key").length() >= 16, "Idempotency-Key needs 16..255 characters");
    }

    @Test
    void theWarmUpInterleavesItsPathsEachWithItsOwnSequenceAndKeepsItsIdempotencyKeysApart() {
        RequestSupplier a = seq -> RequestSpec.get("h", 1, "/a" + seq, java.util.Map.of());
        RequestSupplier b = seq -> RequestSpec.get("h", 1, "/b" + seq, java.util.Map.of());
        RequestSupplier both = Requests.interleave(List.of(a, b));

        assertEquals(List.of("/a0", "/b0", "/a1", "/b1", "/a2"),
                LongStream.range(0, 5).mapToObj(i -> both.next(i).uri()).toList());

        RequestSupplier warmUp = requests.replays(8080, keys, 1_000_000, 3);
        Set<String> warmKeys = new HashSet<>();
        LongStream.range(0, 3).forEach(i -> warmKeys.add(warmUp.next(i).headers().get("Idempotency-Key")));
        RequestSupplier measured = requests.replays(8080, keys, 200);
        LongStream.range(0, 200).forEach(i -> assertFalse(warmKeys.contains(measured.next(i).headers().get("Idempotency-Key"))));
        assertEquals(3, warmKeys.size());
        assertEquals(warmUp.next(0), warmUp.next(3), "the warm-up's later rounds replay its first");
    }

    @Test
    void debitsCarryAWellFormedFreshRequestIdAndTheInternalToken() throws Exception {
        RequestSupplier debits = requests.debits(8081, "internal-token", List.of(7L, 8L));
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();

        for (long i = 0; i < 100; i++) {
            RequestSpec r = debits.next(i);
            JsonNode body = json.readTree(r.body());
            String id = body.path("request_id").asText();
            assertTrue(id.matches("req-[A-Za-z0-9_-]{20,100}"), "internal-api request id format: " + id);
            ids.add(id);
            assertEquals(i % 2 == 0 ? 7 : 8, body.path("account_id").asLong());
            assertEquals(1, body.path("amount").asLong());
            assertEquals("POST", r.method());
            assertEquals("/internal/debits", r.uri());
            assertEquals("internal-token", r.headers().get("X-Internal-Token"));
            assertEquals("application/json", r.headers().get("Content-Type"));
        }
        assertEquals(100, ids.size());
    }
}

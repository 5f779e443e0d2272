package dev.socialcrawl.gateway.idempotency;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.redis.Hashing;
import dev.socialcrawl.gateway.redis.LuaScript;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;

/**
 * Step 7 of docs/api.md#order-of-checks (#idempotency). The claim is one script (read, or create when absent), so two
 * identical keyed requests on two replicas can never both run; finishing and releasing only touch a record this request
 * owns.
 */
@Singleton
public class IdempotencyStore {
    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY_FORM = Pattern.compile("[\\x20-\\x7E]{16,255}");
    static final String CONFLICT_MESSAGE = "The Idempotency-Key is already in use by another account.";
    static final String MISMATCH_MESSAGE = "The Idempotency-Key was already used with different query parameters.";
    static final String IN_PROGRESS_MESSAGE =
            "A request with this Idempotency-Key is still in progress; retry once it has finished.";

    private static final LuaScript CLAIM = LuaScript.of("""
            local v = redis.call('GET', KEYS[1])
            if v then
              return v
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return false
            """);
    private static final LuaScript COMPLETE = LuaScript.of("""
            local v = redis.call('GET', KEYS[1])
            if not v or cjson.decode(v)['request_id'] ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);
    private static final LuaScript RELEASE = LuaScript.of("""
            local v = redis.call('GET', KEYS[1])
            if not v or cjson.decode(v)['request_id'] ~= ARGV[1] then
              return 0
            end
            return redis.call('DEL', KEYS[1])
            """);
    private static final Duration FIRST_POLL = Duration.ofMillis(25);
    private static final Duration MAX_POLL = Duration.ofMillis(250);

    private final RedisClient redis;
    private final RedisKeys keys;
    private final GatewayConfig config;
    private final ObjectMapper mapper;

    public IdempotencyStore(RedisClient redis, RedisKeys keys, GatewayConfig config, ObjectMapper mapper) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.mapper = mapper;
    }

    /** 400 unless the header is 16..255 printable ASCII characters. */
    public static void checkForm(String idempotencyKey) {
        if (idempotencyKey != null && !KEY_FORM.matcher(idempotencyKey).matches()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST,
                    "Header 'Idempotency-Key' must be 16 to 255 printable ASCII characters (a UUIDv4 is recommended).");
        }
    }

    /** SHA-256 of the method, the path and the sorted, decoded query params. */
    public static String fingerprint(String method, String path, Map<String, String> sortedParams) {
        StringBuilder sb = new StringBuilder(method).append('\n').append(path).append('\n');
        sortedParams.forEach((k, v) -> sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return Hashing.sha256Hex(sb.toString());
    }

    public Uni<IdempotencyDecision> claim(String idempotencyKey, long accountId, String fingerprint,
            String requestId) {
        String redisKey = keys.idempotency(Hashing.sha256Hex(idempotencyKey));
        IdempotencyRecord mine = IdempotencyRecord.inFlight(accountId, fingerprint, requestId,
                System.currentTimeMillis());
        long deadline = System.nanoTime() + config.idempotency().inFlightWait().toNanos();
        return attempt(redisKey, mine, deadline, FIRST_POLL);
    }

    private Uni<IdempotencyDecision> attempt(String redisKey, IdempotencyRecord mine, long deadline, Duration poll) {
        return redis.run(CLAIM, List.of(redisKey),
                List.of(write(mine), Long.toString(config.idempotency().inFlightTtl().toMillis())))
                .chain(existing -> {
                    if (existing == null) {
                        return Uni.createFrom().item(new IdempotencyDecision.Claimed(new IdempotencyClaim(redisKey, mine)));
                    }
                    IdempotencyRecord other = read(existing.toString());
                    if (other.accountId() != mine.accountId()) {
                        throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_CONFLICT, CONFLICT_MESSAGE);
                    }
                    if (!other.fingerprint().equals(mine.fingerprint())) {
                        throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_PAYLOAD_MISMATCH, MISMATCH_MESSAGE);
                    }
                    if (other.finished()) {
                        return Uni.createFrom().item(new IdempotencyDecision.Replay(other));
                    }
                    if (System.nanoTime() >= deadline) {
                        throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_CONFLICT, IN_PROGRESS_MESSAGE);
                    }
                    Duration next = poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(poll)
                            .chain(() -> attempt(redisKey, mine, deadline, next));
                });
    }

    /** Stores a finished outcome (200 or charged 404) until the key's 24 h are over. */
    public Uni<Void> complete(IdempotencyClaim claim, int status, String errorType, String message, String data) {
        return store(claim, claim.record().done(status, errorType, message, data));
    }

    /** Stores that the request was a cache hit: its replays read the entry while it lives. */
    public Uni<Void> completeFromCache(IdempotencyClaim claim) {
        return store(claim, claim.record().doneFromCache());
    }

    private Uni<Void> store(IdempotencyClaim claim, IdempotencyRecord done) {
        long ttl = config.idempotency().ttl().toMillis() - (System.currentTimeMillis() - claim.record().createdAtMs());
        return redis.run(COMPLETE, List.of(claim.redisKey()),
                List.of(claim.record().requestId(), write(done), Long.toString(Math.max(ttl, 1L))))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not store an idempotent outcome: %s", String.valueOf(e));
                    return null;
                });
    }

    /** Drops a finished record whose cache entry is gone, so the key runs afresh (only that very record). */
    public Uni<Void> discard(String idempotencyKey, IdempotencyRecord original) {
        return redis.run(RELEASE, List.of(keys.idempotency(Hashing.sha256Hex(idempotencyKey))),
                List.of(original.requestId())).replaceWithVoid();
    }

    /** Frees the key after an outcome that is not stored (402, 429, 5xx, refunded 404), so the next one runs afresh. */
    public Uni<Void> release(IdempotencyClaim claim) {
        return redis.run(RELEASE, List.of(claim.redisKey()), List.of(claim.record().requestId()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not release an idempotency key (it expires by itself): %s", String.valueOf(e));
                    return null;
                });
    }

    private String write(IdempotencyRecord record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an idempotency record is always serialisable", e);
        }
    }

    private IdempotencyRecord read(String json) {
        try {
            return mapper.readValue(json, IdempotencyRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable idempotency record", e);
        }
    }
}

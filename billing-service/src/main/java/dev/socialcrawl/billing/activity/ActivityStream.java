package dev.socialcrawl.billing.activity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;

/**
 * Billing's side of the gateway's activity stream {@code {p}activity} (docs/internal-api.md): the consumer group
 * {@code billing}, in which each replica is its own consumer (host name and a random suffix, so a restarted pod is a
 * new consumer and its predecessor's unfinished entries are claimed like any crashed replica's). Every call is one
 * Redis command without BLOCK, made from a worker thread.
 */
@ApplicationScoped
public class ActivityStream {
    public static final String GROUP = "billing";
    /** The one field of a gateway's entry: its records as rows of text ({@link dev.socialcrawl.activity.ActivityRows}). */
    public static final String ROWS_FIELD = "rows";
    /**
     * The field of entries written by gateways before the rows (a JSON array of records), still read so that a rolling
     * upgrade loses none of them.
     */
    public static final String RECORDS_FIELD = "records";
    private static final String FROM_THE_START = "0";
    private static final String NEW_ENTRIES = ">";
    private static final String OWN_PENDING = "0";

    private final StreamCommands<String, String, String> streams;
    private final String key;
    private final String consumer;
    private String claimCursor = "0-0";

    public ActivityStream(RedisDataSource redis, @ConfigProperty(name = "socialcrawl.redis.key-prefix") String prefix) {
        this.streams = redis.stream(String.class);
        this.key = prefix + "activity";
        this.consumer = hostName() + "-" + randomSuffix();
    }

    public String key() {
        return key;
    }

    public String consumer() {
        return consumer;
    }

    /** Creates the group (and the stream) unless it exists; entries already in the stream are read too. */
    public void ensureGroup() {
        try {
            streams.xgroupCreate(key, GROUP, FROM_THE_START, new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!isRedisError(e, "BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Up to {@code count} entries nobody in the group has read yet; they are pending on this consumer until acked. */
    public List<StreamMessage<String, String, String>> readNew(int count) {
        return read(NEW_ENTRIES, count);
    }

    /** Entries this consumer read earlier and has not acknowledged (their store failed). */
    public List<StreamMessage<String, String, String>> readOwnPending(int count) {
        return read(OWN_PENDING, count);
    }

    private List<StreamMessage<String, String, String>> read(String id, int count) {
        List<StreamMessage<String, String, String>> messages = streams.xreadgroup(GROUP, consumer, key, id,
                new XReadGroupArgs().count(count));
        return messages == null ? List.of() : messages;
    }

    /**
     * Takes over up to {@code count} entries pending on any consumer for longer than {@code minIdle} (that replica
     * died between reading and storing them); walks the group's pending list a step per call.
     */
    public List<StreamMessage<String, String, String>> claimIdle(Duration minIdle, int count) {
        ClaimedMessages<String, String, String> claimed;
        synchronized (this) {
            claimed = streams.xautoclaim(key, GROUP, consumer, minIdle, claimCursor, count);
            claimCursor = claimed.getId() == null ? "0-0" : claimed.getId();
        }
        return claimed.getMessages() == null ? List.of() : claimed.getMessages();
    }

    /** Acknowledges the entries, then deletes them: stored entries leave the stream. */
    public void acknowledgeAndDelete(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String[] array = ids.toArray(String[]::new);
        streams.xack(key, GROUP, array);
        streams.xdel(key, array);
    }

    public long length() {
        return streams.xlen(key);
    }

    /**
     * Whether Redis refused with this error code: BUSYGROUP (the group exists already: another replica or an earlier
     * start made it) or NOGROUP (the stream or the group is gone: Redis lost its data, or someone deleted the key).
     */
    static boolean isRedisError(Throwable e, String code) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(code)) {
                return true;
            }
        }
        return false;
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "billing";
        }
    }
}

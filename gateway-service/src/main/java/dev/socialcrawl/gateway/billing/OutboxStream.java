package dev.socialcrawl.gateway.billing;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import dev.socialcrawl.gateway.redis.LuaScript;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * The commands of the billing outbox's Redis stream ({@code {p}gw:billing-stream}) and its consumer group: each
 * replica reads entries as a consumer of the group, so an entry is handed to one replica at a time, stays pending on
 * it until that replica acknowledges it (after billing confirmed it), and is claimed by another replica only after it
 * sat idle past the claim bound (its replica died or stalled). Nothing is ever removed that was not confirmed.
 */
final class OutboxStream {
    static final String GROUP = "drainers";
    private static final String FIELD = "e";
    /** Creates the group and the stream unless the group exists: one answer whichever replica comes first. */
    private static final LuaScript CREATE_GROUP = LuaScript.of(
            "pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM') return 1");
    /** Moves entries of the list an older gateway used into the stream, atomically, so none is lost or doubled. */
    private static final LuaScript MOVE_LEGACY = LuaScript.of("""
            local n = 0
            for i = 1, tonumber(ARGV[1]) do
              local v = redis.call('LPOP', KEYS[1])
              if not v then break end
              redis.call('XADD', KEYS[2], '*', ARGV[2], v)
              n = n + 1
            end
            return n
            """);

    /** One stream entry: its id and the outbox entry's JSON. */
    record Item(String id, String json) {
    }

    private final RedisKeys keys;

    OutboxStream(RedisKeys keys) {
        this.keys = keys;
    }

    RedisOp<Void> add(String json) {
        return RedisOp.write(Request.cmd(Command.XADD).arg(keys.billingOutboxStream()).arg("*").arg(FIELD).arg(json));
    }

    /** Creates the group (reading from the stream's start) and the stream, unless the group exists. */
    Uni<Void> createGroup(RedisClient redis) {
        return redis.run(CREATE_GROUP, List.of(keys.billingOutboxStream()), List.of(GROUP)).replaceWithVoid();
    }

    /** Moves up to {@code count} entries of the pre-stream list into the stream; how many it moved. */
    Uni<Long> moveLegacy(RedisClient redis, int count) {
        return redis.run(MOVE_LEGACY, List.of(keys.billingOutbox(), keys.billingOutboxStream()),
                List.of(Integer.toString(count), FIELD)).map(Response::toLong);
    }

    /** Entries handed to this consumer before and not acknowledged yet. */
    RedisOp<List<Item>> ownPending(String consumer, int count) {
        return read(consumer, count, "0");
    }

    /** Entries no consumer has been handed yet. */
    RedisOp<List<Item>> fresh(String consumer, int count) {
        return read(consumer, count, ">");
    }

    /** Entries another consumer was handed at least {@code idleMillis} ago and never acknowledged, now this one's. */
    RedisOp<List<Item>> claimStale(String consumer, long idleMillis, int count) {
        return new RedisOp<>(Request.cmd(Command.XAUTOCLAIM).arg(keys.billingOutboxStream()).arg(GROUP).arg(consumer)
                .arg(idleMillis).arg("0").arg("COUNT").arg(count), r -> items(r == null ? null : r.get(1)));
    }

    /** Acknowledges and deletes confirmed entries, so the stream holds only what billing has not confirmed. */
    List<RedisOp<?>> done(List<String> ids) {
        Request ack = Request.cmd(Command.XACK).arg(keys.billingOutboxStream()).arg(GROUP);
        Request del = Request.cmd(Command.XDEL).arg(keys.billingOutboxStream());
        ids.forEach(id -> {
            ack.arg(id);
            del.arg(id);
        });
        return List.of(RedisOp.write(ack), RedisOp.write(del));
    }

    RedisOp<Long> length() {
        return new RedisOp<>(Request.cmd(Command.XLEN).arg(keys.billingOutboxStream()), Response::toLong);
    }

    private RedisOp<List<Item>> read(String consumer, int count, String from) {
        return new RedisOp<>(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(GROUP).arg(consumer).arg("COUNT")
                .arg(count).arg("STREAMS").arg(keys.billingOutboxStream()).arg(from), this::streamItems);
    }

    /** XREADGROUP's reply for one stream: a map stream → entries (RESP3) or [[stream, entries]] (RESP2). */
    private List<Item> streamItems(Response reply) {
        if (reply == null) {
            return List.of();
        }
        if (reply.type() == ResponseType.MULTI && reply.containsKey(keys.billingOutboxStream())) {
            return items(reply.get(keys.billingOutboxStream()));
        }
        return items(reply.get(0).get(1));
    }

    /** Entries as [id, [field, value, …]]; an entry whose fields are gone (deleted meanwhile) is skipped. */
    private static List<Item> items(Response entries) {
        List<Item> items = new ArrayList<>();
        if (entries == null) {
            return items;
        }
        for (Response entry : entries) {
            Response fields = entry.get(1);
            if (fields == null || fields.size() < 2) {
                continue;
            }
            items.add(new Item(entry.get(0).toString(), fields.get(1).toString()));
        }
        return items;
    }
}

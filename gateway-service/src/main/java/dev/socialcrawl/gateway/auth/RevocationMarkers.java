package dev.socialcrawl.gateway.auth;

import jakarta.inject.Singleton;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * The gateway's side of the {@code {p}revoked-key:*} markers billing writes when it revokes a key
 * (docs/internal-api.md "Shared Redis names"): the gateway only ever reads them.
 */
@Singleton
public class RevocationMarkers {
    private final RedisKeys keys;

    public RevocationMarkers(RedisKeys keys) {
        this.keys = keys;
    }

    /** Whether billing has marked the key revoked. */
    public RedisOp<Boolean> isRevoked(String keyHash) {
        return RedisOp.read(Request.cmd(Command.EXISTS).arg(keys.revokedKey(keyHash)), r -> r.toLong() > 0);
    }
}

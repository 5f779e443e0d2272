package dev.socialcrawl.gateway.redis;

/**
 * A Lua script and its SHA-1 digest: {@link RedisClient#run} sends the 40-character digest (EVALSHA) instead of
 * the whole source on every call, and the source only when Redis does not have the script yet.
 */
public record LuaScript(String source, String sha1) {

    public static LuaScript of(String source) {
        return new LuaScript(source, Hashing.sha1Hex(source));
    }
}

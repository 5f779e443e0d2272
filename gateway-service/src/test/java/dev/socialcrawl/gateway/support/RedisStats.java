package dev.socialcrawl.gateway.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;

/** What Redis itself counts of the commands it ran ({@code INFO commandstats}). */
public final class RedisStats {
    private RedisStats() {
    }

    /** Calls of one command (lower case, e.g. {@code evalsha}) since Redis started or its stats were reset. */
    public static long calls(String command) {
        String stats = Arc.container().instance(RedisDataSource.class).get().execute("INFO", "commandstats")
                .toString();
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}

package dev.socialcrawl.proxy.status;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import dev.socialcrawl.proxy.config.UpstreamConfig;

/** This replica's name in the shared breaker view: {@code upstream.replica-id}, else hostname plus a random suffix. */
@ApplicationScoped
public class ReplicaIdentity {
    private final String id;

    public ReplicaIdentity(UpstreamConfig config) {
        this.id = config.replicaId().filter(s -> !s.isBlank()).orElseGet(ReplicaIdentity::generated);
    }

    public String id() {
        return id;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "proxy";
        }
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return host.replaceAll("[^A-Za-z0-9.-]", "-") + "-" + HexFormat.of().formatHex(suffix);
    }
}

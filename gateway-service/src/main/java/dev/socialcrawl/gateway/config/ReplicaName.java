package dev.socialcrawl.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.inject.Singleton;

/** This replica's name among the gateways: {@code gateway.replica-id}, else hostname plus a random suffix. */
@Singleton
public class ReplicaName {
    private final String name;

    public ReplicaName(GatewayConfig config) {
        this.name = config.replicaId().filter(s -> !s.isBlank()).orElseGet(ReplicaName::generated);
    }

    public String name() {
        return name;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "gateway";
        }
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return host.replaceAll("[^A-Za-z0-9.-]", "-") + "-" + HexFormat.of().formatHex(suffix);
    }
}

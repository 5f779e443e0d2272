package dev.socialcrawl.billing.dashboard.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import dev.socialcrawl.billing.config.BillingConfig;

/**
 * The client address a sign-in is counted against. Behind the gateway every peer is the gateway, so the address is
 * the last {@code X-Forwarded-For} entry, the one the gateway appended, when the peer is a trusted proxy
 * ({@code billing.dashboard.sign-in.trusted-proxies}); earlier entries are whatever the client sent and are ignored.
 * From any other peer, or without a usable header, the peer is the client. Only IP literals are read: nothing here
 * ever resolves a name.
 */
@ApplicationScoped
public class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<Block> trusted;

    public ClientAddress(BillingConfig config) {
        this.trusted = config.dashboard().signIn().trustedProxies().stream().map(Block::parse).toList();
    }

    public String of(RoutingContext rc) {
        SocketAddress remote = rc.request().remoteAddress();
        byte[] peer = remote == null ? null : literal(remote.hostAddress());
        if (peer == null) {
            return "unknown";
        }
        String forwarded = rc.request().getHeader(FORWARDED_FOR);
        if (forwarded != null && trusted.stream().anyMatch(b -> b.contains(peer))) {
            byte[] client = literal(forwarded.substring(forwarded.lastIndexOf(',') + 1).strip());
            if (client != null) {
                return text(client);
            }
        }
        return text(peer);
    }

    /** The address's bytes when the text is an IPv4 or IPv6 literal; else {@code null}. Never a DNS lookup. */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.indexOf(':') >= 0) {
            try {
                // With a ':' the JDK parses an IPv6 literal or fails; it never looks the text up.
                return InetAddress.getByName(t).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.length + " bytes", e);
        }
    }

    /** An address block such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a block of one. */
    record Block(byte[] network, int prefix) {
        static Block parse(String spec) {
            String s = spec.strip();
            int slash = s.indexOf('/');
            byte[] network = literal(slash < 0 ? s : s.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("billing.dashboard.sign-in.trusted-proxies: '" + spec
                        + "' is not an IP address or CIDR block");
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(s.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("billing.dashboard.sign-in.trusted-proxies: '" + spec
                        + "' has a prefix length out of range");
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}

package dev.socialcrawl.catalog;

import java.util.List;
import java.util.Locale;

/** A platform and the hosts its URLs may have (a host matches itself and its subdomains). */
public record Platform(String name, List<String> urlHosts) {
    public Platform {
        urlHosts = List.copyOf(urlHosts);
    }

    /** Whether a URL host belongs to this platform; a platform with no hosts accepts any host. */
    public boolean acceptsHost(String host) {
        if (urlHosts.isEmpty()) {
            return host != null && !host.isBlank();
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String allowed : urlHosts) {
            if (h.equals(allowed) || h.endsWith("." + allowed)) {
                return true;
            }
        }
        return false;
    }
}

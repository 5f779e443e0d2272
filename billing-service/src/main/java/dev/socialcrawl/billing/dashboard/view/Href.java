package dev.socialcrawl.billing.dashboard.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A dashboard link with query parameters, each encoded; blank values are left out. Always a path, never a host. */
public final class Href {
    private final StringBuilder out;
    private boolean first = true;

    private Href(String path) {
        this.out = new StringBuilder(path);
    }

    public static Href of(String path) {
        return new Href(path);
    }

    public Href with(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return this;
        }
        out.append(first ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value.toString().strip(), StandardCharsets.UTF_8));
        first = false;
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

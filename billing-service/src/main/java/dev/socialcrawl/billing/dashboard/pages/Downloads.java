package dev.socialcrawl.billing.dashboard.pages;

import jakarta.ws.rs.core.Response;

/** A CSV answer the browser saves as a file. */
final class Downloads {
    static final String CSV = "text/csv";

    private Downloads() {
    }

    static Response csv(String body, String fileName) {
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}

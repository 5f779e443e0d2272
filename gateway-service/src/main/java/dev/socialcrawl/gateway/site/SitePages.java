package dev.socialcrawl.gateway.site;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.socialcrawl.errors.rest.ErrorResponses;
import dev.socialcrawl.gateway.wire.Answer;

/**
 * The pages for people on the public port: {@code /}, the error pages under {@code /docs/errors} and the API reference
 * (Swagger UI) under {@code /docs/api}. They never change while the gateway runs, so each is written (or read) once,
 * at start; a request gets the same bytes every time.
 */
@Singleton
public class SitePages {
    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    /** No scripts, no frames, nothing fetched from anywhere: the pages are text and their own inline style. */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    /** The reference's files may be kept a while by browsers; they change only with an upgrade. */
    private static final String ASSET_CACHING = "public, max-age=3600";

    private final Map<String, byte[]> pages = new HashMap<>();
    private final Map<String, ApiReference.Asset> reference;
    private final String referencePolicy;
    private final byte[] unknownErrorType;

    public SitePages(SiteConfig config, ErrorResponses errorResponses, ObjectMapper mapper) {
        pages.put(LandingPage.PATH, LandingPage.render(config.publicBaseUrl()));
        pages.putAll(ErrorPages.render(errorResponses.docBaseUrl(), mapper.writerWithDefaultPrettyPrinter()));
        pages.put(ErrorPages.INDEX + "/", pages.get(ErrorPages.INDEX));
        unknownErrorType = ErrorPages.notFound();
        reference = ApiReference.render();
        referencePolicy = ApiReference.contentSecurityPolicy(config.publicBaseUrl());
    }

    /** The page at {@code path} (a GET), or {@code null} when this is no page's address. */
    public Answer page(String path) {
        byte[] page = pages.get(path);
        if (page != null) {
            return html(200, page);
        }
        ApiReference.Asset file = reference.get(path);
        if (file != null) {
            return Answer.file(file.body(), file.contentType()).header(CONTENT_SECURITY_POLICY, referencePolicy)
                    .header("X-Content-Type-Options", "nosniff").header("Cache-Control", ASSET_CACHING);
        }
        if (path.startsWith(ErrorPages.INDEX + "/")) {
            return html(404, unknownErrorType);
        }
        return null;
    }

    private static Answer html(int status, byte[] body) {
        return Answer.html(status, body).header(CONTENT_SECURITY_POLICY, POLICY)
                .header("X-Content-Type-Options", "nosniff");
    }
}

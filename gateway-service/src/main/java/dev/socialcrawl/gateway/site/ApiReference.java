package dev.socialcrawl.gateway.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs/api}: Swagger UI over {@code /v1/openapi.json}, served from this install alone. The Swagger UI
 * files come from the {@code org.webjars:swagger-ui} jar on the classpath and are read into memory at start; the
 * page and its start script are ours, so nothing is fetched from anywhere else (no CDN, no validator badge).
 */
final class ApiReference {
    static final String PATH = "/docs/api";
    static final String OPENAPI = "/v1/openapi.json";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** Swagger UI's files this page uses, by name, with their content types. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    private static final String START_SCRIPT = "start.js";

    /** A file of the reference: its bytes and content type. */
    record Asset(byte[] body, String contentType) {
    }

    private ApiReference() {
    }

    /** Every file of the reference by path: the page ({@code /docs/api} and {@code /docs/api/}) and its assets. */
    static Map<String, Asset> render() {
        String version = webjarVersion();
        Map<String, Asset> files = new LinkedHashMap<>();
        Asset page = new Asset(page(version), "text/html; charset=utf-8");
        files.put(PATH, page);
        files.put(PATH + "/", page);
        files.put(PATH + "/" + START_SCRIPT, new Asset(startScript(), "text/javascript; charset=utf-8"));
        ASSETS.forEach((name, type) -> files.put(PATH + "/" + name, new Asset(resource(WEBJAR + version + "/" + name),
                type)));
        return files;
    }

    /**
     * What the page may load: scripts and styles from this address only (Swagger UI sets inline styles on its
     * elements, hence {@code 'unsafe-inline'} for styles), its icons as data URIs, and requests ("Try it out") to
     * this address and to the public base URL the document's {@code servers} names.
     */
    static String contentSecurityPolicy(URI publicBaseUrl) {
        String origin = publicBaseUrl.getScheme() + "://" + publicBaseUrl.getAuthority();
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "font-src 'self' data:; connect-src 'self' " + origin + "; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'";
    }

    private static byte[] page(String version) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>API reference · SocialCrawl</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + PATH + "/swagger-ui.css\">\n"
                + "<link rel=\"icon\" type=\"image/png\" href=\"" + PATH + "/favicon-32x32.png\" sizes=\"32x32\">\n"
                + "<link rel=\"icon\" type=\"image/png\" href=\"" + PATH + "/favicon-16x16.png\" sizes=\"16x16\">\n"
                + "</head>\n<body>\n"
                + "<header style=\"font:1rem/1.6 system-ui,sans-serif;padding:.5rem 1.25rem;color:" + Html.TEXT
                + "\"><nav aria-label=\"Site\"><a style=\"color:" + Html.LINK + "\" href=\"/\">SocialCrawl</a> · "
                + "<a style=\"color:" + Html.LINK + "\" href=\"/docs/errors\">Errors</a> · <a style=\"color:"
                + Html.LINK + "\" href=\"/v1/status\">Status</a> · <a style=\"color:" + Html.LINK + "\" href=\""
                + OPENAPI + "\">OpenAPI document (JSON)</a></nav></header>\n"
                + "<main id=\"swagger-ui\"><noscript><p style=\"padding:0 1.25rem\">This reference needs "
                + "JavaScript. The same content is in the <a href=\"" + OPENAPI + "\">OpenAPI document</a>."
                + "</p></noscript></main>\n"
                + "<script src=\"" + PATH + "/swagger-ui-bundle.js\"></script>\n"
                + "<script src=\"" + PATH + "/" + START_SCRIPT + "\"></script>\n"
                + "<!-- Swagger UI " + version + " -->\n</body>\n</html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] startScript() {
        String js = "window.addEventListener('load', function () {\n"
                + "  window.ui = SwaggerUIBundle({\n"
                + "    url: '" + OPENAPI + "',\n"
                + "    dom_id: '#swagger-ui',\n"
                + "    deepLinking: true,\n"
                + "    validatorUrl: null,\n"
                + "    presets: [SwaggerUIBundle.presets.apis],\n"
                + "    layout: 'BaseLayout'\n"
                + "  });\n"
                + "});\n";
        return js.getBytes(StandardCharsets.UTF_8);
    }

    private static String webjarVersion() {
        Properties p = new Properties();
        try (InputStream in = stream(WEBJAR_VERSION)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = ApiReference.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (org.webjars:swagger-ui)");
        }
        return in;
    }
}

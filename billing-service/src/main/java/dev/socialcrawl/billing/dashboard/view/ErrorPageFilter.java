package dev.socialcrawl.billing.dashboard.view;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.socialcrawl.billing.dashboard.session.DashboardPaths;
import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.errors.rest.CurrentRequestId;

/**
 * Every failed dashboard request answers a page, not the JSON envelope the APIs answer: whatever ended it (a bad
 * parameter, an unknown page, a role that may not, a refused CSRF token, a bug), the one exception mapping of
 * common-errors builds the envelope, and this filter shows it as HTML with the request id of the page load. The
 * envelope's message is written for clients; a 5xx never says more than that something failed.
 */
public class ErrorPageFilter {
    private static final int FIRST_ERROR = 400;

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance error(Chrome chrome, int status, String heading, String message);
    }

    private final CurrentRequestId requestId;

    public ErrorPageFilter(CurrentRequestId requestId) {
        this.requestId = requestId;
    }

    @ServerResponseFilter
    public void errorPage(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < FIRST_ERROR || !DashboardPaths.isDashboard(request.getUriInfo().getPath())
                || response.getEntity() instanceof String || response.getEntity() instanceof TemplateInstance) {
            return;
        }
        String message = response.getEntity() instanceof ErrorEnvelope envelope && status < 500 ? envelope.error().message()
                : null;
        String html = Templates.error(Chrome.anonymous(heading(status), requestId.get()), status, heading(status),
                message(status, message)).render();
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    static String heading(int status) {
        return switch (status) {
            case 400 -> "This request could not be accepted";
            case 401 -> "Please sign in";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Not allowed on this page";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "Something went wrong" : "This request could not be accepted";
        };
    }

    static String message(int status, String envelopeMessage) {
        if (status == 403) {
            return "Your role may not see this page or do this.";
        }
        if (status >= 500) {
            return "The dashboard could not complete this request. Try again in a moment; if it keeps failing, send the"
                    + " request id below to the operators.";
        }
        if (envelopeMessage != null) {
            return envelopeMessage;
        }
        // No envelope: the request was refused before any dashboard code ran, which for a form is its CSRF token.
        return status == 400 ? "The form was too old or did not come from this dashboard. Go back, reload the page and send"
                + " it again." : "There is no such page.";
    }
}

package dev.socialcrawl.proxy.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.errors.rest.CurrentRequestId;
import dev.socialcrawl.errors.rest.ErrorResponses;
import dev.socialcrawl.proxy.status.BreakerStatusView;
import dev.socialcrawl.proxy.upstream.ProxyOutcome;
import dev.socialcrawl.proxy.upstream.ProxyService;

/** The internal API the gateway calls (docs/internal-api.md, "upstream-proxy-service internal API"). */
@Path("/proxy")
@Produces(MediaType.APPLICATION_JSON)
public class ProxyResource {
    private final ProxyService service;
    private final BreakerStatusView status;
    private final ErrorResponses errors;
    private final CurrentRequestId requestId;

    public ProxyResource(ProxyService service, BreakerStatusView status, ErrorResponses errors,
            CurrentRequestId requestId) {
        this.service = service;
        this.status = status;
        this.errors = errors;
        this.requestId = requestId;
    }

    @GET
    @Path("/status")
    public Map<String, Object> status() {
        return status.current();
    }

    @GET
    @Path("/{platform}/{resource: .+}")
    public Uni<Response> fetch(@PathParam("platform") String platform, @PathParam("resource") String resource,
            @Context UriInfo uri) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        uri.getQueryParameters().forEach((name, values) -> values.forEach(v -> params.add(Map.entry(name, v))));
        return service.fetch(platform, resource, params, requestId.get()).map(this::toResponse);
    }

    private Response toResponse(ProxyOutcome outcome) {
        if (outcome instanceof ProxyOutcome.Data data) {
            return Response.ok(data.body(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        ProxyOutcome.Failure failure = (ProxyOutcome.Failure) outcome;
        return errors.response(failure.code(), failure.message(), null, failure.headers());
    }
}

package dev.socialcrawl.gateway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only route that fails the way a bug would, to prove no stack trace reaches a client. */
@Path("/test-only/boom")
public class BoomResource {
    @GET
    public String boom() {
        throw new IllegalStateException("simulated bug: secret detail that must stay in the log");
    }
}

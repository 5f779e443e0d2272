package dev.socialcrawl.billing.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.rest.ErrorResponses;

/**
 * Guards the three API families: {@code /admin} and {@code /ledger} need {@code Authorization: Bearer <admin token>},
 * {@code /internal} needs {@code X-Internal-Token}. One token never opens the other family.
 */
public class TokenFilter {
    static final String INTERNAL_HEADER = "X-Internal-Token";

    private final byte[] adminToken;
    private final byte[] internalToken;
    private final ErrorResponses responses;

    public TokenFilter(BillingConfig config, ErrorResponses responses) {
        this.adminToken = config.adminToken().getBytes(StandardCharsets.UTF_8);
        this.internalToken = config.internalToken().getBytes(StandardCharsets.UTF_8);
        this.responses = responses;
    }

    @ServerRequestFilter
    public Optional<Response> checkToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isUnder(path, "/admin") || isUnder(path, "/ledger")) {
            String header = request.getHeaderString("Authorization");
            String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
            return matches(presented, adminToken) ? Optional.empty()
                    : Optional.of(responses.response(ErrorCode.INVALID_API_KEY, "Missing or invalid admin token.", null,
                            Map.of("WWW-Authenticate", "Bearer")));
        }
        if (isUnder(path, "/internal")) {
            return matches(request.getHeaderString(INTERNAL_HEADER), internalToken) ? Optional.empty()
                    : Optional.of(responses.response(ErrorCode.INVALID_API_KEY, "Missing or invalid internal service token."));
        }
        return Optional.empty();
    }

    private static boolean isUnder(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    private static boolean matches(String presented, byte[] expected) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected);
    }
}

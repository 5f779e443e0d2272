package dev.socialcrawl.billing.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.rest.ErrorResponses;

/**
 * Guards the three API families: {@code /admin} and {@code /ledger} need {@code Authorization: Bearer} with the
 * admin token (everything) or the ledger token (reads only: a write answers 403), {@code /internal} needs
 * {@code X-Internal-Token}. One family's token never opens another family.
 */
public class TokenFilter {
    static final String INTERNAL_HEADER = "X-Internal-Token";
    static final int READ_ONLY_STATUS = 403;

    private final byte[] adminToken;
    private final byte[] internalToken;
    private final Optional<byte[]> ledgerToken;
    private final ErrorResponses responses;
    private final CurrentCall currentCall;

    public TokenFilter(BillingConfig config, ErrorResponses responses, CurrentCall currentCall) {
        this.adminToken = bytes(config.adminToken());
        this.internalToken = bytes(config.internalToken());
        this.ledgerToken = config.ledgerToken().filter(t -> !t.isBlank()).map(TokenFilter::bytes);
        this.responses = responses;
        this.currentCall = currentCall;
    }

    @ServerRequestFilter
    public Optional<Response> checkToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (isUnder(path, "/admin") || isUnder(path, "/ledger")) {
            return checkBearer(request);
        }
        if (isUnder(path, "/internal")) {
            return matches(request.getHeaderString(INTERNAL_HEADER), internalToken) ? Optional.empty()
                    : Optional.of(responses.response(ErrorCode.INVALID_API_KEY, "Missing or invalid internal service token."));
        }
        return Optional.empty();
    }

    private Optional<Response> checkBearer(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        Caller caller = matches(presented, adminToken) ? Caller.ADMIN_TOKEN
                : ledgerToken.isPresent() && matches(presented, ledgerToken.get()) ? Caller.LEDGER_TOKEN : null;
        if (caller == null) {
            return Optional.of(responses.response(ErrorCode.INVALID_API_KEY, "Missing or invalid admin token.", null,
                    Map.of("WWW-Authenticate", "Bearer")));
        }
        String method = request.getMethod();
        if (!caller.mayWrite() && !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            // No 403 type among the 13 codes: INVALID_API_KEY (this token is not valid for the call) with status 403.
            return Optional.of(OtherStatus.response(responses, ErrorCode.INVALID_API_KEY, READ_ONLY_STATUS,
                    "The ledger token is read-only: " + method + " " + request.getUriInfo().getPath()
                            + " needs the admin token.", Map.of()));
        }
        currentCall.caller(caller);
        return Optional.empty();
    }

    private static boolean isUnder(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    private static byte[] bytes(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean matches(String presented, byte[] expected) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected);
    }
}

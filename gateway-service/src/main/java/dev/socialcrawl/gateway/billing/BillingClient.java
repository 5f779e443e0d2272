package dev.socialcrawl.gateway.billing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.billing.BillingDtos.BalanceInfo;
import dev.socialcrawl.gateway.billing.BillingDtos.CurrentBalance;
import dev.socialcrawl.gateway.billing.BillingDtos.DebitRequest;
import dev.socialcrawl.gateway.billing.BillingDtos.KeyInfo;
import dev.socialcrawl.gateway.billing.BillingDtos.LedgerResult;
import dev.socialcrawl.gateway.billing.BillingDtos.RefundRequest;
import dev.socialcrawl.gateway.billing.BillingDtos.SettleRequest;
import dev.socialcrawl.gateway.http.InternalHttp;
import dev.socialcrawl.gateway.http.InternalHttp.Reply;

/**
 * billing-service's internal API (docs/internal-api.md), turning its HTTP answers into domain outcomes. A failed
 * {@code Uni} always means "billing did not give a definite answer" (down, slow, 5xx); callers decide what that
 * means for money. Calls go through a plain Vert.x connection pool ({@code gateway.clients.billing.*}).
 */
@Singleton
public class BillingClient {
    private static final Logger LOG = Logger.getLogger(BillingClient.class);
    static final CharSequence TOKEN = HttpHeaders.createOptimized("X-Internal-Token");
    static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");

    private final InternalHttp http;
    private final String token;
    private final ObjectReader keyInfo;
    private final ObjectReader ledgerResult;
    private final ObjectReader balanceInfo;
    private final ObjectReader currentBalance;
    private final ObjectReader errorEnvelope;
    private final ObjectWriter writer;

    public BillingClient(Vertx vertx, GatewayConfig config, TlsConfigurationRegistry tls, ObjectMapper mapper,
            @ConfigProperty(name = "billing.internal-token") String token) {
        this.http = InternalHttp.create(vertx, config.clients().billing(), tls, "billing");
        this.token = token;
        this.keyInfo = mapper.readerFor(KeyInfo.class);
        this.ledgerResult = mapper.readerFor(LedgerResult.class);
        this.balanceInfo = mapper.readerFor(BalanceInfo.class);
        this.currentBalance = mapper.readerFor(CurrentBalance.class);
        this.errorEnvelope = mapper.readerFor(ErrorEnvelope.class);
        this.writer = mapper.writer();
    }

    /** The key's record, or empty when billing does not know the hash. */
    public Uni<Optional<KeyInfo>> key(String keyHash, String requestId) {
        return http.get("/internal/keys/" + pathSegment(keyHash), headers(requestId)).map(r -> {
            if (r.status() == 200) {
                return Optional.of(read(keyInfo, r));
            }
            if (r.status() == 404 || r.status() == 400) {
                return Optional.<KeyInfo>empty();
            }
            throw unexpected("key lookup", r);
        });
    }

    public Uni<DebitOutcome> debit(String requestId, long accountId, long amount, String endpoint) {
        return post("/internal/debits", new DebitRequest(requestId, accountId, amount, endpoint), requestId).map(r -> {
            if (r.status() == 200) {
                return new DebitOutcome.Debited(((LedgerResult) read(ledgerResult, r)).balance());
            }
            if (r.status() == 402) {
                ErrorEnvelope e = read(errorEnvelope, r);
                return new DebitOutcome.Insufficient(e.creditsRemaining() == null ? 0 : e.creditsRemaining(),
                        e.error().message());
            }
            throw unexpected("debit", r);
        });
    }

    /**
     * The refund (amount, balance after); empty when there is nothing to give back and never will be: billing has no
     * debit for that id and none can be written any more (404), or the debit was served and settled (400: corrections
     * are admin adjustments, docs/internal-api.md).
     */
    public Uni<Optional<LedgerResult>> refund(String requestId) {
        return post("/internal/refunds", new RefundRequest(requestId), requestId).map(r -> {
            if (r.status() == 200) {
                return Optional.of(read(ledgerResult, r));
            }
            if (r.status() == 404) {
                return Optional.<LedgerResult>empty();
            }
            if (r.status() == 400) {
                LOG.errorf("Billing refuses the refund of %s for good: %s", requestId, message(r));
                return Optional.<LedgerResult>empty();
            }
            throw unexpected("refund", r);
        });
    }

    public Uni<Void> settle(List<String> requestIds, String requestId) {
        return post("/internal/settlements", new SettleRequest(requestIds), requestId).map(r -> {
            if (r.status() == 200) {
                return null;
            }
            throw unexpected("settlement", r);
        });
    }

    public Uni<BalanceInfo> balance(long accountId, String requestId) {
        return http.get("/internal/accounts/" + accountId + "/balance", headers(requestId)).map(r -> {
            if (r.status() == 200) {
                return read(balanceInfo, r);
            }
            throw unexpected("balance", r);
        });
    }

    /**
     * A page of the account's activity log as billing answers it ({@code {"items":[…],"next_cursor":…}}), the
     * filters passed as given; billing's 400 (a filter it cannot read) becomes the client's 400 with billing's message.
     */
    public Uni<String> activity(long accountId, Map<String, String> filters, String requestId) {
        StringBuilder path = new StringBuilder("/internal/accounts/").append(accountId).append("/activity");
        char separator = '?';
        for (Map.Entry<String, String> f : filters.entrySet()) {
            path.append(separator).append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return http.get(path.toString(), headers(requestId)).map(r -> {
            if (r.status() == 200) {
                return r.body().toString(StandardCharsets.UTF_8);
            }
            if (r.status() == 400) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, message(r));
            }
            throw unexpected("activity page", r);
        });
    }

    /** The balance alone, one primary-key read in billing (no ledger sums), for {@code credits_remaining}. */
    public Uni<Long> currentBalance(long accountId, String requestId) {
        return http.get("/internal/accounts/" + accountId + "/current-balance", headers(requestId)).map(r -> {
            if (r.status() == 200) {
                return ((CurrentBalance) read(currentBalance, r)).balance();
            }
            throw unexpected("current balance", r);
        });
    }

    private Uni<Reply> post(String path, Object body, String requestId) {
        Buffer json;
        try {
            json = Buffer.buffer(writer.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        MultiMap headers = headers(requestId).add(HttpHeaders.CONTENT_TYPE, InternalHttp.JSON);
        return http.post(path, headers, json);
    }

    private MultiMap headers(String requestId) {
        MultiMap headers = InternalHttp.headers().add(HttpHeaders.ACCEPT, InternalHttp.JSON);
        if (token != null) {
            headers.add(TOKEN, token);
        }
        if (requestId != null) {
            headers.add(REQUEST_ID, requestId);
        }
        return headers;
    }

    private String message(Reply r) {
        try {
            ErrorEnvelope e = errorEnvelope.readValue(r.body().getBytes());
            return e.error() == null ? "" : e.error().message();
        } catch (IOException e) {
            return "(no envelope)";
        }
    }

    private static <T> T read(ObjectReader reader, Reply r) {
        try {
            return reader.readValue(r.body().getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("billing answered " + r.status() + " with an unreadable body", e);
        }
    }

    /** A path parameter as the REST client encoded it: key hashes are hex, anything else is percent-encoded. */
    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static IllegalStateException unexpected(String call, Reply r) {
        return new IllegalStateException("billing answered " + r.status() + " to a " + call);
    }
}

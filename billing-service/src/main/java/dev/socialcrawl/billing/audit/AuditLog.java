package dev.socialcrawl.billing.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.socialcrawl.billing.web.Caller;
import dev.socialcrawl.billing.web.CurrentCall;
import dev.socialcrawl.errors.rest.CurrentRequestId;

/**
 * Writes the audit row of an admin write inside the write's own transaction: both commit or neither does. Who is the
 * caller the token filter established, what is the action, the route, the target ids and the write's essential
 * fields, when is now, and the request id ties it to the service's log lines.
 */
@ApplicationScoped
public class AuditLog {
    private final CurrentCall call;
    private final CurrentRequestId requestId;
    private final ObjectMapper mapper;

    public AuditLog(CurrentCall call, CurrentRequestId requestId, ObjectMapper mapper) {
        this.call = call;
        this.requestId = requestId;
        this.mapper = mapper;
    }

    /**
     * {@code targetId}: the key or ledger entry written; the account itself for an account's creation; the user for a
     * dashboard user's write. {@code accountId} is null for a write that concerns no account (a billing-team user).
     */
    @Transactional(TxType.MANDATORY)
    public void record(Long accountId, Long targetId, AuditedWrite write) {
        Caller caller = call.caller();
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.actorKind = caller.kind().wire();
        entry.actor = caller.name();
        entry.action = write.action().wire();
        entry.method = call.method();
        entry.path = call.path();
        entry.accountId = accountId;
        entry.targetId = targetId;
        entry.details = json(write);
        entry.requestId = requestId.get();
        entry.persist();
    }

    private String json(AuditedWrite write) {
        try {
            return mapper.writeValueAsString(write);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not serialisable", e);
        }
    }
}

package dev.socialcrawl.billing.audit;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.billing.web.PageCursor;
import dev.socialcrawl.billing.web.Slice;

/** The audit log, newest first, paged by id (a row's id follows its commit closely enough for an audit trail). */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class AuditQueryService {
    static final String CURSOR = "u";

    /** Filters; {@code null} means none. {@code beforeId} 0 means the first page. */
    public record Query(Instant from, Instant to, Long accountId, long beforeId, int limit) {
        /** The query parameters as the audit API and the dashboard take them; each bad one is a 400 naming it. */
        public static Query parse(String from, String to, String account, String cursor, int limit) {
            Instant start = Inputs.rangeStart("from", from);
            Instant end = Inputs.rangeEnd("to", to);
            Inputs.orderedRange(start, end);
            return new Query(start, end, Inputs.queryId("account", account), PageCursor.decodeId(cursor, CURSOR), limit);
        }
    }

    private final ObjectMapper mapper;

    public AuditQueryService(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public AuditView.Page page(Query q) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (q.beforeId() > 0) {
            where.append(" and id < :before");
            params.and("before", q.beforeId());
        }
        if (q.from() != null) {
            where.append(" and occurredAt >= :from");
            params.and("from", q.from());
        }
        if (q.to() != null) {
            where.append(" and occurredAt < :to");
            params.and("to", q.to());
        }
        if (q.accountId() != null) {
            where.append(" and accountId = :account");
            params.and("account", q.accountId());
        }
        List<AuditView> rows = AuditEntry.<AuditEntry> find(where.toString(), Sort.descending("id"), params)
                .range(0, q.limit()).list().stream().map(this::view).toList();
        Slice<AuditView> page = Slice.of(rows, q.limit(), a -> PageCursor.encode(CURSOR, a.id()));
        return new AuditView.Page(page.items(), page.nextCursor());
    }

    private AuditView view(AuditEntry e) {
        try {
            return new AuditView(e.id, e.occurredAt, e.actorKind, e.actor, e.action, e.method, e.path, e.accountId,
                    e.targetId, mapper.readTree(e.details), e.requestId);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("audit row " + e.id + " holds details that are not JSON", ex);
        }
    }
}

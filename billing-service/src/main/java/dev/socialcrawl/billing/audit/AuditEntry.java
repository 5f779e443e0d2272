package dev.socialcrawl.billing.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One admin write as the audit log keeps it; the table is append-only in the database (V9). */
@Entity
@Immutable
@Table(name = "admin_audit_log")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "actor_kind", nullable = false)
    public String actorKind;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String method;

    @Column(nullable = false)
    public String path;

    @Column(name = "account_id")
    public Long accountId;

    @Column(name = "target_id")
    public Long targetId;

    /** The write's essential fields as a JSON object (never a key secret). */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String details;

    @Column(name = "request_id", nullable = false)
    public String requestId;
}

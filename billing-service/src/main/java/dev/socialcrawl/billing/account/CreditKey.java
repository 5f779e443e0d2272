package dev.socialcrawl.billing.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An {@code Idempotency-Key} of {@code POST /admin/accounts/{id}/credits} and the entry its first request wrote. The
 * primary key makes a second entry under one key impossible; the entry itself is what a retry is compared with.
 */
@Entity
@Table(name = "credit_requests")
public class CreditKey extends PanacheEntityBase {
    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "entry_id", nullable = false, updatable = false)
    public long entryId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}

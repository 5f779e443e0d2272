package dev.socialcrawl.billing.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Read side of a ledger row. Rows are written only through SQL (see {@link LedgerAppender}) and never change. */
@Entity
@Immutable
@Table(name = "ledger_entries")
public class LedgerEntry extends PanacheEntityBase {
    @Id
    public Long id;

    @Column(name = "account_id")
    public long accountId;

    public String type;

    public long amount;

    @Column(name = "balance_after")
    public long balanceAfter;

    @Column(name = "request_id")
    public String requestId;

    public String endpoint;

    @Column(name = "refund_of")
    public Long refundOf;

    public String note;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When the gateway settled this debit (served); null for other entries and for unsettled debits. */
    @Formula("(SELECT s.settled_at FROM debit_settlements s WHERE s.debit_entry_id = id)")
    public Instant settledAt;
}

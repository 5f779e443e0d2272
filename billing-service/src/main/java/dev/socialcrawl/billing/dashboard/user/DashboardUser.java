package dev.socialcrawl.billing.dashboard.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person who signs in to the dashboard (V13); only the bcrypt hash of the password is kept. */
@Entity
@Table(name = "dashboard_users")
public class DashboardUser extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false, length = 64)
    public String name;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    @Column(nullable = false, updatable = false, length = 16)
    public String role;

    /** The customer's account; null for the billing roles. */
    @Column(name = "account_id", updatable = false)
    public Long accountId;

    @Column(name = "must_change_password", nullable = false)
    public boolean mustChangePassword;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** When the current password was set; sessions begun before it are no longer valid. */
    @Column(name = "password_set_at", nullable = false)
    public Instant passwordSetAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    public Role roleValue() {
        return Role.fromWire(role);
    }
}

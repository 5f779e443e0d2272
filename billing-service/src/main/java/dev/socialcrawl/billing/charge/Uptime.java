package dev.socialcrawl.billing.charge;

import java.sql.PreparedStatement;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

/**
 * Billing's uptime as the sweeper bound counts it (docs/internal-api.md: the bound counts only time billing was up to
 * receive settlements). Every sweeper round of every replica records that billing is up; a gap of more than
 * {@link #MAX_GAP_ROUNDS} sweeper intervals between two rounds means every replica was down, and does not count.
 * The segments live in {@code billing_uptime} (R__uptime.sql), on PostgreSQL's clock.
 */
@ApplicationScoped
public class Uptime {
    static final int MAX_GAP_ROUNDS = 3;

    private final AgroalDataSource dataSource;

    public Uptime(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records that billing is up now; {@code interval} is the sweeper's. */
    @Transactional(TxType.NEVER)
    public void advance(Duration interval) {
        Jdbc.call(dataSource, "uptime", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT billing_uptime_advance(? * interval '1 millisecond')")) {
                ps.setLong(1, interval.multipliedBy(MAX_GAP_ROUNDS).toMillis());
                ps.execute();
                return null;
            }
        });
    }
}

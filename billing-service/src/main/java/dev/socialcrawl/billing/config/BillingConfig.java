package dev.socialcrawl.billing.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every billing tunable; env overrides follow Quarkus' rule ({@code billing.sweeper.interval} → {@code BILLING_SWEEPER_INTERVAL}). */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /**
     * Bearer token of the admin and ledger APIs: reads and writes. No default: prod refuses to start without
     * BILLING_ADMIN_TOKEN, or with one shorter than 32 characters.
     */
    String adminToken();

    /**
     * Read-only bearer token of the billing team (env {@code BILLING_LEDGER_TOKEN}): {@code GET} on {@code /ledger/*}
     * and {@code /admin/*}, 403 on every write. Optional: unset, there is no read-only token.
     */
    Optional<String> ledgerToken();

    /** {@code X-Internal-Token} of the gateway. No default: prod refuses to start without BILLING_INTERNAL_TOKEN. */
    String internalToken();

    /** Credits given to every new account, written as a {@code bonus} entry (0 = none). */
    @WithDefault("100")
    long welcomeBonus();

    Sweeper sweeper();

    Keys keys();

    Integrity integrity();

    Debit debit();

    Activity activity();

    LowBalance lowBalance();

    Dashboard dashboard();

    interface Activity {
        /** Activity rows older than this are dropped, a whole UTC day (partition) at a time (docs/api.md#activity-log). */
        @WithDefault("30d")
        Duration retention();

        /** Daily partitions kept ready after today's, so a record near midnight (or a skewed clock) finds its day. */
        @WithDefault("3")
        int partitionsAhead();

        /**
         * How often partitions are created ahead and expired ones dropped (also once at start). Creating is
         * idempotent, so running more often than daily only makes a missed day impossible.
         */
        @WithDefault("1h")
        Duration maintenanceInterval();

        /**
         * Pause between two rounds of draining the gateway's activity stream; each round reads until the stream has
         * nothing new (up to {@link #readsPerRound()} reads). Records are due in the log within 10 s.
         */
        @WithDefault("200ms")
        Duration drainInterval();

        /**
         * Stream entries read per XREADGROUP, and so stored per INSERT (a block per account and day of each); each entry
         * holds a batch of up to 500 records. Small, so that one statement never holds PostgreSQL long while debits wait.
         */
        @WithDefault("2")
        int entriesPerRead();

        /** Reads per drain round at most, so a round under a large backlog still ends and the next one continues. */
        @WithDefault("50")
        int readsPerRound();

        /**
         * Entries pending on a consumer idle this long are taken over (XAUTOCLAIM): that replica crashed between
         * reading and storing them.
         */
        @WithDefault("60s")
        Duration claimIdle();
    }

    /** The dashboard under {@code /dashboard} (docs/dashboard.md): sessions, sign-in limits, passwords, downloads. */
    interface Dashboard {
        Session session();

        SignIn signIn();

        Password password();

        /**
         * Cookies carry {@code Secure} (sent over HTTPS only). On by default; off in dev and test, and for a suite run
         * over plain HTTP on the loopback (deploy/local/run-suite.sh). The CSRF cookie follows this setting.
         */
        @WithDefault("true")
        boolean secureCookies();

        /** How often ended sessions and ended sign-in failure windows are deleted. */
        @WithDefault("10m")
        Duration cleanupInterval();

        /** Rows at most in one CSV download (ledger, usage); the page says so when a range holds more. */
        @WithDefault("100000")
        int csvMaxRows();

        interface Session {
            /** A session unused this long ends (env {@code BILLING_DASHBOARD_SESSION_IDLE_TIMEOUT}). */
            @WithDefault("30m")
            Duration idleTimeout();

            /** A session ends this long after its sign-in, however busy. */
            @WithDefault("12h")
            Duration maxAge();
        }

        interface SignIn {
            /** Failed sign-ins are counted in windows of this length, starting at the first failure. */
            @WithDefault("15m")
            Duration window();

            /** Failed sign-ins per user name per window before its sign-ins are refused until the window ends. */
            @WithDefault("5")
            int maxFailuresPerUser();

            /** Failed sign-ins per client address per window (any user names) before that address is refused. */
            @WithDefault("20")
            int maxFailuresPerAddress();

            /**
             * Peers (addresses or CIDR blocks) whose {@code X-Forwarded-For} names the client: the gateway, which
             * forwards {@code /dashboard}. From any other peer the peer itself is the client. The default trusts the
             * loopback and the private ranges, where the gateway runs (only it may reach billing's port in deploy/k8s).
             */
            @WithDefault("127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7")
            List<String> trustedProxies();
        }

        interface Password {
            /** Fewest characters of a password a user chooses. At most 72 bytes (bcrypt reads no further). */
            @WithDefault("12")
            int minLength();

            /** bcrypt cost (log2 of its rounds) of new hashes; existing hashes keep theirs. */
            @WithDefault("10")
            int bcryptCost();
        }
    }

    interface LowBalance {
        /** {@code GET /ledger/low-balance} without {@code below} and the gauge count accounts below this balance. */
        @WithDefault("100")
        long threshold();

        /** How often the {@code billing_accounts_below_threshold} gauge is recounted (one scan of the accounts). */
        @WithDefault("1m")
        Duration interval();
    }

    interface Debit {
        /**
         * Commit debits without waiting for the WAL flush ({@code synchronous_commit = off} for that transaction
         * only). On one hot account the row lock is held until the commit is durable, so throughput is capped by
         * the disk's flush rate, and every debit waits out a stalled flush; with this on, a PostgreSQL crash may
         * lose the debits of the last three {@code wal_writer_delay}s (600 ms by default), which only ever favours
         * the customer. Refunds and operator credits always commit synchronously.
         */
        @WithDefault("false")
        boolean asyncCommit();

        /**
         * Debits waiting while their lane's previous transaction commits go into the next transaction together,
         * up to this many: the round trip and the commit flush (and a hot account's row lock) are then shared, so
         * no account is capped at one debit per flush. Under light load every batch has one debit.
         */
        @WithDefault("200")
        int maxBatch();

        /**
         * Debit transactions that may run at once: accounts are spread over this many lanes, each running one
         * transaction at a time. Fewer lanes make bigger batches (fewer commits per debit, less CPU in billing
         * and PostgreSQL); more lanes let the debits of many accounts commit in parallel.
         */
        @WithDefault("1")
        int lanes();

        /**
         * Billing's bound on a debit (env {@code BILLING_DEBIT_TIMEOUT}): the wait in its lane's queue and its
         * transaction together. A debit not committed within it is answered 503 and is never committed later: a queued
         * one is dropped without running, a running one cannot wait for a lock or finish its statement past it. The
         * gateway waits longer than this (docs/internal-api.md).
         */
        @WithDefault("2s")
        Duration timeout();
    }

    interface Sweeper {
        /**
         * A debit neither settled nor refunded for this long is refunded automatically. Only time billing was up
         * counts (see {@code Uptime}): settlements wait in the gateway's outbox while billing is down.
         */
        @WithDefault("5m")
        Duration unsettledAfter();

        /**
         * How often the sweeper looks for such debits (read by {@code @Scheduled}). Each round also records that billing
         * is up; rounds more than three intervals apart mean billing was down in between, and that gap does not count.
         */
        @WithDefault("10s")
        Duration interval();

        /** Upper bound of refunds per sweeper run, so one run never monopolises a connection. */
        @WithDefault("1000")
        int maxPerRun();
    }

    interface Keys {
        /** Active (neither revoked nor expired) keys allowed per account. */
        @WithDefault("5")
        int maxActive();
    }

    interface Integrity {
        /**
         * How often the integrity check refreshes the {@code billing_ledger_integrity_violations} gauge. Each run
         * reads the whole ledger (about 180 ms of PostgreSQL CPU at 200,000 entries, growing with the ledger), so
         * the default is hourly; {@code GET /ledger/integrity} runs it on demand.
         */
        @WithDefault("1h")
        Duration interval();
    }
}

package dev.socialcrawl.billing.apikey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.audit.AuditLog;
import dev.socialcrawl.billing.audit.AuditedWrite;
import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

@ApplicationScoped
public class ApiKeyService {
    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    private final AccountService accounts;
    private final RevocationPublisher revocations;
    private final AuditLog audit;
    private final int maxActive;

    public ApiKeyService(AccountService accounts, RevocationPublisher revocations, AuditLog audit, BillingConfig config) {
        this.accounts = accounts;
        this.revocations = revocations;
        this.audit = audit;
        this.maxActive = config.keys().maxActive();
    }

    @Transactional
    public KeyViews.Created create(long accountId, String name, Instant expiresAt) {
        Instant now = now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw Inputs.invalid("Invalid request body: field 'expires_at' must be in the future.");
        }
        accounts.lock(accountId);
        long active = ApiKey.count("accountId = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)",
                accountId, now);
        if (active >= maxActive) {
            throw Inputs.invalid("Account " + accountId + " already has " + active + " active keys (the limit is "
                    + maxActive + "); revoke one first.");
        }
        String key = KeyMaterial.newKey();
        ApiKey k = new ApiKey();
        k.accountId = accountId;
        k.keyHash = KeyMaterial.hash(key);
        k.last4 = KeyMaterial.last4(key);
        k.name = name;
        k.createdAt = now;
        k.expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        k.persist();
        audit.record(accountId, k.id, new AuditedWrite.KeyCreated(k.name, k.last4, k.expiresAt));
        LOG.infof("Created key %d (…%s) for account %d", k.id, k.last4, accountId);
        return new KeyViews.Created(k.id, key, k.last4, k.name, k.createdAt, k.expiresAt);
    }

    @Transactional(TxType.SUPPORTS)
    public List<KeyViews.Listed> list(long accountId) {
        accounts.find(accountId);
        Instant now = now();
        return ApiKey.<ApiKey> list("accountId = ?1 order by id", accountId).stream()
                .map(k -> KeyViews.Listed.of(k, now))
                .toList();
    }

    /**
     * Revokes in the database, then writes the Redis marker and publishes, all before the caller answers 204.
     * Revoking again repeats the Redis writes, so a retry after a Redis failure completes the job.
     */
    @Transactional(TxType.NEVER)
    public void revoke(long accountId, long keyId) {
        String hash = QuarkusTransaction.requiringNew().call(() -> markRevoked(accountId, keyId));
        try {
            revocations.publish(hash);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Key %d is revoked in the database but the Redis marker could not be written", keyId);
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The key is revoked, but the gateways could not be notified yet. Repeat the revoke call.");
        }
    }

    private String markRevoked(long accountId, long keyId) {
        accounts.find(accountId);
        ApiKey k = ApiKey.find("id = ?1 and accountId = ?2", keyId, accountId).firstResult();
        if (k == null) {
            throw Inputs.notFound("Key " + keyId + " does not exist on account " + accountId + ".");
        }
        if (k.revokedAt == null) {
            k.revokedAt = now();
            audit.record(accountId, k.id, new AuditedWrite.KeyRevoked(k.last4));
            LOG.infof("Revoked key %d (…%s) of account %d", k.id, k.last4, accountId);
        }
        return k.keyHash;
    }

    /** Reads the database on every call, so a revocation shows from the very next call; empty when unknown. */
    @Transactional(TxType.SUPPORTS)
    public Optional<KeyViews.Verification> verify(String keyHash) {
        if (!KeyMaterial.isHash(keyHash)) {
            throw Inputs.invalid("Path parameter 'keyHashHex' must be 64 lower-case hex characters (SHA-256 of the key).");
        }
        Optional<ApiKey> key = ApiKey.find("keyHash", keyHash).firstResultOptional();
        return key.map(k -> new KeyViews.Verification(k.accountId, k.id, k.statusAt(now()), k.expiresAt));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

package dev.socialcrawl.billing.dashboard.user;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.web.Inputs;

/**
 * Password rules, bcrypt hashing and one-time passwords. A password never leaves this class except as its hash, and
 * nothing here logs one.
 */
@ApplicationScoped
public class Passwords {
    /** bcrypt reads at most 72 bytes: a longer password would be checked only by its start. */
    public static final int MAX_BYTES = 72;
    private static final int GENERATED_LENGTH = 20;
    /** No 0/O, 1/l/I: a one-time password is read off a screen and typed. */
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int minLength;
    private final int cost;
    private volatile String decoy;

    public Passwords(BillingConfig config) {
        this.minLength = config.dashboard().password().minLength();
        this.cost = config.dashboard().password().bcryptCost();
    }

    public int minLength() {
        return minLength;
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** Whether the password matches the hash; {@code null} hash (no such user) spends the same time and says no. */
    public boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        if (hash == null) {
            BcryptUtil.matches(password, decoy());
            return false;
        }
        return BcryptUtil.matches(password, hash);
    }

    public String generate() {
        StringBuilder out = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }

    /** @throws dev.socialcrawl.errors.ApiException 400 naming the rule the password breaks */
    public String checkChosen(String field, String password, String userName) {
        if (password == null || password.isEmpty()) {
            throw Inputs.invalid("Field '" + field + "' is required.");
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            throw Inputs.invalid("Field '" + field + "' must have at least " + minLength + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw Inputs.invalid("Field '" + field + "' must be at most " + MAX_BYTES + " bytes long (UTF-8).");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw Inputs.invalid("Field '" + field + "' must not contain control characters.");
        }
        if (password.toLowerCase(Locale.ROOT).contains(userName.toLowerCase(Locale.ROOT))) {
            throw Inputs.invalid("Field '" + field + "' must not contain the user name.");
        }
        return password;
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = hash(generate());
            decoy = d;
        }
        return d;
    }
}

package org.healthgraph.linkage.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes stable pseudonyms: {@code hex(HMAC-SHA-256(k, "NIR|yyyy-MM-dd|sex"))}. After a key
 * rotation ({@link #rotatedTo}) the pseudonym is {@code HMAC(k2, HMAC(k1, ...))}, so a holder of
 * pseudonyms under the old key re-pseudonymises them with {@link #rotate} without ever seeing an
 * identifier, and new data pseudonymised with the rotated chain gets the same values. Thread-safe
 * (no shared mutable state: a {@link Mac} is made per call).
 */
public final class Pseudonymiser {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final List<SecretKeySpec> chain;

    private Pseudonymiser(List<SecretKeySpec> chain) {
        this.chain = List.copyOf(chain);
    }

    /** A pseudonymiser with one key. */
    public static Pseudonymiser withKey(PseudonymKey key) {
        return new Pseudonymiser(List.of(spec(key)));
    }

    /** The pseudonym of a person: 64 lower-case hex characters. */
    public String pseudonym(Identity identity) {
        String value = hmac(chain.getFirst(), identity.canonical());
        for (int i = 1; i < chain.size(); i++) {
            value = hmac(chain.get(i), value);
        }
        return value;
    }

    /** Shortcut for {@code pseudonym(Identity.normalised(nationalId, birthDate, sex))}. */
    public String pseudonym(String nationalId, String birthDate, String sex) {
        return pseudonym(Identity.normalised(nationalId, birthDate, sex));
    }

    /** The pseudonymiser after a rotation to {@code newKey}: this chain followed by the new key. */
    public Pseudonymiser rotatedTo(PseudonymKey newKey) {
        List<SecretKeySpec> next = new ArrayList<>(chain);
        next.add(spec(newKey));
        return new Pseudonymiser(next);
    }

    /**
     * Re-pseudonymises a value made by the chain before the last rotation: applies the last key
     * only. Equal to {@link #pseudonym} of the same identity under the rotated chain.
     */
    public String rotate(String previousPseudonym) {
        if (chain.size() < 2) {
            throw new PseudonymException("rotate: this pseudonymiser has not been rotated (use rotatedTo first)");
        }
        if (previousPseudonym == null || !previousPseudonym.matches("[0-9a-f]{64}")) {
            throw new PseudonymException("rotate: expected a pseudonym of 64 lower-case hex characters");
        }
        return hmac(chain.getLast(), previousPseudonym);
    }

    private static SecretKeySpec spec(PseudonymKey key) {
        return new SecretKeySpec(key.bytes(), ALGORITHM);
    }

    private static String hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonymiser[keys=" + chain.size() + "]";
    }
}

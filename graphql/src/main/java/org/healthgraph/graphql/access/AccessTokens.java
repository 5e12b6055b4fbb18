package org.healthgraph.graphql.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The SHA-256 hashes of the tokens that grant patient-level data. Only hashes are configured, so a
 * leaked configuration file reveals no token; a presented token is hashed and compared with every
 * listed hash in constant time.
 */
public final class AccessTokens {

    /** The setting that lists the hashes, named in errors. */
    public static final String SETTING = "healthgraph.security.patient-data-token-hashes";

    private final List<byte[]> hashes;

    private AccessTokens(List<byte[]> hashes) {
        this.hashes = hashes;
    }

    /**
     * @param hexHashes SHA-256 hashes as 64 hexadecimal characters each; blanks are skipped
     * @throws IllegalArgumentException naming the setting and the position of a malformed hash
     */
    public static AccessTokens of(List<String> hexHashes) {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < hexHashes.size(); i++) {
            String hex = hexHashes.get(i).strip().toLowerCase(Locale.ROOT);
            if (hex.isEmpty()) {
                continue;
            }
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(SETTING + ": value " + (i + 1)
                        + " is not a SHA-256 hash (64 hexadecimal characters); hash a token with 'healthgraph access-token'");
            }
            hashes.add(HexFormat.of().parseHex(hex));
        }
        return new AccessTokens(List.copyOf(hashes));
    }

    /** Whether {@code token} is one of the listed tokens. */
    public boolean grantsPatientData(String token) {
        if (token == null || token.isEmpty() || hashes.isEmpty()) {
            return false;
        }
        byte[] presented = sha256(token);
        boolean granted = false;
        for (byte[] hash : hashes) {
            granted |= MessageDigest.isEqual(hash, presented);
        }
        return granted;
    }

    /** How many tokens are listed. */
    public int size() {
        return hashes.size();
    }

    /** A new random token (256 bits, base64url). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hash to list for {@code token}. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}

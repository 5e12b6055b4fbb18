package org.healthgraph.linkage.pseudonym;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A secret HMAC key of at least 32 bytes. Its {@link #toString()} never shows the key; {@link
 * #fingerprint()} tells keys apart (first 8 bytes of the SHA-256 of the key) without revealing them.
 */
public final class PseudonymKey {

    /** Minimum key length in bytes (the HMAC-SHA-256 block output size). */
    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    private PseudonymKey(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new PseudonymException("a pseudonymisation key must hold at least " + MIN_BYTES
                    + " bytes, this one holds " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** A key from raw bytes (copied). */
    public static PseudonymKey of(byte[] bytes) {
        return new PseudonymKey(bytes);
    }

    /** A key written in base64 (as in an environment variable or a configuration property). */
    public static PseudonymKey fromBase64(String base64) {
        try {
            return new PseudonymKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new PseudonymException("the pseudonymisation key is not valid base64");
        }
    }

    /**
     * A key read from a file: its content in base64 when it is text that decodes as such, its raw
     * bytes otherwise.
     */
    public static PseudonymKey fromFile(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PseudonymException("cannot read the pseudonymisation key file " + file, e);
        }
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        if (text.matches("[A-Za-z0-9+/=]{44,}")) {
            return fromBase64(text);
        }
        return new PseudonymKey(content);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** Hex of the first 8 bytes of SHA-256(key): safe to log, tells which key was used. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "PseudonymKey[fingerprint=" + fingerprint() + "]";
    }
}

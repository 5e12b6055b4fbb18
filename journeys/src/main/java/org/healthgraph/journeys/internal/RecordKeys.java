package org.healthgraph.journeys.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The record keys of an index's patients for the cell-key perturbation: the first byte of
 * HMAC-SHA256(key, pseudonymous id), from 0 to 255. Keyed, so that nobody without the key can
 * compute a cell's key and undo its offset; made once per index and key (about a second for a million
 * patients).
 */
final class RecordKeys {

    private final byte[] key;
    private final short[] keys;

    private RecordKeys(byte[] key, short[] keys) {
        this.key = key;
        this.keys = keys;
    }

    static RecordKeys of(byte[] key, String[] ids) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            short[] keys = new short[ids.length];
            for (int p = 0; p < ids.length; p++) {
                keys[p] = (short) (mac.doFinal(ids[p].getBytes(StandardCharsets.UTF_8))[0] & 0xff);
            }
            return new RecordKeys(key.clone(), keys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    boolean madeWith(byte[] other) {
        return Arrays.equals(key, other);
    }

    int of(int patient) {
        return keys[patient];
    }
}

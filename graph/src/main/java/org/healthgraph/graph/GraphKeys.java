package org.healthgraph.graph;

import java.util.Objects;

/**
 * The rules that compose and split node keys, written once for every module: the catalog and the
 * patient data meet on these keys (a care event's code is the very Code node the catalog documents),
 * so they must never be spelled twice.
 *
 * <ul>
 *   <li>Variable: {@code TABLE.VARIABLE}, split at the first '.' (table names hold no '.').</li>
 *   <li>Code: {@code NOMENCLATURE:CODE}, split at the first ':' (a code may itself hold ':').</li>
 *   <li>Pseudonym: {@code SYSTEM:VALUE}, split at the first ':'.</li>
 *   <li>Record (a linked record): {@code SOURCE:ID}, split at the first ':'.</li>
 *   <li>Care event: {@code PATIENT#SEQUENCE}, the event's rank in its patient's timeline.</li>
 * </ul>
 */
public final class GraphKeys {

    private GraphKeys() {
    }

    /** The key of a variable: {@code TABLE.VARIABLE}. */
    public static String variable(String table, String name) {
        return require(table, "table") + "." + require(name, "variable name");
    }

    /** The key of a code: {@code NOMENCLATURE:CODE}. */
    public static String code(String nomenclature, String code) {
        return require(nomenclature, "nomenclature") + ":" + require(code, "code");
    }

    /** The key of a pseudonym: {@code SYSTEM:VALUE}. */
    public static String pseudonym(String system, String value) {
        return require(system, "pseudonym system") + ":" + require(value, "pseudonym value");
    }

    /** The key of a linked record: {@code SOURCE:ID}. */
    public static String record(String source, String id) {
        return require(source, "record source") + ":" + require(id, "record id");
    }

    /** The id of a patient's care event: {@code PATIENT#SEQUENCE}. */
    public static String careEvent(String patient, long sequence) {
        return require(patient, "patient id") + "#" + sequence;
    }

    /**
     * Splits a two-part key at its first separator ({@code ':'} for codes, pseudonyms and records,
     * {@code '.'} for variables).
     *
     * @throws IllegalArgumentException naming the key and the expected form when the separator is absent
     */
    public static Parts split(String key, char separator) {
        int at = key == null ? -1 : key.indexOf(separator);
        if (at <= 0 || at == key.length() - 1) {
            throw new IllegalArgumentException("key '" + key + "' must read PREFIX" + separator + "VALUE");
        }
        return new Parts(key.substring(0, at), key.substring(at + 1));
    }

    /** The part of a {@code PREFIX:VALUE} key before its first ':' (a code's nomenclature, a pseudonym's system). */
    public static String prefix(String key) {
        return split(key, ':').prefix();
    }

    /**
     * The two parts of a key.
     *
     * @param prefix what precedes the separator (nomenclature, table, system, source)
     * @param value what follows it (code, variable name, pseudonym value, record id)
     */
    public record Parts(String prefix, String value) {
        public Parts {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(value, "value");
        }
    }

    private static String require(String part, String what) {
        if (part == null || part.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty in a graph key");
        }
        return part;
    }
}

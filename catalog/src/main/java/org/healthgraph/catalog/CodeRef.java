package org.healthgraph.catalog;

import java.util.Objects;

import org.healthgraph.graph.GraphKeys;

/**
 * A code of a code list, written {@code NOMENCLATURE:CODE} (for example {@code IR_CIM_V:I21}); this
 * is the key of its Code node, shared with the patient data that refers to it.
 *
 * @param nomenclature the code list
 * @param code the code as it appears in the data: non-blank, at most 512 characters, no control
 *             characters (codes of a list whose key spans several columns join them with '|')
 */
public record CodeRef(NomenclatureName nomenclature, String code) {

    public CodeRef {
        Objects.requireNonNull(nomenclature, "nomenclature");
        Names.text(code, "code", 512);
    }

    public static CodeRef of(String nomenclature, String code) {
        return new CodeRef(NomenclatureName.of(nomenclature), code);
    }

    /** Parses {@code NOMENCLATURE:CODE}; the code may itself hold ':'. */
    public static CodeRef parse(String key) {
        GraphKeys.Parts parts;
        try {
            parts = GraphKeys.split(key, ':');
        } catch (IllegalArgumentException e) {
            throw new InvalidCatalogInputException("code reference '" + key + "' must read NOMENCLATURE:CODE");
        }
        return of(parts.prefix(), parts.value());
    }

    /** The graph key, {@code NOMENCLATURE:CODE}. */
    public String key() {
        return GraphKeys.code(nomenclature.value(), code);
    }

    @Override
    public String toString() {
        return key();
    }
}

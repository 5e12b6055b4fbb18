package org.healthgraph.catalog.search;

import java.util.List;
import java.util.Optional;

/**
 * One result.
 *
 * @param kind what it is
 * @param key its stable key
 * @param name identifier or code
 * @param label title, description or code label
 * @param product product (or code-list source)
 * @param table table of a variable; empty otherwise
 * @param nomenclature code list of a code or of a coded variable; empty otherwise
 * @param type data type of a variable; empty otherwise
 * @param path a documentation hit's file and section anchor ({@code fiches/ivg.md#les-ivg}); empty otherwise
 * @param highlights fragments of the label with matches wrapped in {@code <em>}; for a documentation hit,
 *     passages of its text
 * @param score Lucene score (comparable within one result only)
 * @param cursor opaque cursor to ask for the hits after this one
 * @param explanation Lucene's explanation of the score, when asked for
 */
public record SearchHit(DocumentKind kind, String key, String name, String label, String product, String table,
        String nomenclature, String type, String path, List<String> highlights, float score, String cursor,
        Optional<String> explanation) {

    public SearchHit {
        highlights = List.copyOf(highlights);
    }
}

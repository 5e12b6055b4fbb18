package org.healthgraph.catalog.search;

/**
 * An autocomplete proposal: the text to show and the document it leads to.
 *
 * @param text  the text to show: the document's name when the typed text starts it, else its label
 * @param kind  what the document describes
 * @param key   the document's key
 * @param label the document's label when the text is its name (a code's label: I21, "Infarctus aigu du
 *              myocarde"), empty when the text is the label already or the document has none
 */
public record Suggestion(String text, DocumentKind kind, String key, String label) {

    public Suggestion {
        label = label == null ? "" : label;
    }

    /** A proposal whose text is all there is to show. */
    public Suggestion(String text, DocumentKind kind, String key) {
        this(text, kind, key, "");
    }
}

package org.healthgraph.catalog.search;

/** An autocomplete proposal: the text to show and the document it leads to. */
public record Suggestion(String text, DocumentKind kind, String key) {
}

package org.healthgraph.catalog.documentation;

import java.util.Objects;

/**
 * A link from a section (or page) to another page of the documentation.
 *
 * @param from the linking section or page
 * @param to the page linked to, or its section when the link names an anchor
 * @param line the 1-based line of the link
 */
public record PageLink(DocumentKey from, DocumentKey to, int line) {

    public PageLink {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}

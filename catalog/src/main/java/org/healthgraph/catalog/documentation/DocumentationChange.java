package org.healthgraph.catalog.documentation;

import java.util.Set;

/**
 * What one write or deletion of documentation pages changed, for the listeners that keep a search
 * index current.
 *
 * @param pagesWritten keys of the pages written (created or replaced)
 * @param pagesDeleted keys of the pages removed
 * @param targets the catalog entries whose mentions changed (named before or after)
 * @param skipped true when the page was skipped because its fingerprint was already recorded
 */
public record DocumentationChange(Set<DocumentKey> pagesWritten, Set<DocumentKey> pagesDeleted,
                                  Set<MentionTarget> targets, boolean skipped) {

    public DocumentationChange {
        pagesWritten = Set.copyOf(pagesWritten);
        pagesDeleted = Set.copyOf(pagesDeleted);
        targets = Set.copyOf(targets);
    }

    /** A page skipped as unchanged. */
    public static DocumentationChange unchanged() {
        return new DocumentationChange(Set.of(), Set.of(), Set.of(), true);
    }

    public boolean isEmpty() {
        return pagesWritten.isEmpty() && pagesDeleted.isEmpty() && targets.isEmpty();
    }
}

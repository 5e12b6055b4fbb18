package org.healthgraph.catalog.search;

import java.util.Objects;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.documentation.Documentation;

/**
 * The {@link Knowledge} of a catalog and its documentation, read when first needed and kept until
 * {@link #forget()}: the index listeners of one process share it, so that a change re-indexes its
 * entries without reading every join and mention again. Thread-safe.
 */
public final class SearchKnowledge {

    private final Catalog catalog;
    private final Documentation documentation;
    private volatile Knowledge knowledge;

    public SearchKnowledge(Catalog catalog, Documentation documentation) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.documentation = Objects.requireNonNull(documentation, "documentation");
    }

    /** The knowledge, read from the catalog and the documentation if it was not yet or was forgotten. */
    public Knowledge get() {
        Knowledge k = knowledge;
        if (k == null) {
            synchronized (this) {
                k = knowledge;
                if (k == null) {
                    k = CatalogDocuments.knowledge(catalog, documentation);
                    knowledge = k;
                }
            }
        }
        return k;
    }

    /** Forgets what was read: the next {@link #get()} reads again. */
    public void forget() {
        knowledge = null;
    }
}

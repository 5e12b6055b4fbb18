package org.healthgraph.linkage.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.LinkStores;
import org.healthgraph.linkage.store.StoredLink;

/**
 * Writes links into the graph through the {@link LinkStore} of its backend: each left record becomes
 * a {@code Record} node (key {@code <source>:<left id>}), each right id a {@code Patient} (created
 * when absent, by id only), and each link a {@code LINKED_TO} relationship from the record to the
 * patient carrying {@code weight}, {@code probability}, {@code method} and {@code explanation} (the
 * per-field contributions as {@code field=weight} text). Writing the same links again changes nothing.
 */
public final class GraphLinks {

    private GraphLinks() {
    }

    /**
     * Upserts the records, patients and LINKED_TO relationships of {@code links}.
     *
     * @param source the name of the linked source (for example the cohort's name), prefix of Record keys
     * @param fields field names, in the order of each link's contributions
     */
    public static WriteResult write(GraphStore store, String source, List<Link> links, List<String> fields) {
        return write(LinkStores.on(store), source, links, fields);
    }

    /** Upserts the records, patients and LINKED_TO relationships of {@code links} into {@code store}. */
    public static WriteResult write(LinkStore store, String source, List<Link> links, List<String> fields) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank() || source.contains(":")) {
            throw new LinkageException("graph links: source must be a non-blank name without ':'");
        }
        List<StoredLink> stored = new ArrayList<>(links.size());
        for (Link l : links) {
            stored.add(new StoredLink(source, l.leftId(), l.rightId(), l.probability(),
                    Double.isInfinite(l.weight()) ? OptionalDouble.empty() : OptionalDouble.of(l.weight()), l.method(),
                    explanation(l, fields)));
        }
        return store.write(stored);
    }

    private static String explanation(Link l, List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int f = 0; f < l.contributions().size() && f < fields.size(); f++) {
            if (f > 0) {
                b.append(", ");
            }
            b.append(fields.get(f)).append('=').append(String.format(java.util.Locale.ROOT, "%.2f", l.contributions().get(f)));
        }
        return b.toString();
    }
}

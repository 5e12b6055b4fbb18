package org.healthgraph.linkage.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a run's pairs, in the run's order.
 *
 * @param pairs the pairs of the page
 * @param hasNextPage whether more follow
 * @param endCursor the cursor of the page's last pair
 * @param totalCount the pairs that match the query, over all pages
 */
public record PairPage(List<RunPair> pairs, boolean hasNextPage, Optional<String> endCursor, long totalCount) {

    public PairPage {
        pairs = List.copyOf(pairs);
    }
}

package org.healthgraph.linkage.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a source's links, by record id then patient id.
 *
 * @param links the links of the page
 * @param hasNextPage whether more links follow
 * @param endCursor the cursor to pass for the next page (opaque), when the page is not empty
 */
public record LinkPage(List<StoredLink> links, boolean hasNextPage, Optional<String> endCursor) {

    public LinkPage {
        links = List.copyOf(links);
    }
}

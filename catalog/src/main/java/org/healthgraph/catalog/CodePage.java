package org.healthgraph.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One page of a code list's codes, in code order.
 *
 * @param codes the codes of this page
 * @param totalCount the number of codes in the whole list
 * @param hasNextPage whether codes follow the last of this page
 * @param endCursor the code after which the next page starts (the last code of this page), if any
 */
public record CodePage(List<Code> codes, long totalCount, boolean hasNextPage, Optional<String> endCursor) {

    public CodePage {
        codes = List.copyOf(codes);
        endCursor = endCursor == null ? Optional.empty() : endCursor;
    }
}

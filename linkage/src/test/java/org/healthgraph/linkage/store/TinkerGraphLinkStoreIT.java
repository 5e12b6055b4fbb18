package org.healthgraph.linkage.store;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedTinkerGraph;

/** The link store's contract on the embedded TinkerGraph. */
class TinkerGraphLinkStoreIT extends LinkStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedTinkerGraph.store();
    }
}

package org.healthgraph.catalog.curation;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedTinkerGraph;

/** Curation on the embedded TinkerGraph. */
class TinkerGraphCurationIT extends CurationContract {

    @Override
    protected GraphStore graph() {
        return SharedTinkerGraph.store();
    }
}

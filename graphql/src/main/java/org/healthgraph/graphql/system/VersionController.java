package org.healthgraph.graphql.system;

import org.healthgraph.graph.GraphStore;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Serves {@code Query.version}. */
@Controller
public final class VersionController {

    /**
     * The version of the server and what its database is. {@code graph} names the product, never its
     * address: anyone may ask, and the Bolt port of the embedded database is no one else's business.
     */
    public record Version(String healthgraph, String graph) {
    }

    private final GraphStore store;

    public VersionController(GraphStore store) {
        this.store = store;
    }

    @QueryMapping
    public Version version() {
        String release = VersionController.class.getPackage().getImplementationVersion();
        return new Version(release == null ? "dev" : release, store.describe());
    }
}

package org.healthgraph.testing.gremlinserver;

import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.util.DefaultGraphManager;

/**
 * Runs inside the Gremlin Server JVM (its {@code graphManager} setting): binds the traversal source
 * {@code g} to the graph named {@code graph}, and {@code g_<name>} to any other graph. Gremlin Server
 * normally makes these bindings with a Groovy init script ({@code scripts/empty-sample.groovy}); binding
 * them here needs no script at all, and traversals sent as bytecode need no script engine either.
 */
public final class BindTraversalSources extends DefaultGraphManager {

    public BindTraversalSources(Settings settings) {
        super(settings);
        for (String name : getGraphNames()) {
            putTraversalSource(name.equals("graph") ? "g" : "g_" + name, getGraph(name).traversal());
        }
    }
}

package org.healthgraph.catalog.store.internal.gremlin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;

/** Look-ups shared by the catalog's Gremlin reads and writes, shaped the way the graph serves best. */
final class Lookups {

    /** Ids per {@code g.V(ids)} traversal. */
    static final int IDS = 1_000;

    private Lookups() {
    }

    /** The decoded properties of the nodes of {@code label} with these keys (absent keys skipped). */
    static List<Map<String, Object>> vertices(GremlinGraph graph, GraphTraversalSource g, Label label,
                                              Collection<String> keys) {
        return properties(g, graph.vertexIds(g, label, keys).values());
    }

    /** The decoded properties of the vertices with these ids. */
    static List<Map<String, Object>> properties(GraphTraversalSource g, Collection<Object> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> chunk : chunks(new ArrayList<>(ids), IDS)) {
            g.V(chunk.toArray()).elementMap().toList().forEach(m -> out.add(GremlinValues.properties(m)));
        }
        return out;
    }

    /** The ids of the vertices of {@code label} whose {@code property} holds one of these values. */
    static List<Object> idsWhere(GremlinGraph graph, GraphTraversalSource g, String label, String property,
                                 Collection<String> values) {
        List<Object> out = new ArrayList<>();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        for (List<String> chunk : chunks(distinct, graph.keysPerLookup())) {
            out.addAll(g.V().has(label, property, P.within(chunk)).id().toList());
        }
        return out;
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            out.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return out;
    }
}

package org.healthgraph.graph.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.inV;
import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.outV;
import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.properties;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.healthgraph.graph.ConstraintViolationException;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.RelType;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.graph.gremlin.GremlinValues;
import org.healthgraph.graph.gremlin.GremlinWriter;

/**
 * The port's upserts as traversals, inside one transaction: find which keys exist, create the missing
 * vertices (or edges), update the others. Vertices are found by label and key property (an index on
 * the embedded graph; the operator's on a server); edges by their two ends and label, never by edge
 * id (JanusGraph's edge ids need its own serializer on the client).
 *
 * <p>How many rows go in one traversal depends on where the graph is ({@link Shape}): against a
 * server, a round trip costs more than a long traversal, so rows are chained by {@value #CHUNK}; in
 * this JVM, short traversals are cheaper. Keys are looked up many at a time with one {@code within}
 * predicate (a server's index serves it; the embedded graph has no index, see
 * {@link EmbeddedTinkerGraph}, so each look-up is one scan for many keys).
 */
final class TraversalWriter implements GremlinWriter {

    /** Rows per traversal against a server: long enough to amortise a round trip, short enough for its limits. */
    static final int CHUNK = 200;
    /** Ids per traversal when reading by id. */
    static final int LOOKUP = 1_000;

    /** How rows are grouped into traversals: keys per look-up, rows per write. */
    record Shape(int keysPerLookup, int rowsPerTraversal) {
        static final Shape EMBEDDED = new Shape(LOOKUP, 20);
        static final Shape REMOTE = new Shape(CHUNK, CHUNK);
    }

    private final GraphTraversalSource g;
    private final Shape shape;

    TraversalWriter(GraphTraversalSource g, Shape shape) {
        this.g = g;
        this.shape = shape;
    }

    @Override
    public GraphTraversalSource g() {
        return g;
    }

    @Override
    public WriteResult upsertNodes(Label label, List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Object key = rows.get(i).get(label.keyProperty());
            if (key == null || key.toString().isBlank()) {
                throw new IllegalArgumentException("row " + i + " of " + label.name() + " has no value for its key property '"
                        + label.keyProperty() + "'");
            }
            // Two rows with one key in a batch: one node, the later values winning (as MERGE then SET would do).
            byKey.merge(key.toString(), new LinkedHashMap<>(rows.get(i)), (a, b) -> {
                a.putAll(b);
                return a;
            });
        }
        Map<String, Object> existing = ids(g, shape, label, byKey.keySet());
        List<Map<String, Object>> created = new ArrayList<>();
        List<Map.Entry<Object, Map<String, Object>>> updated = new ArrayList<>();
        byKey.forEach((key, row) -> {
            Object id = existing.get(key);
            if (id == null) {
                created.add(row);
            } else {
                updated.add(Map.entry(id, row));
            }
        });
        long properties = 0;
        for (List<Map<String, Object>> chunk : chunks(created)) {
            GraphTraversal<?, ?> t = null;
            for (Map<String, Object> row : chunk) {
                t = t == null ? g.addV(label.name()) : t.addV(label.name());
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    if (e.getValue() != null) {
                        t = t.property(VertexProperty.Cardinality.single, e.getKey(), GremlinValues.encode(e.getValue()));
                        properties++;
                    }
                }
            }
            t.iterate();
        }
        for (List<Map.Entry<Object, Map<String, Object>>> chunk : chunks(updated)) {
            GraphTraversal<?, ?> t = null;
            for (Map.Entry<Object, Map<String, Object>> entry : chunk) {
                t = t == null ? g.V(entry.getKey()) : t.V(entry.getKey());
                List<String> removed = new ArrayList<>();
                for (Map.Entry<String, Object> e : entry.getValue().entrySet()) {
                    if (e.getValue() == null) {
                        removed.add(e.getKey());
                    } else {
                        t = t.property(VertexProperty.Cardinality.single, e.getKey(), GremlinValues.encode(e.getValue()));
                        properties++;
                    }
                }
                if (!removed.isEmpty()) {
                    t = t.sideEffect(properties(removed.toArray(String[]::new)).drop());
                }
            }
            t.iterate();
        }
        return new WriteResult(created.size(), 0, properties);
    }

    @Override
    public WriteResult upsertRelationships(RelType type, List<RelationshipRow> rows) {
        Map<List<String>, Map<String, Object>> byEnds = new LinkedHashMap<>();
        Set<String> fromKeys = new LinkedHashSet<>();
        Set<String> toKeys = new LinkedHashSet<>();
        for (RelationshipRow row : rows) {
            byEnds.merge(List.of(row.fromKey(), row.toKey()), new LinkedHashMap<>(row.properties()), (a, b) -> {
                a.putAll(b);
                return a;
            });
            fromKeys.add(row.fromKey());
            toKeys.add(row.toKey());
        }
        Map<String, Object> fromIds = ids(g, shape, type.from(), fromKeys);
        Map<String, Object> toIds = ids(g, shape, type.to(), toKeys);
        for (RelationshipRow row : rows) {
            if (!fromIds.containsKey(row.fromKey())) {
                throw missingEnd(type, type.from(), row.fromKey());
            }
            if (!toIds.containsKey(row.toKey())) {
                throw missingEnd(type, type.to(), row.toKey());
            }
        }
        Set<List<Object>> existing = existingEdges(type, fromIds.values(), new LinkedHashSet<>(toIds.values()));
        List<Map.Entry<List<Object>, Map<String, Object>>> created = new ArrayList<>();
        List<Map.Entry<List<Object>, Map<String, Object>>> updated = new ArrayList<>();
        byEnds.forEach((ends, props) -> {
            List<Object> pair = List.of(fromIds.get(ends.get(0)), toIds.get(ends.get(1)));
            (existing.contains(pair) ? updated : created).add(Map.entry(pair, props));
        });
        long properties = 0;
        for (var chunk : chunks(created)) {
            GraphTraversal<?, ?> t = null;
            for (var e : chunk) {
                t = t == null ? g.V(e.getKey().get(0)) : t.V(e.getKey().get(0));
                t = t.addE(type.name()).to(__.V(e.getKey().get(1)));
                for (var p : e.getValue().entrySet()) {
                    t = t.property(p.getKey(), GremlinValues.encode(p.getValue()));
                    properties++;
                }
            }
            t.iterate();
        }
        for (var chunk : chunks(updated)) {
            GraphTraversal<?, ?> t = g.inject(0);
            boolean any = false;
            for (var e : chunk) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                GraphTraversal<?, ?> edge = __.V(e.getKey().get(0))
                        .outE(type.name()).where(inV().hasId(e.getKey().get(1)));
                for (var p : e.getValue().entrySet()) {
                    edge = edge.property(p.getKey(), GremlinValues.encode(p.getValue()));
                    properties++;
                }
                t = t.sideEffect(edge);
                any = true;
            }
            if (any) {
                t.iterate();
            }
        }
        return new WriteResult(0, created.size(), properties);
    }

    /** The (from id, to id) pairs already joined by an edge of this type. */
    private Set<List<Object>> existingEdges(RelType type, Collection<Object> fromIds, Set<Object> toIds) {
        Set<List<Object>> out = new HashSet<>();
        for (List<Object> chunk : chunks(new ArrayList<>(fromIds), LOOKUP)) {
            for (Map<String, Object> r : g.V(chunk.toArray()).outE(type.name())
                    .where(inV().hasId(P.within(toIds)))
                    .<Object>project("a", "b").by(outV().id()).by(inV().id()).toList()) {
                out.add(List.of(r.get("a"), r.get("b")));
            }
        }
        return out;
    }

    private static ConstraintViolationException missingEnd(RelType type, Label absent, String key) {
        String shown = GraphNames.isPatientLevel(absent) ? "(key withheld: patient-level data)" : "'" + key + "'";
        return new ConstraintViolationException("Cannot create " + type.name() + ": no " + absent.name() + " node with "
                + absent.keyProperty() + " " + shown, null);
    }

    @Override
    public long deleteNodes(Label label, Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Map<String, Object> ids = ids(g, shape, label, new LinkedHashSet<>(keys));
        for (List<Object> chunk : chunks(new ArrayList<>(ids.values()), LOOKUP)) {
            g.V(chunk.toArray()).drop().iterate();
        }
        return ids.size();
    }

    /** The vertex ids of the nodes of {@code label} with these keys, by key; absent keys are left out. */
    static Map<String, Object> ids(GraphTraversalSource g, Shape shape, Label label, Collection<String> keys) {
        Map<String, Object> out = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(new LinkedHashSet<>(keys)), shape.keysPerLookup())) {
            for (Map<String, Object> r : g.V().has(label.name(), label.keyProperty(), P.within(chunk))
                    .<Object>project("k", "id").by(label.keyProperty()).by(T.id).toList()) {
                out.put(String.valueOf(r.get("k")), r.get("id"));
            }
        }
        return out;
    }

    private <E> List<List<E>> chunks(List<E> items) {
        return chunks(items, shape.rowsPerTraversal());
    }

    static <E> List<List<E>> chunks(List<E> items, int size) {
        List<List<E>> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            out.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return out;
    }
}

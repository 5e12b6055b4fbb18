package org.healthgraph.graph.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.inV;
import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.outV;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphCapability;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphNode;
import org.healthgraph.graph.GraphPath;
import org.healthgraph.graph.GraphRelationship;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStoreException;
import org.healthgraph.graph.GraphWriter;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.Neighbourhood;
import org.healthgraph.graph.NodeRef;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.RelType;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;
import org.healthgraph.graph.gremlin.GremlinWriter;

/**
 * The graph store on an Apache TinkerPop graph, through traversals built with the Java API: the same
 * code for the embedded TinkerGraph and for a Gremlin Server, only the {@link GremlinConnection}
 * differs. Writes of one store are serialised (a lock), so that the writer's look-up-then-create of
 * keyed vertices cannot race with another write of this process; key uniqueness across processes is
 * the database's (a unique index on each label's key property, docs/scale-out.md).
 */
public final class GremlinGraphStore implements GremlinGraph {

    static final int MAX_HOPS = 12;
    /** The most shortest paths returned between two nodes (they multiply with every tie). */
    static final int MAX_PATHS = 10_000;
    private static final int ATTEMPTS = 5;
    private static final long FIRST_BACKOFF_MILLIS = 100;

    private final GremlinConnection connection;
    private final TraversalWriter.Shape shape;
    private final int batchSize;
    private final Map<String, Label> knownLabels = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);

    private GremlinGraphStore(GremlinConnection connection, int batchSize) {
        this.connection = connection;
        this.shape = connection instanceof EmbeddedTinkerGraph ? TraversalWriter.Shape.EMBEDDED : TraversalWriter.Shape.REMOTE;
        this.batchSize = batchSize;
        GraphNames.LABELS.forEach(l -> knownLabels.put(l.name(), l));
    }

    /** Opens the Gremlin graph the settings describe; fails naming the setting to change when it cannot. */
    public static GremlinGraphStore open(GraphSettings settings) {
        if (settings.gremlin().isEmbedded()) {
            Optional<Path> file = settings.gremlin().persist()
                    ? Optional.of(settings.dataDir().resolve("tinkergraph").resolve("graph.json"))
                    : Optional.empty();
            return new GremlinGraphStore(EmbeddedTinkerGraph.open(file), settings.batchSize());
        }
        return new GremlinGraphStore(RemoteGremlin.connect(settings.gremlin()), settings.batchSize());
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.GREMLIN;
    }

    @Override
    public Set<GraphCapability> capabilities() {
        return connection.transactional()
                ? Collections.unmodifiableSet(EnumSet.of(GraphCapability.ATOMIC_WRITES))
                : Set.of();
    }

    @Override
    public void ensureSchema(Collection<Label> labels, Collection<PropertyIndex> indexes) {
        labels.forEach(label -> knownLabels.put(label.name(), label));
        Set<String> properties = new LinkedHashSet<>();
        labels.forEach(l -> properties.add(l.keyProperty()));
        indexes.forEach(i -> properties.add(i.property()));
        try {
            connection.indexVertexProperties(properties);
        } catch (RuntimeException e) {
            throw connection.translate(e, "creating the schema");
        }
    }

    @Override
    public Map<String, Object> vertexIds(GraphTraversalSource g, Label label, Collection<String> keys) {
        return TraversalWriter.ids(g, shape, label, keys);
    }

    @Override
    public int keysPerLookup() {
        return shape.keysPerLookup();
    }

    @Override
    public int rowsPerTraversal() {
        return shape.rowsPerTraversal();
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public <T> T write(Function<GraphWriter, T> work) {
        return writeTraversal(work::apply);
    }

    @Override
    public <T> T writeTraversal(Function<GremlinWriter, T> work) {
        if (writing.get()) {
            throw new IllegalStateException("a graph write cannot start inside another one on the same thread");
        }
        writeLock.lock();
        writing.set(true);
        try {
            return withRetries("writing", () -> connection.inTransaction(g -> work.apply(new TraversalWriter(g, shape))));
        } finally {
            writing.remove();
            writeLock.unlock();
        }
    }

    @Override
    public <T> T read(Function<GraphTraversalSource, T> work) {
        boolean insideWrite = writing.get();
        try {
            return withRetries("reading", () -> work.apply(connection.g()));
        } finally {
            if (!insideWrite) {
                connection.afterRead();
            }
        }
    }

    private <T> T withRetries(String doing, java.util.function.Supplier<T> attempt) {
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (GraphStoreException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!isBackendFailure(e)) {
                    throw e;
                }
                if (n >= ATTEMPTS || !connection.isTransient(e)) {
                    throw connection.translate(e, doing);
                }
            }
            sleep(backoff);
            backoff *= 2;
        }
    }

    /**
     * Whether {@code e} comes from the database or the driver rather than from the caller's own
     * work (which is rethrown as it is, like any exception of a transaction's body).
     */
    private static boolean isBackendFailure(Throwable e) {
        if (RemoteGremlin.isUnreachable(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("org.apache.tinkerpop.") || name.startsWith("io.netty.")
                    || t instanceof java.util.concurrent.CompletionException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphStoreException("interrupted while waiting to retry a graph transaction", e);
        }
    }

    // ---------------------------------------------------------------- batched upserts

    @Override
    public WriteResult upsertNodes(Label label, List<Map<String, Object>> rows) {
        WriteResult total = WriteResult.NONE;
        for (List<Map<String, Object>> batch : TraversalWriter.chunks(rows, batchSize)) {
            total = total.plus(write(w -> w.upsertNodes(label, batch)));
        }
        return total;
    }

    @Override
    public WriteResult upsertRelationships(RelType type, List<RelationshipRow> rows) {
        WriteResult total = WriteResult.NONE;
        for (List<RelationshipRow> batch : TraversalWriter.chunks(rows, batchSize)) {
            total = total.plus(write(w -> w.upsertRelationships(type, batch)));
        }
        return total;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<GraphNode> find(NodeRef ref) {
        return findAll(ref.label(), List.of(ref.key())).stream().findFirst();
    }

    @Override
    public List<GraphNode> findAll(Label label, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return read(g -> {
            Map<String, Object> ids = TraversalWriter.ids(g, shape, label, new LinkedHashSet<>(keys));
            return List.copyOf(nodesById(g, ids.values()).values());
        });
    }

    @Override
    public long count(Label label) {
        return read(g -> g.V().hasLabel(label.name()).count().next());
    }

    @Override
    public long count(RelType type) {
        return read(g -> g.E().hasLabel(type.name()).count().next());
    }

    @Override
    public Neighbourhood neighbourhood(NodeRef centre, Set<RelType> types, int depth, int limit) {
        if (depth < 1 || depth > MAX_HOPS) {
            throw new IllegalArgumentException("depth must be between 1 and " + MAX_HOPS + ", got " + depth);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        String[] typeNames = typeNames(types);
        return read(g -> {
            Object start = TraversalWriter.ids(g, shape, centre.label(), List.of(centre.key())).get(centre.key());
            if (start == null) {
                return new Neighbourhood(centre, List.of(), List.of());
            }
            Set<Object> seen = new LinkedHashSet<>(List.of(start));
            List<Object> frontier = List.of(start);
            for (int d = 1; d <= depth && !frontier.isEmpty() && seen.size() < limit; d++) {
                List<Object> next = new ArrayList<>();
                for (List<Object> chunk : TraversalWriter.chunks(frontier, TraversalWriter.LOOKUP)) {
                    for (Object id : g.V(chunk.toArray()).both(typeNames).dedup().id().toList()) {
                        if (seen.size() >= limit) {
                            break;
                        }
                        if (seen.add(id)) {
                            next.add(id);
                        }
                    }
                }
                frontier = next;
            }
            Map<Object, GraphNode> nodes = nodesById(g, seen);
            return new Neighbourhood(centre, List.copyOf(nodes.values()), relationshipsAmong(g, seen, typeNames, nodes));
        });
    }

    private List<GraphRelationship> relationshipsAmong(GraphTraversalSource g, Set<Object> ids, String[] typeNames,
                                                       Map<Object, GraphNode> nodes) {
        List<GraphRelationship> out = new ArrayList<>();
        for (List<Object> chunk : TraversalWriter.chunks(new ArrayList<>(ids), TraversalWriter.LOOKUP)) {
            for (Map<String, Object> e : g.V(chunk.toArray()).outE(typeNames).where(inV().hasId(P.within(ids)))
                    .<Object>project("type", "from", "to", "props").by(T.label).by(outV().id()).by(inV().id())
                    .by(__.valueMap()).toList()) {
                out.add(toRelationship(e, nodes));
            }
        }
        return out;
    }

    @Override
    public List<GraphPath> shortestPaths(NodeRef from, NodeRef to, Set<RelType> types, int maxHops) {
        if (maxHops < 1 || maxHops > MAX_HOPS) {
            throw new IllegalArgumentException("maxHops must be between 1 and " + MAX_HOPS + ", got " + maxHops);
        }
        if (from.equals(to)) {
            return find(from).map(n -> List.of(new GraphPath(List.of(n), List.of()))).orElse(List.of());
        }
        String[] typeNames = typeNames(types);
        return read(g -> {
            Object a = TraversalWriter.ids(g, shape, from.label(), List.of(from.key())).get(from.key());
            Object b = TraversalWriter.ids(g, shape, to.label(), List.of(to.key())).get(to.key());
            if (a == null || b == null) {
                return List.<GraphPath>of();
            }
            Map<Object, List<Hop>> reachedBy = breadthFirst(g, a, b, typeNames, maxHops);
            if (!reachedBy.containsKey(b)) {
                return List.<GraphPath>of();
            }
            List<List<Hop>> hopLists = new ArrayList<>();
            unwind(b, a, reachedBy, new ArrayList<>(), hopLists);
            Set<Object> ids = new LinkedHashSet<>();
            hopLists.forEach(hops -> hops.forEach(h -> {
                ids.add(h.previous());
                ids.add(h.next());
            }));
            Map<Object, GraphNode> nodes = nodesById(g, ids);
            List<GraphPath> paths = new ArrayList<>();
            for (List<Hop> hops : hopLists) {
                List<GraphNode> pathNodes = new ArrayList<>(List.of(nodes.get(a)));
                List<GraphRelationship> rels = new ArrayList<>();
                for (Hop h : hops) {
                    pathNodes.add(nodes.get(h.next()));
                    rels.add(toRelationship(h.edge(), nodes));
                }
                paths.add(new GraphPath(pathNodes, rels));
            }
            return paths;
        });
    }

    /** One step of a path: from {@code previous} to {@code next} over {@code edge} (its projection). */
    private record Hop(Object previous, Object next, Map<String, Object> edge) {
    }

    /**
     * Breadth-first from {@code a}, one request per level, until {@code b} is reached or
     * {@code maxHops} levels were explored: for every node reached, the hops that reach it from the
     * level before (several when paths tie).
     */
    private Map<Object, List<Hop>> breadthFirst(GraphTraversalSource g, Object a, Object b, String[] typeNames,
                                                int maxHops) {
        Map<Object, List<Hop>> reachedBy = new HashMap<>();
        reachedBy.put(a, List.of());
        List<Object> frontier = List.of(a);
        for (int level = 1; level <= maxHops && !frontier.isEmpty() && !reachedBy.containsKey(b); level++) {
            Map<Object, List<Hop>> next = new LinkedHashMap<>();
            for (List<Object> chunk : TraversalWriter.chunks(frontier, TraversalWriter.LOOKUP)) {
                for (Map<String, Object> row : g.V(chunk.toArray()).as("s").bothE(typeNames).as("e").otherV().as("o")
                        .<Object>select("s", "e", "o").by(__.id())
                        .by(__.project("type", "from", "to", "props").by(T.label).by(outV().id()).by(inV().id())
                                .by(__.valueMap()))
                        .by(__.id()).toList()) {
                    Object other = row.get("o");
                    if (reachedBy.containsKey(other)) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> edge = (Map<String, Object>) row.get("e");
                    next.computeIfAbsent(other, k -> new ArrayList<>()).add(new Hop(row.get("s"), other, edge));
                }
            }
            reachedBy.putAll(next);
            frontier = new ArrayList<>(next.keySet());
        }
        return reachedBy;
    }

    private static void unwind(Object at, Object start, Map<Object, List<Hop>> reachedBy, List<Hop> suffix,
                               List<List<Hop>> out) {
        if (out.size() >= MAX_PATHS) {
            return;
        }
        if (at.equals(start)) {
            List<Hop> path = new ArrayList<>(suffix);
            Collections.reverse(path);
            out.add(path);
            return;
        }
        for (Hop hop : reachedBy.get(at)) {
            suffix.add(hop);
            unwind(hop.previous(), start, reachedBy, suffix, out);
            suffix.removeLast();
        }
    }

    private Map<Object, GraphNode> nodesById(GraphTraversalSource g, Collection<Object> ids) {
        Map<Object, GraphNode> out = new LinkedHashMap<>();
        for (List<Object> chunk : TraversalWriter.chunks(new ArrayList<>(ids), TraversalWriter.LOOKUP)) {
            for (Map<Object, Object> m : g.V(chunk.toArray()).elementMap().toList()) {
                out.put(m.get(T.id), toGraphNode(m));
            }
        }
        // keep the caller's order (the centre first)
        Map<Object, GraphNode> ordered = new LinkedHashMap<>();
        ids.forEach(id -> {
            GraphNode n = out.get(id);
            if (n != null) {
                ordered.put(id, n);
            }
        });
        return ordered;
    }

    private GraphRelationship toRelationship(Map<String, Object> edge, Map<Object, GraphNode> nodes) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> props = (Map<Object, Object>) edge.get("props");
        return new GraphRelationship(String.valueOf(edge.get("type")), nodes.get(edge.get("from")).ref(),
                nodes.get(edge.get("to")).ref(), GremlinValues.properties(props));
    }

    private GraphNode toGraphNode(Map<Object, Object> elementMap) {
        String labelName = String.valueOf(elementMap.get(T.label));
        Label label = knownLabels.getOrDefault(labelName, new Label(labelName, "id"));
        Map<String, Object> props = GremlinValues.properties(elementMap);
        Object key = props.get(label.keyProperty());
        return new GraphNode(new NodeRef(label, key == null ? String.valueOf(elementMap.get(T.id)) : key.toString()), props);
    }

    private static String[] typeNames(Set<RelType> types) {
        return types.stream().map(RelType::name).sorted().toArray(String[]::new);
    }

    @Override
    public String describe() {
        return connection.describe();
    }

    @Override
    public void close() {
        connection.close();
    }
}

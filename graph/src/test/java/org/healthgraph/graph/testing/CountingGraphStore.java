package org.healthgraph.graph.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphCapability;
import org.healthgraph.graph.GraphNode;
import org.healthgraph.graph.GraphPath;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphWriter;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.Neighbourhood;
import org.healthgraph.graph.NodeRef;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.RelType;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinWriter;
import org.healthgraph.graph.neo4j.CypherWriter;
import org.healthgraph.graph.neo4j.Neo4jGraph;

/**
 * A store that counts the round trips made to the store it wraps, for tests that check that a
 * query does not make one call per item (N+1). It offers the wrapped store's backend access too
 * (Cypher on Neo4j, traversals on Gremlin), so that store adapters run on it unchanged; a call
 * that needs the other backend fails as the wrapped store would. Closing it does not close the
 * wrapped store.
 */
public final class CountingGraphStore implements Neo4jGraph, GremlinGraph {

    private final GraphStore delegate;
    private final AtomicLong calls = new AtomicLong();

    public CountingGraphStore(GraphStore delegate) {
        this.delegate = delegate;
    }

    /** Round trips since creation or the last {@link #reset()}. */
    public long calls() {
        return calls.get();
    }

    public void reset() {
        calls.set(0);
    }

    private <T> T count(T result) {
        calls.incrementAndGet();
        return result;
    }

    @Override
    public void ensureSchema(Collection<Label> labels, Collection<PropertyIndex> indexes) {
        calls.incrementAndGet();
        delegate.ensureSchema(labels, indexes);
    }

    @Override
    public <T> T write(Function<GraphWriter, T> work) {
        return count(delegate.write(work));
    }

    @Override
    public WriteResult upsertNodes(Label label, List<Map<String, Object>> rows) {
        return count(delegate.upsertNodes(label, rows));
    }

    @Override
    public WriteResult upsertRelationships(RelType type, List<RelationshipRow> rows) {
        return count(delegate.upsertRelationships(type, rows));
    }

    @Override
    public Optional<GraphNode> find(NodeRef ref) {
        return count(delegate.find(ref));
    }

    @Override
    public List<GraphNode> findAll(Label label, Collection<String> keys) {
        return count(delegate.findAll(label, keys));
    }

    @Override
    public long count(Label label) {
        return count(Long.valueOf(delegate.count(label)));
    }

    @Override
    public long count(RelType type) {
        return count(Long.valueOf(delegate.count(type)));
    }

    @Override
    public Neighbourhood neighbourhood(NodeRef centre, Set<RelType> types, int depth, int limit) {
        return count(delegate.neighbourhood(centre, types, depth, limit));
    }

    @Override
    public List<GraphPath> shortestPaths(NodeRef from, NodeRef to, Set<RelType> types, int maxHops) {
        return count(delegate.shortestPaths(from, to, types, maxHops));
    }

    @Override
    public List<Map<String, Object>> read(String cypher, Map<String, Object> parameters) {
        return count(Neo4jGraph.require(delegate, "Cypher").read(cypher, parameters));
    }

    @Override
    public <T> List<T> read(String cypher, Map<String, Object> parameters, Function<Map<String, Object>, T> mapper) {
        return count(Neo4jGraph.require(delegate, "Cypher").read(cypher, parameters, mapper));
    }

    @Override
    public <T> T writeCypher(Function<CypherWriter, T> work) {
        return count(Neo4jGraph.require(delegate, "Cypher").writeCypher(work));
    }

    @Override
    public <T> T read(Function<GraphTraversalSource, T> work) {
        return count(GremlinGraph.require(delegate, "Gremlin").read(work));
    }

    @Override
    public <T> T writeTraversal(Function<GremlinWriter, T> work) {
        return count(GremlinGraph.require(delegate, "Gremlin").writeTraversal(work));
    }

    @Override
    public Map<String, Object> vertexIds(GraphTraversalSource g, Label label, Collection<String> keys) {
        return GremlinGraph.require(delegate, "Gremlin").vertexIds(g, label, keys);
    }

    @Override
    public int keysPerLookup() {
        return GremlinGraph.require(delegate, "Gremlin").keysPerLookup();
    }

    @Override
    public int rowsPerTraversal() {
        return GremlinGraph.require(delegate, "Gremlin").rowsPerTraversal();
    }

    @Override
    public GraphBackend backend() {
        return delegate.backend();
    }

    @Override
    public Set<GraphCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        // the wrapped store belongs to whoever created it
    }
}

package org.healthgraph.graph.internal.neo4j;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphCapability;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphNode;
import org.healthgraph.graph.GraphPath;
import org.healthgraph.graph.GraphRelationship;
import org.healthgraph.graph.GraphUnavailableException;
import org.healthgraph.graph.GraphWriter;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.Neighbourhood;
import org.healthgraph.graph.NodeRef;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.RelType;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.graph.neo4j.CypherWriter;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;

/** The graph store over the Neo4j Java driver; all statements are parameterised Cypher. */
public final class Neo4jGraphStore implements Neo4jGraph {

    static final int MAX_HOPS = 12;

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final int batchSize;
    private final AutoCloseable owned;
    private final String description;
    private final Set<GraphCapability> capabilities;
    private final Map<String, Label> knownLabels = new java.util.concurrent.ConcurrentHashMap<>();

    private Neo4jGraphStore(Driver driver, SessionConfig sessionConfig, int batchSize, AutoCloseable owned,
                            String description, boolean embedded) {
        this.capabilities = embedded
                ? java.util.EnumSet.of(GraphCapability.ATOMIC_WRITES, GraphCapability.CYPHER, GraphCapability.BULK_LOAD)
                : java.util.EnumSet.of(GraphCapability.ATOMIC_WRITES, GraphCapability.CYPHER);
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.batchSize = batchSize;
        this.owned = owned;
        this.description = description;
        GraphNames.LABELS.forEach(l -> knownLabels.put(l.name(), l));
    }

    /**
     * The driver's log through SLF4J. The driver's default (System.Logger) formats every Bolt message
     * for its debug log before asking whether debug is on (the Bolt messages with all their
     * parameters: a tenth of an import's client-side work); SLF4J's logger asks the level first. The
     * driver's warnings still reach the application's log. {@code Logging} is deprecated in favour of
     * that System.Logger: when the driver formats lazily there, this goes.
     */
    @SuppressWarnings("deprecation")
    private static Config.ConfigBuilder withLevelCheckedLogging(Config.ConfigBuilder builder) {
        return builder.withLogging(Logging.slf4j());
    }

    /**
     * Connects to a Neo4j over Bolt and checks that it answers. {@code owned} is closed with the
     * store (the embedded database, when there is one: {@code embedded}).
     */
    public static Neo4jGraphStore connect(URI uri, String username, String password, Optional<String> database,
                                          int batchSize, AutoCloseable owned, boolean embedded) {
        Config config = withLevelCheckedLogging(Config.builder())
                .withConnectionTimeout(10, TimeUnit.SECONDS)
                .withConnectionAcquisitionTimeout(30, TimeUnit.SECONDS)
                .withMaxConnectionPoolSize(64)
                .withUserAgent("healthgraph")
                .build();
        var auth = username.isEmpty() ? AuthTokens.none() : AuthTokens.basic(username, password);
        Driver driver = GraphDatabase.driver(uri, auth, config);
        String where = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        try {
            driver.verifyConnectivity();
        } catch (AuthenticationException e) {
            driver.close();
            throw new GraphUnavailableException("Neo4j at " + where
                    + " refused the credentials. Check healthgraph.neo4j.username and healthgraph.neo4j.password.", e);
        } catch (ServiceUnavailableException e) {
            driver.close();
            throw new GraphUnavailableException("Neo4j at " + where
                    + " cannot be reached. Check healthgraph.neo4j.uri (or leave it empty to use the embedded database).", e);
        } catch (Neo4jException e) {
            driver.close();
            throw new GraphUnavailableException("Neo4j at " + where + " answered with an error (" + e.code()
                    + "). Check healthgraph.neo4j.uri and the server's state.", e);
        } catch (RuntimeException e) {
            driver.close();
            throw new GraphUnavailableException("Neo4j at " + where + " cannot be used (" + e.getClass().getSimpleName()
                    + "). Check healthgraph.neo4j.uri.", e);
        }
        SessionConfig sessionConfig = database.map(SessionConfig::forDatabase).orElse(SessionConfig.defaultConfig());
        return new Neo4jGraphStore(driver, sessionConfig, batchSize, owned, product(driver, sessionConfig, embedded),
                embedded);
    }

    /**
     * What the database is, from the agent the server gives ("Neo4j 2026.08.1 embedded"): no host,
     * port nor credentials, since anonymous callers are shown it ({@code version { graph }}).
     */
    private static String product(Driver driver, SessionConfig sessionConfig, boolean embedded) {
        String agent;
        try (Session session = driver.session(sessionConfig)) {
            agent = session.run("RETURN 1").consume().server().agent();
        } catch (Neo4jException e) {
            agent = "Neo4j";
        }
        String name = agent == null || !agent.matches("[A-Za-z0-9 ._/-]{1,64}") ? "Neo4j" : agent.replace('/', ' ');
        return name + (embedded ? " embedded" : " server");
    }

    @Override
    public void ensureSchema(Collection<Label> labels, Collection<PropertyIndex> indexes) {
        createMissingSchema(labels, indexes);
    }

    /** {@link #ensureSchema}; returns how many constraints and indexes it asked Neo4j to create. */
    int createMissingSchema(Collection<Label> labels, Collection<PropertyIndex> indexes) {
        labels.forEach(label -> knownLabels.put(label.name(), label));
        try (Session session = session()) {
            // Only the statements whose constraint or index is missing are sent: each is a query of its
            // own that Neo4j compiles (the schema of every store, about thirty statements, took some 8 s
            // of each command's start-up on two cores, although they changed nothing after the first).
            // Skipping by name is what IF NOT EXISTS does; the statements keep it for a concurrent start.
            Schema existing = existingSchema(session);
            int created = 0;
            for (Map.Entry<String, String> statement : schemaStatementsByName(labels, indexes).entrySet()) {
                if (!existing.names().contains(statement.getKey())) {
                    session.run(statement.getValue()).consume();
                    created++;
                }
            }
            if (created > 0 || !existing.allOnline()) {
                session.run("CALL db.awaitIndexes(300)").consume();
            }
            return created;
        } catch (Neo4jException e) {
            throw Neo4jErrors.translate(e, "creating the schema");
        }
    }

    /** The names of the constraints and indexes the database holds, and whether every index is online. */
    private record Schema(Set<String> names, boolean allOnline) {
    }

    private static Schema existingSchema(Session session) {
        Set<String> names = new java.util.HashSet<>();
        boolean online = true;
        for (Record r : session.run("SHOW INDEXES YIELD name, state").list()) {
            names.add(r.get("name").asString());
            online &= "ONLINE".equals(r.get("state").asString());
        }
        session.run("SHOW CONSTRAINTS YIELD name").list().forEach(r -> names.add(r.get("name").asString()));
        return new Schema(names, online);
    }

    /** The idempotent statements that create the key constraints of these labels and these indexes. */
    static List<String> schemaStatements(Collection<Label> labels, Collection<PropertyIndex> indexes) {
        return List.copyOf(schemaStatementsByName(labels, indexes).values());
    }

    /** {@link #schemaStatements}, each under the name of the constraint or index it creates. */
    static Map<String, String> schemaStatementsByName(Collection<Label> labels, Collection<PropertyIndex> indexes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Label label : labels) {
            String name = label.name().toLowerCase() + "_" + label.keyProperty() + "_unique";
            out.put(name, "CREATE CONSTRAINT " + name + " IF NOT EXISTS FOR (n:" + q(label.name()) + ") REQUIRE n."
                    + q(label.keyProperty()) + " IS UNIQUE");
        }
        for (PropertyIndex index : indexes) {
            String name = index.label().name().toLowerCase() + "_" + index.property() + "_index";
            out.put(name, "CREATE INDEX " + name + " IF NOT EXISTS FOR (n:" + q(index.label().name()) + ") ON (n."
                    + q(index.property()) + ")");
        }
        return out;
    }

    @Override
    public <T> T write(Function<GraphWriter, T> work) {
        return writeCypher(work::apply);
    }

    @Override
    public <T> T writeCypher(Function<CypherWriter, T> work) {
        try (Session session = session()) {
            return session.executeWrite(tx -> work.apply(new Neo4jWriter(tx, batchSize)));
        } catch (Neo4jException e) {
            throw Neo4jErrors.translate(e, "writing");
        }
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.NEO4J;
    }

    @Override
    public Set<GraphCapability> capabilities() {
        return java.util.Collections.unmodifiableSet(capabilities);
    }

    @Override
    public WriteResult upsertNodes(Label label, List<Map<String, Object>> rows) {
        WriteResult total = WriteResult.NONE;
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            total = total.plus(write(w -> w.upsertNodes(label, batch)));
        }
        return total;
    }

    @Override
    public WriteResult upsertRelationships(RelType type, List<RelationshipRow> rows) {
        WriteResult total = WriteResult.NONE;
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<RelationshipRow> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            total = total.plus(write(w -> w.upsertRelationships(type, batch)));
        }
        return total;
    }

    @Override
    public Optional<GraphNode> find(NodeRef ref) {
        return findAll(ref.label(), List.of(ref.key())).stream().findFirst();
    }

    @Override
    public List<GraphNode> findAll(Label label, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return readRecords("MATCH (n:" + q(label.name()) + ") WHERE n." + q(label.keyProperty()) + " IN $keys RETURN n",
                Map.of("keys", List.copyOf(keys)), r -> toGraphNode(r.get("n").asNode()));
    }

    @Override
    public long count(Label label) {
        return readRecords("MATCH (n:" + q(label.name()) + ") RETURN count(n) AS c", Map.of(), r -> r.get("c").asLong())
                .getFirst();
    }

    @Override
    public long count(RelType type) {
        return readRecords("MATCH ()-[r:" + q(type.name()) + "]->() RETURN count(r) AS c", Map.of(),
                r -> r.get("c").asLong()).getFirst();
    }

    @Override
    public Neighbourhood neighbourhood(NodeRef centre, Set<RelType> types, int depth, int limit) {
        if (depth < 1 || depth > MAX_HOPS) {
            throw new IllegalArgumentException("depth must be between 1 and " + MAX_HOPS + ", got " + depth);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        String rel = relPattern(types);
        List<Node> nodes = readRecords("MATCH (c:" + q(centre.label().name()) + " {" + q(centre.label().keyProperty())
                        + ": $key}) OPTIONAL MATCH (c)-[" + rel + "*1.." + depth + "]-(m) WITH c, m, count(*) AS ignored"
                        + " WITH c, collect(DISTINCT m)[..$limit] AS ms RETURN [c] + ms AS ns",
                Map.of("key", centre.key(), "limit", limit - 1), r -> r.get("ns").asList(v -> v.asNode()))
                .stream().findFirst().orElse(List.of());
        if (nodes.isEmpty()) {
            return new Neighbourhood(centre, List.of(), List.of());
        }
        List<String> ids = nodes.stream().map(Node::elementId).toList();
        Map<String, GraphNode> byId = new HashMap<>();
        nodes.forEach(n -> byId.put(n.elementId(), toGraphNode(n)));
        List<GraphRelationship> rels = readRecords("MATCH (a)-[r" + (types.isEmpty() ? "" : ":" + typeNames(types))
                        + "]->(b) WHERE elementId(a) IN $ids AND elementId(b) IN $ids RETURN r",
                Map.of("ids", ids), r -> toGraphRelationship(r.get("r").asRelationship(), byId));
        return new Neighbourhood(centre, List.copyOf(byId.values()), rels);
    }

    @Override
    public List<GraphPath> shortestPaths(NodeRef from, NodeRef to, Set<RelType> types, int maxHops) {
        if (maxHops < 1 || maxHops > MAX_HOPS) {
            throw new IllegalArgumentException("maxHops must be between 1 and " + MAX_HOPS + ", got " + maxHops);
        }
        if (from.equals(to)) {
            return find(from).map(n -> List.of(new GraphPath(List.of(n), List.of()))).orElse(List.of());
        }
        return readRecords("MATCH (a:" + q(from.label().name()) + " {" + q(from.label().keyProperty()) + ": $from}), (b:"
                        + q(to.label().name()) + " {" + q(to.label().keyProperty()) + ": $to})"
                        + " MATCH p = allShortestPaths((a)-[" + relPattern(types) + "*.." + maxHops + "]-(b)) RETURN p",
                Map.of("from", from.key(), "to", to.key()), r -> toGraphPath(r.get("p").asPath()));
    }

    @Override
    public List<Map<String, Object>> read(String statement, Map<String, Object> parameters) {
        return read(statement, parameters, Function.identity());
    }

    @Override
    public <T> List<T> read(String statement, Map<String, Object> parameters, Function<Map<String, Object>, T> mapper) {
        return readRecords(statement, parameters, r -> mapper.apply(Neo4jValues.toMap(r)));
    }

    private <T> List<T> readRecords(String statement, Map<String, Object> parameters, Function<Record, T> mapper) {
        try (Session session = session()) {
            return session.executeRead(tx -> {
                List<T> out = new ArrayList<>();
                tx.run(statement, parameters).forEachRemaining(r -> out.add(mapper.apply(r)));
                return out;
            });
        } catch (Neo4jException e) {
            throw Neo4jErrors.translate(e, "reading");
        }
    }

    private Session session() {
        return driver.session(sessionConfig);
    }

    GraphNode toGraphNode(Node node) {
        Label label = labelOf(node);
        Map<String, Object> props = new LinkedHashMap<>(node.asMap());
        Object key = props.get(label.keyProperty());
        return new GraphNode(new NodeRef(label, key == null ? node.elementId() : key.toString()), props);
    }

    private Label labelOf(Node node) {
        for (String l : node.labels()) {
            Label known = knownLabels.get(l);
            if (known != null) {
                return known;
            }
        }
        String first = node.labels().iterator().hasNext() ? node.labels().iterator().next() : "Node";
        return new Label(first, "id");
    }

    private GraphRelationship toGraphRelationship(Relationship r, Map<String, GraphNode> byId) {
        return new GraphRelationship(r.type(), byId.get(r.startNodeElementId()).ref(), byId.get(r.endNodeElementId()).ref(),
                r.asMap());
    }

    private GraphPath toGraphPath(Path path) {
        Map<String, GraphNode> byId = new HashMap<>();
        List<GraphNode> nodes = new ArrayList<>();
        for (Node n : path.nodes()) {
            GraphNode g = toGraphNode(n);
            byId.put(n.elementId(), g);
            nodes.add(g);
        }
        List<GraphRelationship> hops = new ArrayList<>();
        for (Relationship r : path.relationships()) {
            hops.add(toGraphRelationship(r, byId));
        }
        return new GraphPath(nodes, hops);
    }

    private static String relPattern(Set<RelType> types) {
        return types.isEmpty() ? "" : ":" + typeNames(types);
    }

    private static String typeNames(Set<RelType> types) {
        return types.stream().map(t -> q(t.name())).sorted().collect(Collectors.joining("|"));
    }

    /** Quotes an identifier that {@link Label} and {@link RelType} have already validated. */
    static String q(String identifier) {
        return "`" + identifier + "`";
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        driver.close();
        try {
            owned.close();
        } catch (Exception e) {
            throw new GraphUnavailableException("The embedded Neo4j did not shut down cleanly", e);
        }
    }
}

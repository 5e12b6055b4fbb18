package org.healthgraph.journeys.store.internal.gremlin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.store.CohortDefinition;
import org.healthgraph.journeys.store.CohortDefinitionStore;
import org.healthgraph.journeys.store.DefinitionName;
import org.healthgraph.journeys.store.internal.DefinitionRows;

/**
 * Saved cohort definitions on a Gremlin graph. A save reads the last version and writes the next
 * in one write (a transaction where the graph has them; on a graph without, two saves of the same
 * name at the same moment may give one version number twice, the later one kept).
 */
public final class GremlinCohortDefinitionStore implements CohortDefinitionStore {

    private final GremlinGraph graph;

    public GremlinCohortDefinitionStore(GremlinGraph graph) {
        this.graph = graph;
    }

    @Override
    public void ensureSchema() {
        graph.ensureSchema(DefinitionRows.LABELS, DefinitionRows.INDEXES);
    }

    @Override
    public CohortDefinition save(String owner, DefinitionName name, String description, CohortQuery query, Instant at) {
        return graph.writeTraversal(w -> {
            int last = versions(w.g(), owner, name).stream().mapToInt(Integer::intValue).max().orElse(0);
            Map<String, Object> row = DefinitionRows.row(owner, name, last + 1, description, query, at);
            w.upsertNodes(DefinitionRows.DEFINITION, List.of(row));
            return DefinitionRows.definition(row);
        });
    }

    private static GraphTraversal<Vertex, Vertex> named(GraphTraversalSource g, String owner, DefinitionName name) {
        return g.V().has(DefinitionRows.DEFINITION.name(), "owner", owner).has("name", name.value());
    }

    private static List<Integer> versions(GraphTraversalSource g, String owner, DefinitionName name) {
        return named(g, owner, name).values("version").toList().stream()
                .map(v -> ((Number) GremlinValues.decode(v)).intValue()).sorted().toList();
    }

    @Override
    public List<CohortDefinition> latest(String owner) {
        return DefinitionRows.latest(graph.read(g -> g.V().has(DefinitionRows.DEFINITION.name(), "owner", owner).valueMap().toList())
                .stream().map(m -> DefinitionRows.definition(GremlinValues.properties(m))).toList());
    }

    @Override
    public List<Integer> versions(String owner, DefinitionName name) {
        return graph.read(g -> versions(g, owner, name));
    }

    @Override
    public Optional<CohortDefinition> find(String owner, DefinitionName name, OptionalInt version) {
        return graph.read(g -> named(g, owner, name).valueMap().toList()).stream()
                .map(m -> DefinitionRows.definition(GremlinValues.properties(m)))
                .filter(d -> version.isEmpty() || d.version() == version.getAsInt())
                .max(DefinitionRows.BY_VERSION);
    }
}

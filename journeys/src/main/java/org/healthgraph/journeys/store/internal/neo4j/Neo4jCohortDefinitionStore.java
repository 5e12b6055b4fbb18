package org.healthgraph.journeys.store.internal.neo4j;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.store.CohortDefinition;
import org.healthgraph.journeys.store.CohortDefinitionStore;
import org.healthgraph.journeys.store.DefinitionName;
import org.healthgraph.journeys.store.internal.DefinitionRows;

/**
 * Saved cohort definitions on Neo4j. A save reads the last version and creates the next in one
 * transaction, with CREATE rather than an upsert: two saves of the same name at the same moment
 * cannot overwrite each other, the key constraint refuses the second.
 */
public final class Neo4jCohortDefinitionStore implements CohortDefinitionStore {

    private static final String RETURN = " RETURN properties(d) AS d";

    private final Neo4jGraph graph;

    public Neo4jCohortDefinitionStore(Neo4jGraph graph) {
        this.graph = graph;
    }

    @Override
    public void ensureSchema() {
        graph.ensureSchema(DefinitionRows.LABELS, DefinitionRows.INDEXES);
    }

    @Override
    public CohortDefinition save(String owner, DefinitionName name, String description, CohortQuery query, Instant at) {
        return graph.writeCypher(w -> {
            Number last = (Number) w.run("MATCH (d:CohortDefinition {owner: $owner, name: $name}) RETURN coalesce(max(d.version), 0) AS v",
                    Map.of("owner", owner, "name", name.value())).getFirst().get("v");
            Map<String, Object> row = DefinitionRows.row(owner, name, last.intValue() + 1, description, query, at);
            w.run("CREATE (d:CohortDefinition) SET d = $row", Map.of("row", row));
            return DefinitionRows.definition(row);
        });
    }

    @Override
    public List<CohortDefinition> latest(String owner) {
        return DefinitionRows.latest(all(owner));
    }

    private List<CohortDefinition> all(String owner) {
        return graph.read("MATCH (d:CohortDefinition {owner: $owner})" + RETURN, Map.of("owner", owner), Neo4jCohortDefinitionStore::definition);
    }

    @Override
    public List<Integer> versions(String owner, DefinitionName name) {
        return graph.read("MATCH (d:CohortDefinition {owner: $owner, name: $name}) RETURN d.version AS v ORDER BY v",
                Map.of("owner", owner, "name", name.value()), r -> ((Number) r.get("v")).intValue());
    }

    @Override
    public Optional<CohortDefinition> find(String owner, DefinitionName name, OptionalInt version) {
        List<CohortDefinition> found = graph.read("MATCH (d:CohortDefinition {owner: $owner, name: $name})"
                        + " WHERE $version IS NULL OR d.version = $version" + RETURN + " ORDER BY d.version DESC LIMIT 1",
                parameters(owner, name, version), Neo4jCohortDefinitionStore::definition);
        return found.stream().findFirst();
    }

    private static Map<String, Object> parameters(String owner, DefinitionName name, OptionalInt version) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("owner", owner);
        p.put("name", name.value());
        p.put("version", version.isPresent() ? (Object) (long) version.getAsInt() : null);
        return p;
    }

    @SuppressWarnings("unchecked")
    private static CohortDefinition definition(Map<String, Object> row) {
        return DefinitionRows.definition((Map<String, Object>) row.get("d"));
    }
}

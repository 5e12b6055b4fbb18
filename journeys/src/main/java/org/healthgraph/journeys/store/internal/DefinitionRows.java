package org.healthgraph.journeys.store.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.store.CohortDefinition;
import org.healthgraph.journeys.store.CohortDefinitionStore;
import org.healthgraph.journeys.store.DefinitionName;

import tools.jackson.databind.ObjectMapper;

/**
 * A saved cohort definition as a graph node: label {@code CohortDefinition}, key the JSON array
 * [owner, name, version] (unambiguous whatever characters a name holds), the owner indexed.
 */
public final class DefinitionRows {

    public static final Label DEFINITION = new Label("CohortDefinition", "key");
    public static final List<Label> LABELS = List.of(DEFINITION);
    public static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(DEFINITION, "owner"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private DefinitionRows() {
    }

    public static String key(String owner, DefinitionName name, int version) {
        return JSON.writeValueAsString(List.of(owner, name.value(), version));
    }

    /** The node's properties for version {@code version} of a definition. */
    public static Map<String, Object> row(String owner, DefinitionName name, int version, String description,
                                          CohortQuery query, Instant at) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key(owner, name, version));
        row.put("owner", owner);
        row.put("name", name.value());
        row.put("version", (long) version);
        row.put("description", CohortDefinitionStore.description(description));
        row.put("savedAt", at.toString());
        row.put("query", CohortQueries.toJson(query));
        return row;
    }

    /** A definition of a node's properties (as plain Java values). */
    public static CohortDefinition definition(Map<String, Object> p) {
        return new CohortDefinition(String.valueOf(p.get("owner")), new DefinitionName(String.valueOf(p.get("name"))),
                ((Number) p.get("version")).intValue(), p.get("description") == null ? "" : String.valueOf(p.get("description")),
                Instant.parse(String.valueOf(p.get("savedAt"))), String.valueOf(p.get("query")));
    }

    /** The last version of each name, by name, of an owner's definitions. */
    public static List<CohortDefinition> latest(List<CohortDefinition> all) {
        Map<String, CohortDefinition> byName = new TreeMap<>();
        for (CohortDefinition d : all) {
            byName.merge(d.name().value(), d, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return new ArrayList<>(byName.values());
    }

    public static final Comparator<CohortDefinition> BY_VERSION = Comparator.comparingInt(CohortDefinition::version);
}

package org.healthgraph.graph;

import java.util.Locale;

/**
 * The kind of database behind a {@link GraphStore}: the value of the setting
 * {@code healthgraph.graph.backend}.
 */
public enum GraphBackend {
    /** Neo4j, embedded or a server/cluster, through the Java driver over Bolt (Cypher). */
    NEO4J("neo4j"),
    /** Any Apache TinkerPop graph: an embedded TinkerGraph, or a Gremlin Server (JanusGraph, Neptune...) through gremlin-driver. */
    GREMLIN("gremlin");

    /** The setting that chooses the backend. */
    public static final String SETTING = "healthgraph.graph.backend";

    private final String settingValue;

    GraphBackend(String settingValue) {
        this.settingValue = settingValue;
    }

    /** The value of {@link #SETTING} that selects this backend. */
    public String settingValue() {
        return settingValue;
    }

    /** The backend a setting value names, in any case. */
    public static GraphBackend parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (GraphBackend b : values()) {
            if (b.settingValue.equals(v)) {
                return b;
            }
        }
        throw new IllegalArgumentException(SETTING + " must be neo4j or gremlin, got '" + value + "'");
    }
}

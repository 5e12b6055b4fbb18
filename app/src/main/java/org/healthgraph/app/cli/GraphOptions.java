package org.healthgraph.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** Options every command that opens the graph shares; each overrides a {@code healthgraph.*} property. */
public final class GraphOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the embedded database and search index (healthgraph.data-dir, default ./data).")
    Path dataDir;

    @Option(names = "--neo4j-uri", paramLabel = "URI",
            description = "Neo4j server to use instead of the embedded one (healthgraph.neo4j.uri), e.g. neo4j://host:7687.")
    String neo4jUri;

    @Option(names = "--setting", paramLabel = "NAME=VALUE",
            description = "Any setting of the README's Configuration table for this run, e.g. --setting"
                    + " healthgraph.catalog.cache.enabled=false (repeatable; ranks above application.properties and the"
                    + " environment).")
    Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Properties as command-line arguments ({@code --name=value}), which Spring ranks above
     * application.properties and the environment, as a command-line option should be.
     */
    static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** The Spring properties these options set. */
    public Map<String, Object> properties() {
        Map<String, Object> props = new LinkedHashMap<>();
        if (dataDir != null) {
            props.put("healthgraph.data-dir", dataDir.toString());
        }
        if (neo4jUri != null) {
            props.put("healthgraph.neo4j.uri", neo4jUri);
        }
        props.putAll(settings);
        return props;
    }
}

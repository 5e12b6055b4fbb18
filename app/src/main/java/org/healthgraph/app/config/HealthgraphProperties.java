package org.healthgraph.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.healthgraph.graph.GraphSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code healthgraph.*} settings.
 *
 * @param dataDir folder of the embedded database and the search index ({@code HEALTHGRAPH_DATA_DIR})
 * @param neo4j where the graph lives
 * @param demo whether this process is the demonstration (loads demo data, opens GraphiQL)
 */
@ConfigurationProperties("healthgraph")
public record HealthgraphProperties(@DefaultValue("data") Path dataDir, @DefaultValue Neo4j neo4j,
                                    @DefaultValue("false") boolean demo) {

    /**
     * @param uri external server ({@code bolt://}, {@code neo4j://}...); empty: embedded database
     * @param username user of the external server
     * @param password password of the external server; never logged
     * @param database database name; empty: the server's default
     * @param embedded settings of the embedded database
     */
    public record Neo4j(@DefaultValue("") String uri, @DefaultValue("neo4j") String username,
                        @DefaultValue("") String password, @DefaultValue("") String database,
                        @DefaultValue Embedded embedded) {
    }

    /** @param boltPort Bolt port on 127.0.0.1; 0 picks a free one */
    public record Embedded(@DefaultValue("0") int boltPort) {
    }

    /** The graph settings these properties describe. */
    public GraphSettings graphSettings() {
        Optional<URI> uri = neo4j.uri().isBlank() ? Optional.empty() : Optional.of(parse(neo4j.uri()));
        Optional<String> database = neo4j.database().isBlank() ? Optional.empty() : Optional.of(neo4j.database());
        return new GraphSettings(uri, neo4j.username(), neo4j.password(), database, dataDir,
                neo4j.embedded().boltPort(), GraphSettings.DEFAULT_BATCH_SIZE);
    }

    private static URI parse(String uri) {
        try {
            return URI.create(uri.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("healthgraph.neo4j.uri '" + uri + "' is not a valid URI", e);
        }
    }
}

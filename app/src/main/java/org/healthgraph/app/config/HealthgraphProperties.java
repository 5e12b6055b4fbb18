package org.healthgraph.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GremlinSettings;
import org.healthgraph.journeys.CohortWorkers;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Every {@code healthgraph.*} setting, typed and validated at start-up: a value of the wrong type or
 * out of range stops the server or the command with a message naming the setting, its value and the
 * rule. Each can be given in {@code application.properties}, as an environment variable (upper
 * case, '.' and '-' as '_': {@code HEALTHGRAPH_DATA_DIR}) or as {@code --name=value}. The README's
 * settings table is generated from these records ({@code healthgraph settings}) and a test keeps
 * the two equal.
 *
 * @param dataDir folder of the embedded database (neo4j/), the search index and the saved timeline index; --data-dir
 * @param graph which graph database
 * @param neo4j where the graph lives
 * @param gremlin where the graph lives with the Gremlin backend
 * @param catalog the catalog reader
 * @param search the catalog search
 * @param imports limits of the catalog importers
 * @param graphql the GraphQL API's limits
 * @param cohorts the cohort engine's workers and limits
 * @param freshness how a server notices imports made by other processes
 * @param security identities, roles and disclosure control
 * @param demo the demonstration
 * @param linkage record linkage runs kept in the graph and their clerical review
 */
@ConfigurationProperties("healthgraph")
@Validated
public record HealthgraphProperties(@DefaultValue("data") @NotNull Path dataDir,
                                    @DefaultValue @Valid Graph graph,
                                    @DefaultValue @Valid Neo4j neo4j,
                                    @DefaultValue @Valid Gremlin gremlin,
                                    @DefaultValue @Valid Catalog catalog,
                                    @DefaultValue @Valid Search search,
                                    @DefaultValue @Valid Imports imports,
                                    @DefaultValue @Valid Graphql graphql,
                                    @DefaultValue @Valid Cohorts cohorts,
                                    @DefaultValue @Valid Freshness freshness,
                                    @DefaultValue @Valid Security security,
                                    @DefaultValue @Valid Demo demo,
                                    @DefaultValue @Valid Linkage linkage) {

    /** The folder of the catalog's search index (Lucene), inside the data folder. */
    public Path searchIndexDir() {
        return dataDir.resolve("search");
    }

    /**
     * @param uri a Neo4j server or cluster (bolt://, neo4j://, +s variants); empty starts the embedded database; --neo4j-uri
     * @param username user for the server
     * @param password password for the server (never logged)
     * @param database database name; empty: the server's default
     * @param embedded the embedded database
     */
    public record Neo4j(@DefaultValue("") String uri, @DefaultValue("neo4j") String username,
                        @DefaultValue("") String password, @DefaultValue("") String database,
                        @DefaultValue @Valid Embedded embedded) {

        @Override
        public String toString() {
            return "Neo4j[uri=" + uri + ", username=" + username + ", password=(not shown), database=" + database
                    + ", embedded=" + embedded + "]";
        }
    }

    /** @param backend graph database: neo4j (embedded, or healthgraph.neo4j.uri) or gremlin (healthgraph.gremlin.*; docs/scale-out.md) */
    public record Graph(@DefaultValue("neo4j") @NotNull GraphBackend backend) {
    }

    /**
     * @param hosts Gremlin Server hosts (JanusGraph, Neptune, TinkerGraph), comma-separated; empty: an embedded TinkerGraph in this process
     * @param port the Gremlin Servers' port
     * @param traversalSource traversal source the server binds
     * @param username user for a Gremlin Server that authenticates; empty: none
     * @param password password for the Gremlin Server (never logged)
     * @param tls connect to the Gremlin Servers with TLS (wss://)
     * @param embedded the embedded TinkerGraph
     */
    public record Gremlin(@DefaultValue List<String> hosts, @DefaultValue("8182") @Min(1) @Max(65_535) int port,
                          @DefaultValue("g") @NotBlank String traversalSource, @DefaultValue("") String username,
                          @DefaultValue("") String password, @DefaultValue("false") boolean tls,
                          @DefaultValue @Valid GremlinEmbedded embedded) {

        @Override
        public String toString() {
            return "Gremlin[hosts=" + hosts + ", port=" + port + ", traversalSource=" + traversalSource + ", username="
                    + username + ", password=(not shown), tls=" + tls + ", embedded=" + embedded + "]";
        }
    }

    /** @param persist keep the embedded TinkerGraph in data-dir/tinkergraph/graph.json (saved at close, loaded at open); false: memory only */
    public record GremlinEmbedded(@DefaultValue("true") boolean persist) {
    }

    /** @param boltPort Bolt port of the embedded database, always on 127.0.0.1; 0: a free port */
    public record Embedded(@DefaultValue("0") @Min(0) @Max(65_535) int boltPort) {
    }

    /** @param cache what the catalog reader keeps in memory */
    public record Catalog(@DefaultValue @Valid CatalogCache cache) {
    }

    /**
     * @param enabled keep catalog reads in memory (dropped on every committed change)
     * @param maxAge oldest catalog read served from memory, for changes written by another process
     * @param maxEntries catalog reads kept at most, besides whole code lists
     * @param maxCodes codes of the code lists held whole in memory (about 1 KB each); lists beyond it are paged from the graph
     */
    public record CatalogCache(@DefaultValue("true") boolean enabled,
                               @DefaultValue("10m") @NotNull @DurationMin(seconds = 0) Duration maxAge,
                               @DefaultValue("20000") @Min(0) long maxEntries,
                               @DefaultValue("1000000") @Min(0) long maxCodes) {
    }

    /** @param resultCache searches whose results are kept */
    public record Search(@DefaultValue @Valid ResultCache resultCache) {
    }

    /** @param maxEntries searches whose results are kept in memory (0: none); dropped when the index changes */
    public record ResultCache(@DefaultValue("2000") @Min(0) long maxEntries) {
    }

    /**
     * @param maxTextLength longest description or comment imported, in characters; a longer one is left out and reported (documentation pages: the reader keeps at most 200,000 characters of a page)
     * @param maxLabelLength longest title, label or code column value imported, in characters; a longer one is left out and reported
     */
    public record Imports(@DefaultValue("100000") @Min(1000) @Max(10_000_000) int maxTextLength,
                          @DefaultValue("10000") @Min(100) @Max(1_000_000) int maxLabelLength) {
    }

    /**
     * @param maxDepth deepest query accepted
     * @param maxComplexity costliest query accepted (docs/graphql.md)
     * @param timeout longest request
     * @param maxResponseBytes largest response data, serialized, in bytes; a larger answer is replaced by an error asking for smaller pages
     * @param documentCache parsed queries kept
     */
    public record Graphql(@DefaultValue("12") @Min(2) int maxDepth,
                          @DefaultValue("100000") @Min(10) int maxComplexity,
                          @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration timeout,
                          @DefaultValue("8388608") @Min(1024) long maxResponseBytes,
                          @DefaultValue @Valid DocumentCache documentCache) {
    }

    /**
     * @param workers cohort evaluations run at once, on the cohort engine's own threads (0: one fewer than the processors, at least 1)
     * @param queue cohort evaluations waiting for a worker; beyond it a cohort is answered 503 with Retry-After at once
     * @param perCaller cohort evaluations one caller (its user or API token, else its IP address) may have running or waiting; beyond it 503 with Retry-After
     * @param maxPerRequest cohort evaluations one request may ask for (each cohort field and each Cohort.patients field is one)
     */
    public record Cohorts(@DefaultValue("0") @Min(0) @Max(1024) int workers,
                          @DefaultValue("16") @Min(0) @Max(100_000) int queue,
                          @DefaultValue("2") @Min(1) @Max(1024) int perCaller,
                          @DefaultValue("4") @Min(1) @Max(1000) int maxPerRequest) {

        /** The worker pool these settings describe. */
        public CohortWorkers pool() {
            int threads = workers == 0 ? CohortWorkers.defaults().threads() : workers;
            return new CohortWorkers(threads, queue, perCaller);
        }
    }

    /**
     * @param checkInterval how often a server compares the graph's import stamps with its indexes' and catches up with imports made by another process (also checked before each cohort and patient request, and the catalog stamp before each GraphQL request)
     * @param requestTolerance how old a catalog check may be when a GraphQL request arrives before the request checks again (0: every request reads the catalog stamp)
     */
    public record Freshness(@DefaultValue("2s") @NotNull @DurationMin(millis = 100) Duration checkInterval,
                            @DefaultValue("250ms") @NotNull @DurationMin(millis = 0) Duration requestTolerance) {
    }

    /**
     * @param maxDocuments parsed and validated queries kept in memory
     * @param maxQueryLength longest query text kept (longer ones are parsed every time)
     */
    public record DocumentCache(@DefaultValue("1000") @Min(0) long maxDocuments,
                                @DefaultValue("20000") @Min(0) int maxQueryLength) {
    }

    /**
     * @param patientDataTokenHashes SHA-256 hashes of API tokens that hold the role ANALYST with a grant of every project (access-token; docs/security.md, Identities); empty: none
     * @param suppressionFloor lowest suppressBelow a caller without patient-level access may ask for (the SNDS "secret statistique": 11)
     * @param disclosure how counts are released to callers without patient-level access: CELL_KEY (perturbed against differencing, docs/security.md) or EXACT
     * @param anonymous what a caller without a token may read: NONE (401, the default outside the demo) or READER (the catalog)
     * @param users local users, each "name:ROLE[+ROLE...]:{bcrypt}hash" (make one with password-hash); they log in at /auth/login and /auth/token
     * @param tokenTtl lifetime of the tokens this server issues to local users
     * @param rolesClaim the JWT claim holding the role names, a dotted path for nested claims (Keycloak: realm_access.roles)
     * @param grants projects whose patient-level data a user holding ANALYST may read, each "user:PROJECT[+PROJECT...]" or "user:*" for every project; added to those of the token's projects claim
     * @param projectsClaim the JWT claim holding the codes of the projects granted to the user (a list; "*" for every project), a dotted path for nested claims
     * @param oidc an external OpenID Connect identity provider (Keycloak, docs/security.md); when its jwk-set-uri is set, only its tokens are accepted
     */
    public record Security(@DefaultValue List<String> patientDataTokenHashes,
                           @DefaultValue("11") @Min(1) int suppressionFloor,
                           @DefaultValue("CELL_KEY") @NotNull DisclosureMode disclosure,
                           @DefaultValue("NONE") @NotNull AnonymousAccess anonymous,
                           @DefaultValue List<String> users,
                           @DefaultValue("8h") @NotNull @DurationMin(minutes = 1) Duration tokenTtl,
                           @DefaultValue("roles") @NotBlank String rolesClaim,
                           @DefaultValue List<String> grants,
                           @DefaultValue("projects") @NotBlank String projectsClaim,
                           @DefaultValue @Valid Oidc oidc) {
    }

    /** What a caller without a token may read. */
    public enum AnonymousAccess {
        /** Nothing but the web page's shell and the probes: every other request answers 401. */
        NONE,
        /** The catalog (the role READER). */
        READER
    }

    /**
     * @param jwkSetUri where the provider publishes its signing keys (Keycloak: .../realms/<realm>/protocol/openid-connect/certs); empty: local users only
     * @param issuer the "iss" every accepted token must carry (Keycloak: .../realms/<realm>)
     * @param audience an "aud" every accepted token must carry; empty: not checked
     * @param tokenUri the provider's token endpoint, to which the login page passes a user's name and password (password grant); empty: no login page with this provider
     * @param clientId the client the login page logs in as (a public client with direct access grants)
     * @param usernameClaim the claim that names a user in the audit trail (falls back to "sub")
     */
    public record Oidc(@DefaultValue("") String jwkSetUri, @DefaultValue("") String issuer,
                       @DefaultValue("") String audience, @DefaultValue("") String tokenUri,
                       @DefaultValue("healthgraph") String clientId,
                       @DefaultValue("preferred_username") String usernameClaim) {

        /** Whether an external provider is configured. */
        public boolean enabled() {
            return !jwkSetUri.isBlank();
        }
    }

    /** How counts are released to callers without patient-level access. */
    public enum DisclosureMode {
        /** Cell-key perturbation (ONS): small repeatable offsets against differencing attacks. */
        CELL_KEY,
        /** Exact counts, small ones suppressed only: open to differencing attacks. */
        EXACT
    }

    /**
     * @param enabled load the demonstration data at start (set by the demo command)
     * @param patients size of the demo's synthetic population
     * @param dictionary a Table Schema tree laid out as schema-snds for the demo's catalog (the demo command's --dictionary); empty: the small built-in dictionary
     * @param documentation a Markdown documentation folder laid out as Documentation-SNDS for the demo (the demo command's --documentation); empty: a few built-in pages
     */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("2000") @Min(0) @Max(1_000_000) int patients,
                       @DefaultValue("") @NotNull String dictionary, @DefaultValue("") @NotNull String documentation) {

        /** The dictionary folder to load, if one is set. */
        public Optional<Path> dictionaryDir() {
            return dictionary.isBlank() ? Optional.empty() : Optional.of(Path.of(dictionary));
        }

        /** The documentation folder to load, if one is set. */
        public Optional<Path> documentationDir() {
            return documentation.isBlank() ? Optional.empty() : Optional.of(Path.of(documentation));
        }
    }

    /**
     * @param reviewBand the uncertain band LOW..HIGH of decision probabilities whose pairs a run sends to clerical review
     */
    public record Linkage(@DefaultValue("0.2..0.9") @NotNull String reviewBand) {
        /** The band, checked. */
        public org.healthgraph.linkage.store.LinkRun.ReviewBand band() {
            return org.healthgraph.linkage.store.LinkRun.ReviewBand.parse(reviewBand);
        }
    }

    /** The graph settings these properties describe. */
    public GraphSettings graphSettings() {
        if (graph.backend() == GraphBackend.GREMLIN) {
            return GraphSettings.gremlin(new GremlinSettings(gremlin.hosts().stream().map(String::trim)
                    .filter(h -> !h.isEmpty()).toList(), gremlin.port(), gremlin.traversalSource().trim(), gremlin.username(),
                    gremlin.password(), gremlin.tls(), gremlin.embedded().persist()), dataDir);
        }
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

package org.healthgraph.journeys.store;

import java.time.Instant;
import java.util.Objects;

import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;

/**
 * One version of a saved cohort definition.
 *
 * @param owner the identity that saved it (the caller's actor, e.g. {@code user:chercheur})
 * @param name its name, unique per owner
 * @param version 1 for the first save under the name, then 2, 3, ...
 * @param description free text, possibly empty
 * @param savedAt when this version was saved
 * @param json the query as the format's JSON ({@link CohortQueries#toJson}), the text of an exported file
 */
public record CohortDefinition(String owner, DefinitionName name, int version, String description, Instant savedAt, String json) {

    public CohortDefinition {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(savedAt, "savedAt");
        Objects.requireNonNull(json, "json");
        description = description == null ? "" : description;
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got " + version);
        }
    }

    /** The saved query, read back by the one reader of the format. */
    public CohortQuery query() {
        return CohortQueries.parse(json);
    }
}

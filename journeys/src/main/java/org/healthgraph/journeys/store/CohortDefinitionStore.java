package org.healthgraph.journeys.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.JourneyException;

/**
 * Cohort definitions saved in the graph, named and versioned per owner: saving under a name the
 * owner already used adds the next version, and older versions stay readable. Every read is of one
 * owner's definitions only. One implementation per backend ({@link JourneyStores#definitionsOn}).
 */
public interface CohortDefinitionStore {

    /** Longest description, in characters. */
    int MAX_DESCRIPTION = 1_000;

    /** Creates the key constraint and the owner index; idempotent. */
    void ensureSchema();

    /**
     * Saves {@code query} (as the format's JSON) under {@code name} for {@code owner}: version 1 for
     * a new name, else the owner's last version of it plus one.
     */
    CohortDefinition save(String owner, DefinitionName name, String description, CohortQuery query, Instant at);

    /** The last version of each of the owner's definitions, by name. */
    List<CohortDefinition> latest(String owner);

    /** The versions the owner saved under the name, in increasing order; empty for an unknown name. */
    List<Integer> versions(String owner, DefinitionName name);

    /** One version (the last when {@code version} is empty) of the owner's definition. */
    Optional<CohortDefinition> find(String owner, DefinitionName name, OptionalInt version);

    /** As {@link #find}, failing with {@link ErrorKind#NOT_FOUND} naming the name and version when absent. */
    default CohortDefinition require(String owner, DefinitionName name, OptionalInt version) {
        return find(owner, name, version).orElseThrow(() -> new JourneyException(ErrorKind.NOT_FOUND,
                version.isPresent() ? "version: " + version.getAsInt() + " is not a version of your cohort definition '" + name
                        + "' (its versions: " + versions(owner, name) + ")"
                        : "name: you have no cohort definition named '" + name + "'"));
    }

    /** A description as stored: trimmed, at most {@value #MAX_DESCRIPTION} characters, else INVALID_INPUT. */
    static String description(String description) {
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_DESCRIPTION) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, "description: at most " + MAX_DESCRIPTION
                    + " characters, got " + d.length());
        }
        return d;
    }
}

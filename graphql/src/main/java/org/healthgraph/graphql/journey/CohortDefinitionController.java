package org.healthgraph.graphql.journey;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.store.CohortDefinition;
import org.healthgraph.journeys.store.CohortDefinitionStore;
import org.healthgraph.journeys.store.DefinitionName;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves saved cohort definitions: {@code Mutation.saveCohortDefinition}, {@code Query.cohortDefinitions}
 * and {@code Query.cohortDefinition}. The owner is always the caller: a researcher reads and
 * versions their own definitions only.
 */
@Controller
public final class CohortDefinitionController {

    /** Most definitions {@code Query.cohortDefinitions} lists (its schema says so). */
    private static final int MAX_DEFINITIONS = 1_000;

    /** A definition version as served. */
    public record DefinitionView(String name, int version, List<Integer> versions, String description, String savedAt, String json) {
        static DefinitionView of(CohortDefinition d, List<Integer> versions) {
            return new DefinitionView(d.name().value(), d.version(), versions, d.description(), d.savedAt().toString(), d.json());
        }
    }

    private final CohortDefinitionStore definitions;
    private final AuditTrail audit;
    private final Clock clock;

    public CohortDefinitionController(CohortDefinitionStore definitions, AuditTrail audit) {
        this.definitions = definitions;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    @MutationMapping
    public DefinitionView saveCohortDefinition(@Argument String name, @Argument String description,
                                               @Argument("query") Map<String, Object> query,
                                               @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        String owner = Caller.orUnknown(caller).actor();
        DefinitionName named = new DefinitionName(name);
        CohortQuery q = JourneyController.parse(query);
        CohortDefinition saved = definitions.save(owner, named, description, q, clock.instant());
        // the name is the researcher's own label, not patient-level data; the query is in COHORT_RUN records too
        audit.record(AuditEvent.allowed(owner, AuditAction.COHORT_DEFINITION_SAVED, "Mutation.saveCohortDefinition", 0,
                "cohort definition '" + saved.name() + "' version " + saved.version()));
        return DefinitionView.of(saved, definitions.versions(owner, named));
    }

    @QueryMapping
    public List<DefinitionView> cohortDefinitions(@ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        String owner = Caller.orUnknown(caller).actor();
        return definitions.latest(owner).stream().limit(MAX_DEFINITIONS)
                .map(d -> DefinitionView.of(d, definitions.versions(owner, d.name()))).toList();
    }

    @QueryMapping
    public DefinitionView cohortDefinition(@Argument String name, @Argument Integer version,
                                           @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        String owner = Caller.orUnknown(caller).actor();
        DefinitionName named = new DefinitionName(name);
        CohortDefinition d = definitions.require(owner, named, version == null ? OptionalInt.empty() : OptionalInt.of(version));
        return DefinitionView.of(d, definitions.versions(owner, named));
    }
}

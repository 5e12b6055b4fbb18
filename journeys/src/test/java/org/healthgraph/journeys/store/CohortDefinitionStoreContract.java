package org.healthgraph.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.HealthgraphException;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CohortDefinitionStore} must do, whatever the backend: versions per owner and
 * name, older versions readable, the query stored as the format's JSON, owners apart, clear errors.
 * The graph may be shared with other tests: every test uses owners of its own.
 */
public abstract class CohortDefinitionStoreContract {

    private static final Map<GraphStore, CohortDefinitionStore> STORES = new ConcurrentHashMap<>();
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static final String MI_STATIN = """
            {"version": 1,
             "index": {"event": {"types": ["HOSPITAL_STAY"], "codes": [{"system": "ICD10", "prefix": "I21"}], "roles": ["PRINCIPAL"]}},
             "rules": [{"label": "statine", "condition": {"event": {"types": ["DRUG_DISPENSING"], "codes": [{"system": "ATC", "prefix": "C10AA"}]},
                        "anchorSide": "END", "maxDays": 30}}]}""";
    private static final String ANY_STAY = """
            {"version": 1, "index": {"event": {"types": ["HOSPITAL_STAY"]}}}""";

    /** The graph store the definitions are written to (the one thing a backend's suite names). */
    protected abstract GraphStore graph();

    protected CohortDefinitionStore store() {
        return STORES.computeIfAbsent(graph(), g -> {
            CohortDefinitionStore store = JourneyStores.definitionsOn(g);
            store.ensureSchema();
            return store;
        });
    }

    private static String owner() {
        return "user:" + SharedNeo4j.uniqueKey("chercheur");
    }

    private static CohortQuery query(String json) {
        return CohortQueries.parse(json);
    }

    @Test
    void savingUnderAnExistingNameAddsTheNextVersionAndOlderVersionsStayReadable() {
        String owner = owner();
        DefinitionName name = new DefinitionName("IDM puis statine");

        CohortDefinition first = store().save(owner, name, "premier essai", query(ANY_STAY), T0);
        CohortDefinition second = store().save(owner, name, "avec la statine", query(MI_STATIN), T0.plusSeconds(60));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(store().versions(owner, name)).containsExactly(1, 2);
        assertThat(store().find(owner, name, OptionalInt.empty())).hasValueSatisfying(d -> {
            assertThat(d.version()).isEqualTo(2);
            assertThat(d.description()).isEqualTo("avec la statine");
            assertThat(d.savedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(d.query()).isEqualTo(query(MI_STATIN));
        });
        assertThat(store().find(owner, name, OptionalInt.of(1))).hasValueSatisfying(d -> {
            assertThat(d.description()).isEqualTo("premier essai");
            assertThat(d.query()).isEqualTo(query(ANY_STAY));
        });
    }

    @Test
    void theQueryIsStoredAsTheFormatsJsonSoThatASavedDefinitionAndAnExportAreOneText() {
        String owner = owner();

        CohortDefinition saved = store().save(owner, new DefinitionName("export"), "", query(MI_STATIN), T0);

        assertThat(saved.json()).isEqualTo(CohortQueries.toJson(query(MI_STATIN))).contains("\"version\" : 1");
        assertThat(store().find(owner, new DefinitionName("export"), OptionalInt.of(1)).orElseThrow().json()).isEqualTo(saved.json());
    }

    @Test
    void theListHoldsTheLastVersionOfEachNameOfTheOwnerOnlyByName() {
        String owner = owner();
        String other = owner();
        store().save(owner, new DefinitionName("b"), "", query(ANY_STAY), T0);
        store().save(owner, new DefinitionName("a"), "", query(ANY_STAY), T0);
        store().save(owner, new DefinitionName("b"), "", query(MI_STATIN), T0);
        store().save(other, new DefinitionName("a"), "", query(MI_STATIN), T0);

        assertThat(store().latest(owner)).extracting(d -> d.name() + " v" + d.version()).containsExactly("a v1", "b v2");
        assertThat(store().latest(other)).extracting(d -> d.name() + " v" + d.version()).containsExactly("a v1");
        assertThat(store().find(other, new DefinitionName("b"), OptionalInt.empty())).as("another owner's name").isEmpty();
        assertThat(store().latest(owner())).isEmpty();
    }

    @Test
    void aNameWithColonsOrQuotesIsItsOwnNameAndIsTrimmed() {
        String owner = owner();
        store().save(owner, new DefinitionName("  a:\"b\"  "), "", query(ANY_STAY), T0);
        store().save(owner, new DefinitionName("a"), "", query(ANY_STAY), T0);

        assertThat(store().versions(owner, new DefinitionName("a:\"b\""))).containsExactly(1);
        assertThat(store().versions(owner, new DefinitionName("a"))).containsExactly(1);
    }

    @Test
    void anUnknownVersionOrNameIsNotFoundAndABadNameOrDescriptionIsInvalidInput() {
        String owner = owner();
        DefinitionName name = new DefinitionName("cohorte");
        store().save(owner, name, "", query(ANY_STAY), T0);

        assertThatThrownBy(() -> store().require(owner, name, OptionalInt.of(7)))
                .isInstanceOfSatisfying(HealthgraphException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("version: 7 is not a version").hasMessageContaining("[1]");
        assertThatThrownBy(() -> store().require(owner, new DefinitionName("autre"), OptionalInt.empty()))
                .isInstanceOfSatisfying(HealthgraphException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("no cohort definition named 'autre'");
        assertThatThrownBy(() -> new DefinitionName("   "))
                .isInstanceOfSatisfying(HealthgraphException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("name: ");
        assertThatThrownBy(() -> new DefinitionName("x".repeat(101))).hasMessageContaining("got 101 characters");
        assertThatThrownBy(() -> store().save(owner, name, "d".repeat(1001), query(ANY_STAY), T0))
                .isInstanceOfSatisfying(HealthgraphException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("description: at most 1000");
        assertThat(store().versions(owner, name)).as("nothing saved by a refused save").containsExactly(1);
    }
}

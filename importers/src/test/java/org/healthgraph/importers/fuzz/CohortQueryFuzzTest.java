package org.healthgraph.importers.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.Condition;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.InclusionRule;
import org.healthgraph.journeys.IndexEvent;
import org.junit.jupiter.params.provider.MethodSource;

/** Cohort queries as JSON (the one format: the text of {@code healthgraph cohort --query}, the shape of the GraphQL input plus a version, and older shapes). */
class CohortQueryFuzzTest {

    private static final Scratch SCRATCH = new Scratch("cohort");

    static Stream<byte[]> seeds() {
        CohortQuery miStatin = CohortQuery.of(new IndexEvent(EventCriterion.of(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I21")
                        .withRoles(CodeRole.PRINCIPAL), IndexEvent.Occurrence.FIRST, 0, 0),
                List.of(new InclusionRule("statin within 30 days after discharge", Condition.after(
                        EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA"), Condition.INDEX,
                        Condition.Side.END, 0, 30))));
        CohortQuery all = CohortQuery.of(new IndexEvent(EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA"),
                IndexEvent.Occurrence.ALL, 0, 0), List.of());
        // the unversioned shape with pathway categories as a map, which the reader migrates
        String unversioned = """
                {"index": {"event": {"types": ["HOSPITAL_STAY"]}}, "pathways": {"categories": {
                  "statin": {"codes": [{"system": "ATC", "prefix": "C10"}]}, "death": {"types": ["DEATH"]}}, "depth": 3}}""";
        return Stream.concat(Stream.of(miStatin, all).map(CohortQueries::toJson), Stream.of(unversioned))
                .map(q -> q.getBytes(StandardCharsets.UTF_8));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyCohortQueryIsParsedOrRefusedClearly(byte[] input) {
        FuzzProperty.holds(input, bytes -> {
            java.nio.file.Path file = Scratch.write(SCRATCH.fresh(), "query.json", bytes);
            return () -> CohortQueries.read(file);
        });
    }
}

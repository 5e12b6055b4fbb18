package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The one cohort query format (docs/trajectories.md, Format): the GraphQL input's shape plus a
 * version; older shapes migrated with a warning or refused naming the field; messages of a refused
 * query name the field and the rule, and repeat at most 40 characters of the query (found by the
 * fuzzer, importers' CohortQueryFuzzTest: Jackson's message repeated an unknown field whole and
 * named the engine's classes).
 */
class CohortQueriesTest {

    private static final String MI = """
            "index": {"event": {"types": ["HOSPITAL_STAY"], "codes": [{"system": "ICD10", "prefix": "I21"}]}}""";

    @Test
    void anUnknownFieldIsNamedByItsFirstFortyCharactersItsPlaceAndTheAllowedOnes() {
        String field = "minAg" + "F".repeat(500) + "e";
        assertThatThrownBy(() -> CohortQueries.parse("{\"index\": {\"event\": {\"" + field + "\": 1}}}"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("index.event: unknown field 'minAg" + "F".repeat(35) + "... (506 characters)'; allowed: ")
                .hasMessageContainingAll("types", "codes", "roles", "minAge", "maxAge");
    }

    @Test
    void anUnknownTopLevelFieldListsTheVersionAmongTheAllowedOnes() {
        assertThatThrownBy(() -> CohortQueries.parse("{\"version\": 1, " + MI + ", \"threshold\": 5}"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("the top level: unknown field 'threshold'; allowed: version, ")
                .hasMessageContainingAll("index", "rules", "pathways", "suppressBelow", "project");
    }

    @Test
    void aBadTokenIsQuotedByItsStartOnlyAndNoClassIsNamed() {
        assertThatThrownBy(() -> CohortQueries.parse("{\"index\": " + "x".repeat(300) + "}"))
                .isInstanceOf(InvalidQueryException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("x".repeat(41)).doesNotContain("org.healthgraph")
                        .doesNotContain("tools.jackson").hasSizeLessThan(300));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsPlaceWithoutClassNames() {
        assertThatThrownBy(() -> CohortQueries.parse("{\"index\": {\"event\": {\"minAge\": \"old\"}}}"))
                .isInstanceOf(InvalidQueryException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("index.event.minAge: ").doesNotContain("org.healthgraph"));
    }

    @Test
    void numbersWrittenAsStringsOrFractionsAreRefusedAsTheGraphqlInputRefusesThem() {
        assertThatThrownBy(() -> CohortQueries.parse("{" + MI + ", \"suppressBelow\": \"5\"}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("suppressBelow: ");
        assertThatThrownBy(() -> CohortQueries.parse("{" + MI + ", \"suppressBelow\": 5.5}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("suppressBelow: ");
    }

    @Test
    void theCurrentFormatHasPathwayCategoriesAsAListAndReadsWithoutWarning() {
        CohortQueries.Read read = CohortQueries.read("{\"version\": 1, " + MI + ", \"pathways\": {\"categories\": ["
                + "{\"name\": \"statin\", \"event\": {\"codes\": [{\"system\": \"ATC\", \"prefix\": \"C10\"}]}},"
                + "{\"name\": \"death\", \"event\": {\"types\": [\"DEATH\"]}}], \"depth\": 3}}");

        assertThat(read.warnings()).isEmpty();
        assertThat(read.query().pathways().names()).containsExactly("death", "statin");
        assertThat(read.query().pathways().depth()).isEqualTo(3);
    }

    @Test
    void anUnversionedQueryWithCategoriesAsAMapIsMigratedWithAWarningNamingTheField() {
        CohortQueries.Read read = CohortQueries.read("{" + MI + ", \"pathways\": {\"categories\": {"
                + "\"statin\": {\"codes\": [{\"system\": \"ATC\", \"prefix\": \"C10\"}]}, \"death\": {\"types\": [\"DEATH\"]}}}}");

        assertThat(read.query().pathways().categories()).containsOnlyKeys("statin", "death");
        assertThat(read.warnings()).singleElement().asString().startsWith("pathways.categories: a map name -> event")
                .contains("version 1");
        assertThat(CohortQueries.parse(CohortQueries.toJson(read.query()))).isEqualTo(read.query());
    }

    @Test
    void aVersionedQueryWithCategoriesAsAMapIsRefusedNamingTheFieldAndTheRule() {
        assertThatThrownBy(() -> CohortQueries.read("{\"version\": 1, " + MI + ", \"pathways\": {\"categories\": {"
                + "\"death\": {\"types\": [\"DEATH\"]}}}}"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("pathways.categories: a list of categories").hasMessageContaining("found a map");
    }

    @Test
    void aVersionNewerThanTheReaderOrNotAWholeNumberIsRefused() {
        assertThatThrownBy(() -> CohortQueries.read("{\"version\": 2, " + MI + "}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("version: 2 is newer");
        assertThatThrownBy(() -> CohortQueries.read("{\"version\": \"1\", " + MI + "}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("version: the format version is a whole number");
    }

    @Test
    void twoCategoriesOfOneNameAreRefused() {
        assertThatThrownBy(() -> CohortQueries.read("{\"version\": 1, " + MI + ", \"pathways\": {\"categories\": ["
                + "{\"name\": \"d\", \"event\": {\"types\": [\"DEATH\"]}}, {\"name\": \"d\", \"event\": {}}]}}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("the name 'd' is used twice");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertThatThrownBy(() -> CohortQueries.read("{\"version\": 1}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("'index'");
        assertThatThrownBy(() -> CohortQueries.read("{\"index\": {}}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("index: an index needs an 'event'");
    }

    @Test
    void theWrittenFormIsVersionedWithCategoriesAsAListAndIsTheGraphqlInputsShape() {
        CohortQuery q = CohortQueries.fromMap(Map.of("index", Map.of("event", Map.of("types", List.of("DEATH"))),
                "pathways", Map.of("categories", List.of(Map.of("name", "statin",
                        "event", Map.of("codes", List.of(Map.of("system", "ATC", "prefix", "C10"))))))));

        String json = CohortQueries.toJson(q);

        assertThat(json).startsWith("{\n  \"version\" : 1,").contains("\"categories\" : [ {").contains("\"name\" : \"statin\"")
                .doesNotContain("null").doesNotContain("keyPrefix").doesNotContain("codeSystem");
        assertThat(CohortQueries.read(json).warnings()).isEmpty();
        assertThat(CohortQueries.parse(json)).isEqualTo(q);
    }

    @Test
    void theApiInputIsReadInTheCurrentShapeOnly() {
        assertThatThrownBy(() -> CohortQueries.fromMap(Map.of("index", Map.of("event", Map.of()),
                "pathways", Map.of("categories", Map.of("death", Map.of("types", List.of("DEATH")))))))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("pathways.categories: ");
    }

    @Test
    void aQueryWithRulesAndGroupsTravelsThroughItsWrittenForm() {
        String json = """
                {"version": 1, "index": {"event": {"types": ["DRUG_DISPENSING"]}, "washoutDays": 30},
                 "rules": [{"label": "second", "condition": {"name": "second", "event": {"types": ["DRUG_DISPENSING"]},
                            "minDays": 1, "maxDays": 180}},
                           {"label": "none before", "condition": {"group": "ALL", "conditions": [
                              {"event": {"types": ["DEATH"]}, "direction": "BEFORE", "count": "NONE"}]}}]}""";
        CohortQuery q = CohortQueries.parse(json);

        String written = CohortQueries.toJson(q);

        assertThat(written).doesNotContain("\"group\" : false").contains("\"group\" : \"ALL\"");
        assertThat(CohortQueries.parse(written)).isEqualTo(q);
    }
}

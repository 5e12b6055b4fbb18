package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Messages of a refused cohort query name the field and the rule, and repeat at most 40 characters of
 * the query (found by the fuzzer, importers' CohortQueryFuzzTest: Jackson's message repeated an unknown
 * field whole and named the engine's classes).
 */
class CohortQueriesTest {

    @Test
    void anUnknownFieldIsNamedByItsFirstFortyCharactersAndItsPlace() {
        String field = "minAg" + "F".repeat(500) + "e";
        assertThatThrownBy(() -> CohortQueries.parse("{\"index\": {\"event\": {\"" + field + "\": 1}}}"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("invalid cohort query: unknown field 'minAg" + "F".repeat(35) + "... (506 characters)' at index.event");
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
                .satisfies(e -> assertThat(e.getMessage()).contains("at index.event.minAge").doesNotContain("org.healthgraph"));
    }
}

package org.healthgraph.graphql.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of the cohort query format is generated from the GraphQL input and checked in
 * ({@code docs/cohort-query.schema.json}), so that a change of the input shows in review and the
 * published copy is never stale. After a deliberate change of the input, regenerate it with
 * {@code ./mvnw -pl graphql -am test -Dtest=CohortQuerySchemaTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dhealthgraph.schema.update=true}. The web page's examples (read from the ui source, not copied)
 * and the journeys writer's output are valid against it; older shapes and unknown fields are not.
 */
class CohortQuerySchemaTest {

    private static final Path CHECKED_IN = Path.of("..", "docs", "cohort-query.schema.json");
    private static final Path EXAMPLES = Path.of("..", "ui", "web", "src", "views", "cohort-examples.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Schema schema() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(InputJsonSchema.cohortQuery(), InputFormat.JSON);
    }

    @Test
    void theCheckedInSchemaIsTheOneGeneratedFromTheGraphqlInput() throws Exception {
        String generated = InputJsonSchema.cohortQuery();
        if (Boolean.getBoolean("healthgraph.schema.update")) {
            Files.writeString(CHECKED_IN, generated, StandardCharsets.UTF_8);
        }
        assertThat(CHECKED_IN).as("docs/cohort-query.schema.json (see this test's Javadoc to update it)").exists();
        assertThat(generated).as("the cohort query schema differs from docs/cohort-query.schema.json; regenerate it"
                + " (see this test's Javadoc)").isEqualTo(Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
    }

    @Test
    void theSchemaFollowsTheGraphqlInputsFieldsRequiredFieldsListsAndEnums() {
        JsonNode schema = JSON.readTree(InputJsonSchema.cohortQuery());

        assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("properties").propertyNames()).containsExactly("version", "index", "rules", "pathways",
                "suppressBelow", "project");
        assertThat(schema.path("required").toString()).isEqualTo("[\"index\"]");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        JsonNode categories = schema.path("$defs").path("PathwaySpecInput").path("properties").path("categories");
        assertThat(categories.path("type").asString()).isEqualTo("array");
        assertThat(categories.path("items").path("$ref").asString()).isEqualTo("#/$defs/PathwayCategoryInput");
        assertThat(schema.path("$defs").path("CareEventType").path("enum").toString()).contains("\"HOSPITAL_STAY\"", "\"DEATH\"");
        assertThat(schema.path("$defs").path("ConditionInput").path("properties").path("conditions").toString())
                .as("a recursive input refers to itself").contains("#/$defs/ConditionInput");
        assertThat(schema.path("$defs").path("CodePatternInput").path("description").asString())
                .isEqualTo("Codes of a system starting with a prefix.");
    }

    @Test
    void theWebPagesExamplesAreValid() throws Exception {
        JsonNode examples = JSON.readTree(Files.readString(EXAMPLES));
        assertThat(examples.size()).isGreaterThanOrEqualTo(2);
        for (JsonNode example : examples) {
            List<Error> errors = schema().validate(example.path("query"));
            assertThat(errors).as("example %s", example.path("id").asString()).isEmpty();
            assertThat(CohortQueries.read(example.path("query").toString()).warnings()).isEmpty();
        }
    }

    @Test
    void whatTheJourneysWriterWritesIsValid() throws Exception {
        for (JsonNode example : JSON.readTree(Files.readString(EXAMPLES))) {
            CohortQuery query = CohortQueries.parse(example.path("query").toString());
            assertThat(schema().validate(CohortQueries.toJson(query), InputFormat.JSON)).as("%s", example.path("id")).isEmpty();
        }
    }

    @Test
    void categoriesAsAMapAnUnknownFieldAVersionTwoAndAStringForANumberAreInvalid() throws Exception {
        ObjectNode query = (ObjectNode) JSON.readTree(Files.readString(EXAMPLES)).get(0).path("query");
        ObjectNode map = query.deepCopy();
        ((ObjectNode) map.path("pathways")).putObject("categories").putObject("death").putArray("types").add("DEATH");
        ObjectNode unknown = query.deepCopy();
        ((ObjectNode) unknown.path("index")).put("washout", 30);
        ObjectNode v2 = query.deepCopy().put("version", 2);
        ObjectNode text = query.deepCopy().put("suppressBelow", "11");

        assertThat(schema().validate(map)).isNotEmpty();
        assertThat(schema().validate(unknown)).isNotEmpty();
        assertThat(schema().validate(v2)).isNotEmpty();
        assertThat(schema().validate(text)).isNotEmpty();
        assertThat(schema().validate(query)).isEmpty();
    }
}

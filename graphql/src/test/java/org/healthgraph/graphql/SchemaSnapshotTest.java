package org.healthgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The schema as served is checked in ({@code graphql/schema.printed.graphqls}), so that every change
 * to the API shows in review. After a deliberate change, regenerate the file with
 * {@code ./mvnw -pl graphql test -Dtest=SchemaSnapshotTest -Dhealthgraph.schema.update=true} and note
 * breaking changes in docs/graphql.md.
 */
class SchemaSnapshotTest {

    private static final Path SNAPSHOT = Path.of("schema.printed.graphqls");

    @Test
    void theServedSchemaIsTheCheckedInOne() throws Exception {
        String printed = ApiSchema.print(ApiSchema.load());
        if (Boolean.getBoolean("healthgraph.schema.update")) {
            Files.writeString(SNAPSHOT, printed, StandardCharsets.UTF_8);
        }

        assertThat(SNAPSHOT).as("graphql/schema.printed.graphqls (see this test's Javadoc to update it)").exists();
        assertThat(printed).as("the schema differs from graphql/schema.printed.graphqls; regenerate it (see Javadoc)"
                + " and call out breaking changes in docs/graphql.md")
                .isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }
}

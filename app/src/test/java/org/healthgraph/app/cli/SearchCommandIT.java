package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.healthgraph.app.HealthgraphApplication;
import org.healthgraph.app.testing.CliRun;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code healthgraph search} reads the data folder's search index without starting the graph: it
 * answers while the application holds the folder (the graph's store is then locked), and a folder
 * without an index is named, with nothing created.
 */
class SearchCommandIT {

    @Test
    void searchAnswersFromTheIndexOfAFolderTheRunningApplicationHolds(@TempDir Path dir) {
        try (ConfigurableApplicationContext running = new SpringApplicationBuilder(HealthgraphApplication.class)
                .web(WebApplicationType.NONE).run("--healthgraph.data-dir=" + dir)) {
            running.getBean(CatalogWriter.class).write(CatalogUnit.of("sejours.json")
                    .withDatasets(List.of(Dataset.named("PMSI")))
                    .withTables(List.of(new Table(TableName.of("T_SEJOURS_TEST"), "Séjours hospitaliers de médecine",
                            "PMSI", "", "", new History("2020", "", List.of()), List.of()))));
            // Catalog changes reach the index in batches, within a second; the test does not wait for the timer.
            running.getBean(org.healthgraph.catalog.search.BatchedIndexing.class).flush();

            CliRun found = InProcessCli.run("search", "séjours hospitaliers", "--data-dir", dir.toString());

            assertThat(found.exit()).as(found.err()).isZero();
            assertThat(found.out()).contains("T_SEJOURS_TEST").contains("Séjours hospitaliers de médecine");
            assertThat(running.isActive()).isTrue();
        }
    }

    @Test
    void aFolderWithoutASearchIndexIsNamedAndNothingIsCreated(@TempDir Path dir) {
        Path missing = dir.resolve("pas-de-donnees");

        CliRun run = InProcessCli.run("search", "infarctus", "--data-dir", missing.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("no search index in " + missing.resolve("search")).contains("--data-dir")
                .doesNotContain("\tat ");
        assertThat(Files.exists(missing)).as("a read-only command creates no folder").isFalse();
    }
}

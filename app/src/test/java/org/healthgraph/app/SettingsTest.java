package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.healthgraph.app.config.SettingsTable;
import org.healthgraph.app.testing.CliRun;
import org.junit.jupiter.api.Test;

/** The typed settings: their documentation is generated from them, and a bad value names the setting. */
class SettingsTest {

    private static final String BEGIN = "<!-- settings:begin -->\n";
    private static final String END = "<!-- settings:end -->";

    @Test
    void theReadmeSettingsTableIsTheOneGeneratedFromTheTypedSettings() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int from = readme.indexOf(BEGIN);
        int to = readme.indexOf(END);
        assertThat(from).as("README.md holds the settings markers").isNotNegative();

        assertThat(readme.substring(from + BEGIN.length(), to))
                .as("README.md's settings table; regenerate it with ./healthgraph settings").isEqualTo(SettingsTable.markdown());
    }

    @Test
    void everySettingHasADescriptionAndAnEnvironmentVariable() {
        assertThat(SettingsTable.settings()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.description()).as(s.property()).isNotBlank();
            assertThat(s.environment()).matches("HEALTHGRAPH_[A-Z0-9_]+");
        });
        assertThat(SettingsTable.settings()).extracting(SettingsTable.Setting::property)
                .contains("healthgraph.data-dir", "healthgraph.graphql.max-depth", "healthgraph.catalog.cache.max-codes");
    }

    @Test
    void theSettingsCommandPrintsTheTable() {
        CliRun run = CliRun.of("settings");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(SettingsTable.markdown());
    }

    @Test
    void aSettingOfTheWrongTypeStopsTheCommandNamingTheSettingAndTheValue(@org.junit.jupiter.api.io.TempDir Path dir) {
        CliRun run = CliRun.of("search", "date", "--data-dir", dir.toString(), "--setting", "healthgraph.graphql.max-depth=deep");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("healthgraph.graphql.max-depth").contains("deep").doesNotContain("\tat ");
    }

    @Test
    void aSettingOutOfRangeStopsTheCommandNamingTheSettingAndTheRule(@org.junit.jupiter.api.io.TempDir Path dir) {
        CliRun run = CliRun.of("search", "date", "--data-dir", dir.toString(), "--setting", "healthgraph.graphql.max-depth=1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("healthgraph.graphql.max-depth").contains("greater than or equal to 2")
                .doesNotContain("\tat ");
    }
}

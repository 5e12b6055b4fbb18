package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.healthgraph.app.testing.CliRun;
import org.healthgraph.importers.documentation.DemoDocumentation;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import documentation} on the demo's pages with faulty ones beside them, and on the SNDS documentation. */
class ImportDocumentationCommandIT {

    @BeforeAll
    static void everyGraphqlSchemaRoot() {
        // The test classpath holds a test-only schema file that would shadow the graphql module's files.
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
    }

    @AfterAll
    static void back() {
        System.clearProperty("spring.graphql.schema.locations");
    }

    @Test
    void importsSoundPagesReportsEachProblemWithFileAndLineThenWritesNothingTwiceAndOnlyTheChangedPage(@TempDir Path dir)
            throws IOException {
        Path data = dir.resolve("data");
        Path docs = DemoDocumentation.extractTo(dir.resolve("docs"));
        Files.writeString(docs.resolve("fiches/cassee.md"), """
                ---
                tags:
                    - Essai
                # Une page dont l'en-tête n'est jamais fermé

                La table `T_INCONNUE_R` n'existe pas ; voir la [page absente](absente.md).
                """);
        byte[] latin1 = "# Page en Latin-1\n\nLe s\u00e9jour est d\u00e9crit par `SEJ_HOS_C`.\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(docs.resolve("fiches/latin1.md"), latin1);
        Files.writeString(docs.resolve("fiches/tres-grande.md"), "# Une très grande page\n\n`PAT_IDT_R` est cité.\n\n"
                + "Une phrase de remplissage qui se répète sans fin.\n\n".repeat(5 * 1024 * 1024 / 50));

        CliRun dictionary = InProcessCli.run("import", "table-schema", DemoDictionary.extractTo(dir.resolve("dict")).toString(),
                "--data-dir", data.toString(), "--no-progress");
        assertThat(dictionary.exit()).as(dictionary.err()).isZero();
        int pages = DemoDocumentation.files().size() + 3;

        CliRun first = run(docs, data);
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("Files read: " + pages + ", imported: " + pages + " (unchanged: 0), failed: 0")
                .contains("Mentions and links that resolve to nothing:")
                .contains("fiches/cassee.md (line 6): 'T_INCONNUE_R' names no table")
                .contains("fiches/cassee.md (line 6): link to 'fiches/absente'")
                .contains("Documentation held: " + pages + " pages")
                .containsPattern("\\d+ mentions");
        assertThat(first.err()).contains("fiches/cassee.md (line 1): front matter opened by '---'")
                .contains("fiches/latin1.md (line 3): bytes that are not UTF-8")
                .contains("fiches/tres-grande.md");
        assertThat(first.out() + first.err()).doesNotContain("remplissage");
        // The pages reached the search index before the command ended, the glossary's expansion with them.
        CliRun search = InProcessCli.run("search", "Chirurgie", "Obstétrique", "--kind", "DOCUMENT", "--data-dir", data.toString());
        assertThat(search.out()).as(search.err()).contains("glossaire/MCO");

        CliRun again = run(docs, data);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("imported: " + pages + " (unchanged: " + pages + ")");

        Files.writeString(docs.resolve("glossaire/MCO.md"), "# MCO - Médecine, Chirurgie, Obstétrique\n\nLe court séjour.\n");
        Files.delete(docs.resolve("fiches/latin1.md"));
        CliRun changed = run(docs, data);
        assertThat(changed.exit()).isZero();
        assertThat(changed.out()).contains("imported: " + (pages - 1) + " (unchanged: " + (pages - 2) + ")")
                .contains("Documentation held: " + (pages - 1) + " pages");
    }

    @Test
    void importsTheWholeSndsDocumentationAndAnUnchangedReRunWritesNothing(@TempDir Path dir) {
        Optional<Path> snds = sndsDocumentation();
        org.junit.jupiter.api.Assumptions.assumeTrue(snds.isPresent(), "shared/documentation-snds is not beside the project");
        Path data = dir.resolve("data");
        CliRun run = run(snds.get(), data);
        assertThat(run.out()).as(run.err()).contains("failed: 0").contains("Mentions and links that resolve to nothing");
        // Its time is the benchmark's to measure (bench/run-docs.sh), not a test's: tests check behaviour.
        assertThat(run.out()).containsPattern("Time: \\d+ ms");
        CliRun again = run(snds.get(), data);
        assertThat(again.out()).containsPattern("imported: (\\d+) \\(unchanged: \\1\\)");
    }

    @Test
    void atomicImportsEveryPageOrNoneAndSearchesFindThePagesItWrote(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path docs = DemoDocumentation.extractTo(dir.resolve("docs"));
        Files.writeString(docs.resolve("fiches/titre-long.md"), "# " + "Un titre bien trop long ".repeat(10) + "\n\nTexte.\n");
        CliRun dictionary = InProcessCli.run("import", "table-schema", DemoDictionary.extractTo(dir.resolve("dict")).toString(),
                "--data-dir", data.toString(), "--no-progress");
        assertThat(dictionary.exit()).as(dictionary.err()).isZero();
        String limit = "healthgraph.imports.max-label-length=200";

        CliRun refused = InProcessCli.run("import", "documentation", docs.toString(), "--atomic", "--data-dir",
                data.toString(), "--no-progress", "--setting", limit);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("fiches/titre-long.md").contains("--atomic: nothing imported, because a page failed");
        assertThat(refused.out()).contains("Documentation held: 0 pages");

        Files.delete(docs.resolve("fiches/titre-long.md"));
        int pages = DemoDocumentation.files().size();
        CliRun imported = InProcessCli.run("import", "documentation", docs.toString(), "--atomic", "--data-dir",
                data.toString(), "--no-progress", "--setting", limit);
        assertThat(imported.exit()).as(imported.out() + imported.err()).isZero();
        assertThat(imported.out()).contains("imported: " + pages + " (unchanged: 0), failed: 0")
                .contains("Documentation held: " + pages + " pages");
        CliRun search = InProcessCli.run("search", "Chirurgie", "Obstétrique", "--kind", "DOCUMENT", "--data-dir", data.toString());
        assertThat(search.out()).as(search.err()).contains("glossaire/MCO");
    }

    private static CliRun run(Path docs, Path data) {
        return InProcessCli.run("import", "documentation", docs.toString(), "--data-dir", data.toString(), "--no-progress");
    }

    /** The SNDS documentation beside the project, if it is there. */
    static Optional<Path> sndsDocumentation() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("documentation-snds");
            if (Files.isDirectory(candidate.resolve("glossaire"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

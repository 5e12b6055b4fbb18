package org.healthgraph.importers.fuzz;

import java.nio.file.Path;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.junit.jupiter.params.provider.MethodSource;

/** Code-list CSV files beside a valid descriptor, imported into an in-memory graph; the input is the CSV file. */
class CodeListFuzzTest {

    private static final Scratch SCRATCH = new Scratch("code-list");
    private static final byte[] DESCRIPTOR = Seeds.utf8("""
            {"name": "FZ_L", "title": "Liste", "fields": [{"name": "COD", "type": "string", "role": "code"},
             {"name": "LIB", "type": "string", "role": "label"}], "primaryKey": ["COD"]}
            """);

    static Stream<byte[]> seeds() {
        return Stream.concat(Stream.of(Seeds.utf8("COD;LIB\n1;Masculin\n2;Féminin\n9;Inconnu\n"),
                        Seeds.utf8("COD,LIB\n\"A1\",\"Un, deux\"\n\"B2\",\"Trois \"\"quatre\"\"\"\n")),
                Seeds.fromSchemaSnds("nomenclatures", ".csv", 4).stream());
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyCodeListFileIsImportedOrReportedClearly(byte[] input) {
        Path dir = SCRATCH.fresh();
        Scratch.write(dir, "nomenclatures/FZ/FZ_L.json", DESCRIPTOR);
        Scratch.write(dir, "nomenclatures/FZ/FZ_L.csv", input);
        FuzzProperty.holds(input, () -> new TableSchemaImporter(CatalogOnTinkerGraph.CATALOG, CatalogOnTinkerGraph.WRITER)
                .importTree(dir, ImportProgress.NONE)).ifPresent(r -> CatalogOnTinkerGraph.reportIsClean(r, input));
    }
}

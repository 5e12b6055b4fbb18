package org.healthgraph.importers.fuzz;

import java.nio.file.Path;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table Schema JSON, imported into an in-memory graph: the first byte chooses the file (even: a
 * table's schema, odd: a code list's descriptor, with a code file of three lines), the rest is its text.
 */
class TableSchemaFuzzTest {

    private static final Scratch SCRATCH = new Scratch("table-schema");
    private static final byte[] CODES = Seeds.utf8("COD;LIB\n1;Masculin\n2;Féminin\n");

    static Stream<byte[]> seeds() {
        Stream<byte[]> written = Stream.of(
                Seeds.prefixed(0, Seeds.utf8("""
                        {"name": "FZ_T", "title": "Table", "produit": "PROD_FZ",
                         "history": {"dateCreated": "2010", "dateDeleted": "", "dateMissing": ["2015"]},
                         "foreignKeys": [{"fields": ["ID"], "reference": {"resource": "FZ_T", "fields": ["ID"]}}],
                         "fields": [
                          {"name": "ID", "description": "Identifiant", "type": "string", "nomenclature": "-", "length": "17"},
                          {"name": "RNG", "description": "Rang", "type": "integer", "nomenclature": "-"},
                          {"name": "SEX", "description": "Sexe", "type": "string", "nomenclature": "FZ_SEX:COD"}
                         ]}
                        """)),
                Seeds.prefixed(1, Seeds.utf8("""
                        {"name": "FZ_SEX", "title": "Sexe", "fields": [{"name": "COD", "type": "string", "role": "code"},
                         {"name": "LIB", "type": "string", "role": "label"}], "primaryKey": ["COD"]}
                        """)));
        Stream<byte[]> real = Stream.concat(
                Seeds.fromSchemaSnds("schemas", ".json", 3).stream().map(b -> Seeds.prefixed(0, b)),
                Seeds.fromSchemaSnds("nomenclatures", ".json", 3).stream().map(b -> Seeds.prefixed(1, b)));
        return Stream.concat(written, real);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyTableSchemaFileIsImportedOrReportedClearly(byte[] input) {
        Path dir = SCRATCH.fresh();
        byte[] body = Seeds.body(input);
        if (Seeds.choice(input) % 2 == 0) {
            Scratch.write(dir, "schemas/PROD_FZ/FZ_T.json", body);
        } else {
            Scratch.write(dir, "nomenclatures/FZ/FZ_SEX.json", body);
            Scratch.write(dir, "nomenclatures/FZ/FZ_SEX.csv", CODES);
        }
        FuzzProperty.holds(body, () -> new TableSchemaImporter(CatalogOnTinkerGraph.CATALOG, CatalogOnTinkerGraph.WRITER)
                .importTree(dir, ImportProgress.NONE)).ifPresent(r -> CatalogOnTinkerGraph.reportIsClean(r, body));
    }
}

package org.healthgraph.importers.fuzz;

import java.nio.file.Path;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.importers.csvdictionary.CsvDictionaryImporter;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV data dictionaries, imported into an in-memory graph; the input is the file. */
class CsvDictionaryFuzzTest {

    private static final Scratch SCRATCH = new Scratch("csv-dictionary");

    static Stream<byte[]> seeds() {
        return Stream.of(
                Seeds.utf8("""
                        dataset;table;variable;description;type;code list
                        FZ;FZ_T;ID;Identifiant;string;
                        FZ;FZ_T;SEX;Sexe;string;FZ_SEX
                        FZ;FZ_U;DATE;"Date, de soins";date;
                        """),
                Seeds.utf8("produit,table,nom,libelle,type,nomenclature\nP,T1,A,Un,integer,\nP,T1,B,Deux,string,\n"));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyCsvDictionaryIsImportedOrReportedClearly(byte[] input) {
        Path file = Scratch.write(SCRATCH.fresh(), "dictionary.csv", input);
        FuzzProperty.holds(input, () -> new CsvDictionaryImporter(CatalogOnTinkerGraph.CATALOG, CatalogOnTinkerGraph.WRITER)
                .importFile(file, ImportProgress.NONE)).ifPresent(r -> CatalogOnTinkerGraph.reportIsClean(r, input));
    }
}

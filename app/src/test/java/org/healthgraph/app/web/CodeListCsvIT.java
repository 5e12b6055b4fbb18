package org.healthgraph.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.ColumnRole;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.Test;

/** A whole code list written as CSV from the catalog in the embedded Neo4j, across several pages of codes. */
class CodeListCsvIT {

    /** More than two of CodeListCsv's pages of 1,000 codes. */
    private static final int CODES = 2_345;

    @Test
    void writesEveryCodeOfAListLargerThanAPageWithItsColumnsInFileOrderAndQuotesWhatNeedsIt() throws IOException {
        CatalogWriter writer = Catalogs.writer(SharedNeo4j.store());
        writer.ensureSchema();
        Catalog catalog = Catalogs.reader(SharedNeo4j.store());
        NomenclatureName name = NomenclatureName.of(SharedNeo4j.uniqueKey("CSV"));
        List<NomenclatureColumn> columns = List.of(new NomenclatureColumn("CIM_COD", "string", ColumnRole.CODE),
                new NomenclatureColumn("CIM_LIB", "string", ColumnRole.LABEL), new NomenclatureColumn("CIM_CHAP", "string", ColumnRole.OTHER));
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < CODES; i++) {
            String code = String.format("C%05d", i);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("CIM_COD", code);
            row.put("CIM_LIB", i == 7 ? "Infarctus; \"aigu\" du myocarde" : "Libellé " + i);
            row.put("CIM_CHAP", i % 2 == 0 ? "IX" : "");
            codes.add(new Code(new CodeRef(name, code), row.get("CIM_LIB"), row));
        }
        writer.write(CatalogUnit.of("test").withNomenclatures(List.of(new Nomenclature(name, "Test", "TEST", columns, List.of("CIM_COD"))))
                .withCodes(codes));
        CodeListCsv csv = new CodeListCsv(catalog);
        StringWriter out = new StringWriter();

        long written = csv.write(csv.find(name).orElseThrow(), out);

        List<CSVRecord> records = CodeListCsv.FORMAT.parse(new StringReader(out.toString())).getRecords();
        assertThat(written).isEqualTo(CODES);
        assertThat(records).hasSize(CODES + 1);
        assertThat(records.get(0).toList()).containsExactly("CIM_COD", "CIM_LIB", "CIM_CHAP");
        assertThat(records.get(1).toList()).containsExactly("C00000", "Libellé 0", "IX");
        assertThat(records.get(8).toList()).containsExactly("C00007", "Infarctus; \"aigu\" du myocarde", "");
        assertThat(records.get(CODES).get(0)).isEqualTo(String.format("C%05d", CODES - 1));
        assertThat(out.toString()).startsWith("CIM_COD;CIM_LIB;CIM_CHAP\nC00000;Libellé 0;IX\n")
                .contains("C00007;\"Infarctus; \"\"aigu\"\" du myocarde\";\n");
    }

    @Test
    void findsNoListThatTheCatalogDoesNotHave() {
        CodeListCsv csv = new CodeListCsv(Catalogs.reader(SharedNeo4j.store()));

        assertThat(csv.find(NomenclatureName.of(SharedNeo4j.uniqueKey("ABSENT")))).isEmpty();
    }
}

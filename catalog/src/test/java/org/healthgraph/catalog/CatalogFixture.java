package org.healthgraph.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.testing.SharedNeo4j;

/** Three tables A -> B -> C joined by foreign keys, a code list and a coded variable; names unique to the test. */
public record CatalogFixture(String dataset, TableName a, TableName b, TableName c, NomenclatureName list) {
    public static CatalogFixture create() {
        String p = SharedNeo4j.uniqueKey("T");
        return new CatalogFixture("DS " + p, TableName.of(p + "_A"), TableName.of(p + "_B"), TableName.of(p + "_C"),
                NomenclatureName.of(p + "_NOM"));
    }

    public List<CatalogUnit> units(String description) {
        Nomenclature nom = new Nomenclature(list, "Sexe", "TEST", List.of(
                new NomenclatureColumn("COD", "string", ColumnRole.CODE),
                new NomenclatureColumn("LIB", "string", ColumnRole.LABEL)), List.of("COD"));
        // The last code has a column the others lack, as rows of a real code list may: caches must keep it.
        List<Code> codes = List.of(code("1", "Masculin"), code("2", "Féminin"),
                new Code(new CodeRef(list, "9"), "Inconnu", Map.of("COD", "9", "LIB", "Inconnu", "DTF", "2020-12-31")));
        CatalogUnit codeUnit = CatalogUnit.of(list + ".json").withNomenclatures(List.of(nom)).withCodes(codes);
        CatalogUnit tables = CatalogUnit.of(dataset + ".json").withDatasets(List.of(Dataset.named(dataset)))
                .withTables(List.of(table(a), table(b), table(c)))
                .withVariables(List.of(
                        Variable.simple(new VariableRef(a, "ID"), 0, description, "string", Optional.empty()),
                        Variable.simple(new VariableRef(a, "SEX"), 1, "Sexe", "string",
                                CodedBy.parse(list.value())),
                        Variable.simple(new VariableRef(b, "ID"), 0, "Identifiant", "string", Optional.empty()),
                        Variable.simple(new VariableRef(b, "K"), 1, "Clé", "string", Optional.empty()),
                        Variable.simple(new VariableRef(c, "K2"), 0, "Clé", "string", Optional.empty())));
        CatalogUnit joins = CatalogUnit.of(dataset + "#joins").withJoins(List.of(
                new Join(a, b, List.of(new KeyPair("ID", "ID"))),
                new Join(c, b, List.of(new KeyPair("K2", "K")))));
        return List.of(codeUnit, tables, joins);
    }

    private Code code(String code, String label) {
        return new Code(new CodeRef(list, code), label, Map.of("COD", code, "LIB", label));
    }

    private Table table(TableName name) {
        return new Table(name, "Table " + name, dataset, "", "", History.NONE, List.of());
    }
}

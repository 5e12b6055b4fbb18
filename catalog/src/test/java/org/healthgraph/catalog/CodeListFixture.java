package org.healthgraph.catalog;

import java.util.List;
import java.util.Map;

import org.healthgraph.graph.testing.SharedNeo4j;

/**
 * A code list shaped like ICD-10 and ATC together (prefix hierarchies of fixed levels, French labels
 * with accents, look-alike codes of other letters), named uniquely for the test.
 */
public record CodeListFixture(NomenclatureName list) {

    /** The codes in code order, with their labels. */
    static final List<List<String>> CODES = List.of(
            List.of("A21", "Tularémie"),
            List.of("B21", "Maladie due au VIH"),
            List.of("C10", "HYPOLIPÉMIANTS"),
            List.of("C10A", "Hypolipémiants seuls"),
            List.of("C10AA", "Inhibiteurs de la HMG CoA réductase (statines)"),
            List.of("C10AA01", "Simvastatine"),
            List.of("C10AA05", "Atorvastatine"),
            List.of("C10AB", "Fibrates"),
            List.of("C21", "Tumeur maligne de l'anus"),
            List.of("I21", "Infarctus aigu du myocarde"),
            List.of("I210", "Infarctus transmural aigu de la paroi antérieure"),
            List.of("I211", "Infarctus transmural aigu de la paroi inférieure"),
            List.of("I219", "Infarctus aigu du myocarde, sans précision"),
            List.of("I22", "Infarctus du myocarde à répétition"),
            List.of("I50", "Insuffisance cardiaque"));

    public static CodeListFixture create() {
        return new CodeListFixture(NomenclatureName.of(SharedNeo4j.uniqueKey("T") + "_CIM"));
    }

    public CatalogUnit unit() {
        Nomenclature nom = new Nomenclature(list, "Codes", "TEST", List.of(
                new NomenclatureColumn("COD", "string", ColumnRole.CODE),
                new NomenclatureColumn("LIB", "string", ColumnRole.LABEL)), List.of("COD"));
        List<Code> codes = CODES.stream().map(c -> new Code(new CodeRef(list, c.get(0)), c.get(1),
                Map.of("COD", c.get(0), "LIB", c.get(1)))).toList();
        return CatalogUnit.of(list + ".json").withNomenclatures(List.of(nom)).withCodes(codes);
    }

    public CodeRef ref(String code) {
        return new CodeRef(list, code);
    }
}

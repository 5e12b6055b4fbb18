package org.healthgraph.importers.tableschema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small Table Schema tree written for one test, its names prefixed so that tests sharing a database
 * do not meet: three tables A -> B -> C, a code list SEX with a few bad lines, and bad files.
 */
final class FixtureTree {

    final String p;
    final Path root;

    FixtureTree(Path root, String prefix) {
        this.root = root;
        this.p = prefix;
    }

    FixtureTree writeGood(String descriptionOfAId) {
        write("nomenclatures/TEST/" + p + "_SEX.json", """
                {"name": "%s_SEX", "title": "Sexe", "fields": [{"name": "COD", "type": "string", "role": "code"},
                 {"name": "LIB", "type": "string", "role": "label"}], "primaryKey": ["COD"]}
                """.formatted(p));
        write("nomenclatures/TEST/" + p + "_SEX.csv", "COD;LIB\n1;Masculin\n2;Féminin\n9;Inconnu\n");
        write("schemas/PROD_" + p + "/" + p + "_A.json", """
                {"name": "%1$s_A", "title": "Table A", "produit": "PROD_%1$s",
                 "history": {"dateCreated": "2010", "dateDeleted": "", "dateMissing": []},
                 "foreignKeys": [{"fields": ["ID", "RNG"], "reference": {"resource": "%1$s_B", "fields": ["B_ID", "B_RNG"]}}],
                 "fields": [
                  {"name": "ID", "description": "%2$s", "type": "string", "nomenclature": "-", "length": "17"},
                  {"name": "RNG", "description": "Rang", "type": "integer", "nomenclature": "-"},
                  {"name": "SEX", "description": "Sexe", "type": "string", "nomenclature": "%1$s_SEX:COD"}
                 ]}
                """.formatted(p, descriptionOfAId));
        write("schemas/PROD_" + p + "/" + p + "_B.json", """
                {"name": "%1$s_B", "title": "Table B", "produit": "PROD_%1$s",
                 "foreignKeys": [{"fields": ["B_ID"], "reference": {"resource": "%1$s_C", "fields": ["C_ID"]}}],
                 "fields": [{"name": "B_ID", "description": "Identifiant", "type": "string", "nomenclature": "-"},
                            {"name": "B_RNG", "description": "Rang", "type": "integer", "nomenclature": "-"}]}
                """.formatted(p));
        write("schemas/PROD_" + p + "/" + p + "_C.json", """
                {"name": "%1$s_C", "title": "Table C", "produit": "PROD_%1$s",
                 "fields": [{"name": "C_ID", "description": "Identifiant", "type": "string", "nomenclature": "-"}]}
                """.formatted(p));
        return this;
    }

    FixtureTree writeBad() {
        // Bad lines among good ones: a line with 3 columns (line 4), an identical repeat (line 5),
        // a repeat with another label (line 6), an empty code (line 7).
        write("nomenclatures/TEST/" + p + "_SEX.csv",
                "COD;LIB\n1;Masculin\n2;Féminin\n3;Trois;de trop\n1;Masculin\n2;Femme\n;Vide\n9;Inconnu\n");
        write("nomenclatures/TEST/" + p + "_BROKEN.json", "{\"name\": \"" + p + "_BROKEN\", \"fields\": [\n");
        write("nomenclatures/TEST/" + p + "_NOCODES.json", """
                {"name": "%s_NOCODES", "fields": [{"name": "COD", "role": "code"}], "primaryKey": ["COD"]}
                """.formatted(p));
        write("schemas/PROD_" + p + "/" + p + "_D.json", """
                {"name": "%1$s_D", "title": "Table D", "produit": "PROD_%1$s",
                 "fields": [{"name": "X", "description": "Codé par une liste inconnue", "type": "string",
                             "nomenclature": "%1$s_UNKNOWN"}]}
                """.formatted(p));
        write("schemas/PROD_" + p + "/" + p + "_E.json", """
                {"name": "%1$s E", "title": "Table E", "produit": "PROD_%1$s",
                 "fields": [{"name": "X", "description": "Nom de table interdit", "type": "string", "nomenclature": "-"}]}
                """.formatted(p));
        writeBytes("schemas/PROD_" + p + "/" + p + "_F.json", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        return this;
    }

    String file(String relative) {
        return relative.replace("{p}", p);
    }

    void write(String relative, String content) {
        writeBytes(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytes(String relative, byte[] content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

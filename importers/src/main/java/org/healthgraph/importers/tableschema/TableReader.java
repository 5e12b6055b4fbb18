package org.healthgraph.importers.tableschema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.importers.tableschema.NomenclatureReader.Located;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads one table schema ({@code schemas/<product>/<TABLE>.json}): the table, its variables and its
 * foreign keys. The table and variables make one unit; the foreign keys another, written once every
 * table exists.
 */
final class TableReader {

    static final String UNKNOWN_CODE_LIST = "variable referring to an unknown code list";
    static final String BAD_FIELD = "field that breaks a rule";

    /** The two units of a table file (joins only once all tables are in). */
    record Read(FileOutcome table, Optional<JsonNode> foreignKeys, TableName name) {
    }

    private final ObjectMapper json;
    private final Path root;

    TableReader(ObjectMapper json, Path root) {
        this.json = json;
        this.root = root;
    }

    Read read(Path file, Set<String> knownCodeLists) {
        FileOutcome out = new FileOutcome();
        String source = SourceFiles.relative(root, file);
        JsonNode node;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            node = json.readTree(SourceFiles.utf8(bytes));
        } catch (IOException e) {
            out.fail(ImportProblem.error(source, "", SourceFiles.reason(e) + ": table not imported"));
            return new Read(out, Optional.empty(), null);
        } catch (JacksonException e) {
            out.fail(ImportProblem.error(source, NomenclatureReader.where(e), "malformed JSON: table not imported"));
            return new Read(out, Optional.empty(), null);
        }
        try {
            Table table = table(node, file);
            MessageDigest digest = SourceFiles.sha256();
            digest.update(bytes);
            List<Variable> variables = variables(node, table.name(), knownCodeLists, source, out, digest);
            out.unit(CatalogUnit.of(source).withFingerprint(SourceFiles.hex(digest))
                    .withDatasets(List.of(Dataset.named(table.dataset()))).withTables(List.of(table))
                    .withVariables(variables));
            return new Read(out, Optional.ofNullable(node.get("foreignKeys")), table.name());
        } catch (Located e) {
            out.fail(ImportProblem.error(source, e.where, e.getMessage() + ": table not imported"));
            return new Read(out, Optional.empty(), null);
        }
    }

    private Table table(JsonNode node, Path file) {
        if (!node.isObject()) {
            throw new Located("$", "a table schema must be a JSON object");
        }
        String name = Json.text(node, "name");
        TableName tableName;
        try {
            tableName = TableName.of(name.isBlank() ? file.getFileName().toString().replaceFirst("\\.json$", "") : name);
        } catch (CatalogException e) {
            throw new Located("$.name", e.getMessage());
        }
        String product = Json.text(node, "produit");
        if (product.isBlank()) {
            product = file.getParent() == null ? "" : file.getParent().getFileName().toString();
        }
        JsonNode history = node.get("history");
        History h = history != null && history.isObject()
                ? new History(Json.text(history, "dateCreated"), Json.text(history, "dateDeleted"),
                Json.strings(history, "dateMissing"))
                : History.NONE;
        try {
            return new Table(tableName, Json.text(node, "title"), product, Json.text(node, "champ"),
                    Json.text(node, "observation"), h, Json.strings(node, "primaryKey"));
        } catch (CatalogException e) {
            throw new Located("$.produit", e.getMessage());
        }
    }

    private static List<Variable> variables(JsonNode node, TableName table, Set<String> knownCodeLists, String source,
                                            FileOutcome out, MessageDigest digest) {
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isArray()) {
            throw new Located("$.fields", "a table schema needs a 'fields' array");
        }
        List<Variable> variables = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode f = fields.get(i);
            String path = "$.fields[" + i + "]";
            out.rowRead();
            VariableRef ref;
            try {
                ref = new VariableRef(table, Json.text(f, "name"));
            } catch (CatalogException e) {
                out.skip(BAD_FIELD, ImportProblem.error(source, path + ".name", e.getMessage() + ": field skipped"));
                continue;
            }
            if (!names.add(ref.name())) {
                out.skip(BAD_FIELD, ImportProblem.error(source, path + ".name", "variable " + ref.name()
                        + " is declared twice: the second declaration is skipped"));
                continue;
            }
            Optional<CodedBy> codedBy;
            try {
                codedBy = CodedBy.parse(Json.text(f, "nomenclature"));
            } catch (CatalogException e) {
                out.problem(ImportProblem.error(source, path + ".nomenclature", e.getMessage()
                        + ": variable imported without its code list"));
                codedBy = Optional.empty();
            }
            if (codedBy.isPresent() && !knownCodeLists.contains(codedBy.get().nomenclature().value())) {
                out.problem(ImportProblem.error(source, path + ".nomenclature", "unknown code list "
                        + codedBy.get().nomenclature() + ": variable " + ref + " imported without its code list"));
                codedBy = Optional.empty();
            }
            // The fingerprint covers which references resolved, so that a list imported later re-links.
            digest.update(codedBy.map(CodedBy::toString).orElse("-").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            variables.add(new Variable(ref, variables.size(), Json.text(f, "description"), Json.text(f, "type"),
                    Json.text(f, "length"), Json.text(f, "format"), Json.flatObject(f, "constraints"), codedBy,
                    new History(Json.text(f, "dateCreated"), Json.text(f, "dateDeleted"), Json.strings(f, "dateMissing")),
                    Json.text(f, "observation"), Json.text(f, "regle_gestion")));
        }
        return variables;
    }

    /**
     * The foreign keys of a table as a unit of joins. A key to a table that is not in the catalog, or
     * with unequal field lists, is reported and left out; the others are written.
     */
    static FileOutcome joins(String source, TableName from, JsonNode foreignKeys, Set<String> knownTables) {
        FileOutcome out = new FileOutcome();
        List<Join> joins = new ArrayList<>();
        if (foreignKeys.isArray()) {
            for (int i = 0; i < foreignKeys.size(); i++) {
                String path = "$.foreignKeys[" + i + "]";
                JsonNode fk = foreignKeys.get(i);
                JsonNode reference = fk.get("reference");
                List<String> fields = Json.strings(fk, "fields");
                List<String> toFields = reference == null ? List.of() : Json.strings(reference, "fields");
                String resource = reference == null ? "" : Json.text(reference, "resource");
                if (resource.isBlank()) {
                    out.skip("foreign key without a referenced table", ImportProblem.error(source,
                            path + ".reference.resource", "no referenced table: foreign key skipped"));
                    continue;
                }
                if (fields.isEmpty() || fields.size() != toFields.size()) {
                    out.skip("foreign key with unequal field lists", ImportProblem.error(source, path,
                            fields.size() + " fields refer to " + toFields.size() + " fields: foreign key skipped"));
                    continue;
                }
                if (!knownTables.contains(resource)) {
                    out.skip("foreign key to an unknown table", ImportProblem.error(source, path + ".reference.resource",
                            "unknown table " + resource + ": foreign key skipped"));
                    continue;
                }
                try {
                    List<KeyPair> keys = new ArrayList<>();
                    for (int k = 0; k < fields.size(); k++) {
                        keys.add(new KeyPair(fields.get(k), toFields.get(k)));
                    }
                    joins.add(new Join(from, TableName.of(resource), keys));
                } catch (CatalogException e) {
                    out.skip("foreign key that breaks a rule", ImportProblem.error(source, path, e.getMessage()
                            + ": foreign key skipped"));
                }
            }
        }
        MessageDigest digest = SourceFiles.sha256();
        joins.forEach(j -> digest.update(j.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        out.unit(CatalogUnit.of(source + "#foreignKeys").withFingerprint(SourceFiles.hex(digest)).withJoins(joins));
        return out;
    }
}

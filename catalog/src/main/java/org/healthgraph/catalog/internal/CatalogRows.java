package org.healthgraph.catalog.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeFilter;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.ColumnRole;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.Label;

/**
 * The property layout of each catalog node: domain record to property map (the row written) and
 * back. Empty strings are stored as absent properties, so that a node carries only what it knows.
 * Shared by the domain (which diffs rows) and by every backend's catalog store (which writes and
 * reads them), so that both backends hold the same properties.
 */
public final class CatalogRows {

    /** A proposed change of catalog entries (see {@code GraphCuration}); key: a random id. */
    public static final Label PROPOSAL = new Label("Proposal", "id");
    /** One field of one entry changed by an approval or an import; key: a random id. */
    public static final Label REVISION = new Label("Revision", "id");
    /** An import's value of a curated field, kept aside; key: entry, field and source. */
    public static final Label IMPORT_CONFLICT = new Label("ImportConflict", "id");
    /** The labels of curation records. */
    public static final List<Label> CURATION_LABELS = List.of(PROPOSAL, REVISION, IMPORT_CONFLICT);

    private CatalogRows() {
    }

    public static Map<String, Object> dataset(Dataset d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", d.name());
        putText(row, "title", d.title());
        putText(row, "description", d.description());
        return row;
    }

    public static Dataset dataset(Map<String, Object> p) {
        return new Dataset(str(p, "name"), str(p, "title"), str(p, "description"));
    }

    public static Map<String, Object> table(Table t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", t.name().value());
        putText(row, "title", t.title());
        row.put("dataset", t.dataset());
        putText(row, "scope", t.scope());
        putText(row, "observation", t.observation());
        putHistory(row, t.history());
        row.put("primaryKey", t.primaryKey());
        return row;
    }

    public static Table table(Map<String, Object> p) {
        return new Table(TableName.of(str(p, "name")), str(p, "title"), str(p, "dataset"), str(p, "scope"),
                str(p, "observation"), history(p), strings(p, "primaryKey"));
    }

    public static Map<String, Object> variable(Variable v) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", v.ref().key());
        row.put("table", v.ref().table().value());
        row.put("name", v.ref().name());
        row.put("position", (long) v.position());
        putText(row, "description", v.description());
        putText(row, "type", v.type());
        putText(row, "length", v.length());
        putText(row, "format", v.format());
        List<String> constraints = new ArrayList<>();
        v.constraints().forEach((k, val) -> constraints.add(k + "=" + val));
        row.put("constraints", constraints);
        row.put("codedBy", v.codedBy().map(CodedBy::toString).orElse(null));
        putHistory(row, v.history());
        putText(row, "observation", v.observation());
        putText(row, "managementRule", v.managementRule());
        return row;
    }

    public static Variable variable(Map<String, Object> p) {
        Map<String, String> constraints = new LinkedHashMap<>();
        for (String c : strings(p, "constraints")) {
            int eq = c.indexOf('=');
            constraints.put(eq < 0 ? c : c.substring(0, eq), eq < 0 ? "" : c.substring(eq + 1));
        }
        Object position = p.get("position");
        return new Variable(VariableRef.of(str(p, "table"), str(p, "name")),
                position instanceof Number n ? n.intValue() : 0, str(p, "description"), str(p, "type"),
                str(p, "length"), str(p, "format"), constraints,
                Optional.ofNullable((String) p.get("codedBy")).flatMap(CodedBy::parse), history(p),
                str(p, "observation"), str(p, "managementRule"));
    }

    public static Map<String, Object> nomenclature(Nomenclature n) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", n.name().value());
        putText(row, "title", n.title());
        putText(row, "source", n.source());
        row.put("columnNames", n.columns().stream().map(NomenclatureColumn::name).toList());
        row.put("columnTypes", n.columns().stream().map(NomenclatureColumn::type).toList());
        row.put("columnRoles", n.columns().stream().map(c -> c.role().name()).toList());
        row.put("primaryKey", n.primaryKey());
        return row;
    }

    public static Nomenclature nomenclature(Map<String, Object> p) {
        List<String> names = strings(p, "columnNames");
        List<String> types = strings(p, "columnTypes");
        List<String> roles = strings(p, "columnRoles");
        List<NomenclatureColumn> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new NomenclatureColumn(names.get(i), i < types.size() ? types.get(i) : "",
                    i < roles.size() ? ColumnRole.valueOf(roles.get(i)) : ColumnRole.OTHER));
        }
        return new Nomenclature(NomenclatureName.of(str(p, "name")), str(p, "title"), str(p, "source"), columns,
                strings(p, "primaryKey"));
    }

    /** A code row: its values are stored as a list aligned with the code list's columns. */
    public static Map<String, Object> code(Code c, List<String> columnNames) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", c.ref().key());
        row.put("nomenclature", c.ref().nomenclature().value());
        row.put("code", c.ref().code());
        putText(row, "label", c.label());
        // The label's folded words, which the code-list filter's text is compared with in the store.
        putText(row, "words", CodeFilter.foldLabel(c.label()));
        List<String> values = new ArrayList<>(columnNames.size());
        for (String column : columnNames) {
            values.add(c.columns().getOrDefault(column, ""));
        }
        row.put("values", values);
        return row;
    }

    public static Code code(Map<String, Object> p, List<String> columnNames) {
        List<String> values = strings(p, "values");
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < columnNames.size() && i < values.size(); i++) {
            columns.put(columnNames.get(i), values.get(i));
        }
        return new Code(CodeRef.of(str(p, "nomenclature"), str(p, "code")), str(p, "label"), columns);
    }

    public static Map<String, Object> join(Join j) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", j.id());
        row.put("fromTable", j.from().value());
        row.put("toTable", j.to().value());
        row.put("from", j.fromKeys());
        row.put("to", j.toKeys());
        return row;
    }

    public static Join join(Map<String, Object> p) {
        return new Join(TableName.of(str(p, "fromTable")), TableName.of(str(p, "toTable")),
                keyPairs(strings(p, "from"), strings(p, "to")));
    }

    public static List<KeyPair> keyPairs(List<String> from, List<String> to) {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
            keys.add(new KeyPair(from.get(i), to.get(i)));
        }
        return keys;
    }

    /** A recorded change of {@code variable}, from the properties of its {@code Change} node. */
    public static VariableChange change(VariableRef variable, Map<String, Object> p) {
        return new VariableChange(variable, str(p, "field"), str(p, "old"), str(p, "new"), str(p, "source"),
                Instant.parse(str(p, "at")));
    }

    /** The properties of the {@code Change} node that records {@code c}, with its id. */
    public static Map<String, Object> change(VariableChange c, String id) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("variable", c.variable().key());
        row.put("field", c.field());
        row.put("old", c.oldValue());
        row.put("new", c.newValue());
        row.put("source", c.source());
        row.put("at", c.at().toString());
        return row;
    }

    /** The label of the nodes of a kind of entry. */
    public static Label label(EntryKind kind) {
        return switch (kind) {
            case DATASET -> GraphNames.DATASET;
            case TABLE -> GraphNames.TABLE;
            case VARIABLE -> GraphNames.VARIABLE;
            case NOMENCLATURE -> GraphNames.NOMENCLATURE;
            case CODE -> GraphNames.CODE;
        };
    }

    private static void putHistory(Map<String, Object> row, History h) {
        putText(row, "dateCreated", h.dateCreated());
        putText(row, "dateDeleted", h.dateDeleted());
        row.put("dateMissing", h.dateMissing());
    }

    private static History history(Map<String, Object> p) {
        return new History(str(p, "dateCreated"), str(p, "dateDeleted"), strings(p, "dateMissing"));
    }

    private static void putText(Map<String, Object> row, String name, String value) {
        row.put(name, value == null || value.isEmpty() ? null : value);
    }

    public static String str(Map<String, Object> p, String name) {
        Object v = p.get(name);
        return v == null ? "" : v.toString();
    }

    public static List<String> strings(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}

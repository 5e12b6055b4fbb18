package org.healthgraph.importers.tableschema;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.healthgraph.importers.ImportException;
import org.healthgraph.importers.InputTree;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.ColumnRole;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.NomenclatureName;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads one code list: its description ({@code NAME.json}) and its codes ({@code NAME.csv},
 * semicolon-separated, UTF-8, a header line). A code is identified by the list's primary key
 * (the code column alone, usually; several columns joined with '|' when the key spans them).
 */
final class NomenclatureReader {

    static final String WRONG_COLUMNS = "line with the wrong number of columns";
    static final String EMPTY_CODE = "line with an empty code";
    static final String REPEATED_LINE = "line repeating an earlier line";
    static final String REPEATED_CODE = "line repeating an earlier code with other values";

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setDelimiter(';').setIgnoreEmptyLines(false).get();

    private final ObjectMapper json;
    private final Path root;

    NomenclatureReader(ObjectMapper json, Path root) {
        this.json = json;
        this.root = root;
    }

    FileOutcome read(Path descriptor) {
        FileOutcome out = new FileOutcome();
        String file = SourceFiles.relative(root, descriptor);
        MessageDigest digest = SourceFiles.sha256();
        Nomenclature list;
        try {
            byte[] bytes = Files.readAllBytes(descriptor);
            digest.update(bytes);
            list = describe(json.readTree(SourceFiles.utf8(bytes)), file, descriptor);
        } catch (IOException e) {
            out.fail(ImportProblem.error(file, "", SourceFiles.reason(e) + ": code list not imported"));
            return out;
        } catch (JacksonException e) {
            out.fail(ImportProblem.error(file, where(e), "malformed JSON: code list not imported"));
            return out;
        } catch (CatalogException e) {
            out.fail(ImportProblem.error(file, e instanceof Located l ? l.where : "", e.getMessage() + ": code list not imported"));
            return out;
        }
        Path csv = descriptor.resolveSibling(descriptor.getFileName().toString().replaceFirst("\\.json$", ".csv"));
        List<Code> codes = List.of();
        if (!Files.exists(csv)) {
            out.problem(ImportProblem.warning(SourceFiles.relative(root, csv), "",
                    "no code file: code list " + list.name() + " imported without its codes"));
        } else {
            try {
                InputTree.checkInside(root, csv);
                byte[] bytes = Files.readAllBytes(csv);
                digest.update(bytes);
                codes = codes(list, SourceFiles.utf8(bytes), SourceFiles.relative(root, csv), out);
            } catch (IOException e) {
                out.fail(ImportProblem.error(SourceFiles.relative(root, csv), "", SourceFiles.reason(e)
                        + ": code list " + list.name() + " not imported"));
                return out;
            } catch (UncheckedIOException | IllegalStateException e) {
                out.fail(ImportProblem.error(SourceFiles.relative(root, csv), "", "malformed CSV ("
                        + SourceFiles.csvFault(e.getCause() != null ? e.getCause() : e) + "): code list "
                        + list.name() + " not imported"));
                return out;
            } catch (ImportException e) {
                out.fail(ImportProblem.error(SourceFiles.relative(root, csv), "", e.getMessage() + ": code list "
                        + list.name() + " not imported"));
                return out;
            } catch (CatalogException e) {
                out.fail(ImportProblem.error(SourceFiles.relative(root, csv), e instanceof Located l ? l.where : "",
                        e.getMessage() + ": code list " + list.name() + " not imported"));
                return out;
            }
        }
        out.unit(CatalogUnit.of(file).withFingerprint(SourceFiles.hex(digest)).withNomenclatures(List.of(list))
                .withCodes(codes));
        return out;
    }

    private Nomenclature describe(JsonNode node, String file, Path descriptor) {
        if (!node.isObject()) {
            throw new Located("$", "a code list description must be a JSON object");
        }
        String name = Json.text(node, "name");
        if (name.isBlank()) {
            name = descriptor.getFileName().toString().replaceFirst("\\.json$", "");
        }
        NomenclatureName listName;
        try {
            listName = NomenclatureName.of(name);
        } catch (CatalogException e) {
            throw new Located("$.name", e.getMessage());
        }
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isArray() || fields.isEmpty()) {
            throw new Located("$.fields", "a code list needs a non-empty 'fields' array");
        }
        List<NomenclatureColumn> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode f = fields.get(i);
            String role = Json.text(f, "role").toLowerCase(Locale.ROOT);
            try {
                columns.add(new NomenclatureColumn(Json.text(f, "name"), Json.text(f, "type"),
                        role.equals("code") ? ColumnRole.CODE : role.equals("label") ? ColumnRole.LABEL : ColumnRole.OTHER));
            } catch (CatalogException e) {
                throw new Located("$.fields[" + i + "].name", e.getMessage());
            }
        }
        if (columns.stream().noneMatch(c -> c.role() == ColumnRole.CODE)) {
            // Without a declared code column the first column holds the codes, as in most lists.
            NomenclatureColumn first = columns.getFirst();
            columns.set(0, new NomenclatureColumn(first.name(), first.type(), ColumnRole.CODE));
        }
        String source = descriptor.getParent() == null ? "" : descriptor.getParent().getFileName().toString();
        String title = Json.text(node, "title");
        return new Nomenclature(listName, title.isBlank() ? Json.text(node, "description") : title, source, columns,
                Json.strings(node, "primaryKey"));
    }

    private static List<Code> codes(Nomenclature list, String text, String file, FileOutcome out) throws IOException {
        List<String> names = list.columns().stream().map(NomenclatureColumn::name).toList();
        List<String> keyColumns = keyColumns(list, names);
        int label = list.labelColumn().map(c -> names.indexOf(c.name())).orElse(-1);
        List<Code> codes = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        Map<String, List<String>> firstValues = new HashMap<>();
        try (CSVParser parser = CSV.parse(new StringReader(text))) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                return codes;
            }
            List<String> header = records.next().toList();
            int[] keyIndex = keyColumns.stream().mapToInt(header::indexOf).toArray();
            for (int i = 0; i < keyIndex.length; i++) {
                if (keyIndex[i] < 0) {
                    throw new Located("line 1", "the header has no column " + keyColumns.get(i)
                            + " (the code column declared in the description)");
                }
            }
            if (!header.equals(names)) {
                out.problem(ImportProblem.warning(file, "line 1", "the header differs from the declared columns "
                        + names + ": values are read by header name"));
            }
            long previousEnd = 1;
            while (records.hasNext()) {
                CSVRecord r = records.next();
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                out.rowRead();
                if (r.size() != header.size()) {
                    out.skip(WRONG_COLUMNS, ImportProblem.error(file, "line " + line, r.size() + " columns where the header has "
                            + header.size() + ": line skipped"));
                    continue;
                }
                List<String> keyParts = new ArrayList<>(keyIndex.length);
                for (int k : keyIndex) {
                    keyParts.add(r.get(k).strip());
                }
                String code = String.join("|", keyParts);
                if (keyParts.stream().anyMatch(String::isEmpty)) {
                    out.skip(EMPTY_CODE, ImportProblem.error(file, "line " + line, "empty code in " + keyColumns
                            + ": line skipped"));
                    continue;
                }
                List<String> values = r.toList();
                Long seen = firstLine.putIfAbsent(code, line);
                if (seen != null) {
                    boolean same = values.equals(firstValues.get(code));
                    out.skip(same ? REPEATED_LINE : REPEATED_CODE, same
                            ? ImportProblem.warning(file, "line " + line, "repeats line " + seen + " (code " + code + "): line skipped")
                            : ImportProblem.error(file, "line " + line, "code " + code + " already on line " + seen
                            + " with other values: line skipped, the first kept"));
                    continue;
                }
                firstValues.put(code, values);
                Map<String, String> columns = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    columns.put(header.get(i), values.get(i));
                }
                try {
                    codes.add(new Code(new CodeRef(list.name(), code),
                            label >= 0 && label < values.size() ? values.get(label) : "", columns));
                } catch (CatalogException e) {
                    out.skip(EMPTY_CODE, ImportProblem.error(file, "line " + line, e.getMessage() + ": line skipped"));
                }
            }
        }
        return codes;
    }

    /**
     * The columns that identify a code: the list's primary key when all its columns exist (the code
     * column alone, usually; a column that already joins two values, such as IR_BTF_R's
     * {@code BTF_PRS_IDE__BTF_HIS_DTD}; or several columns), else the code column.
     */
    static List<String> keyColumns(Nomenclature list, List<String> names) {
        List<String> key = list.primaryKey();
        return !key.isEmpty() && names.containsAll(key) ? key : List.of(list.codeColumn().orElseThrow().name());
    }

    static String where(JacksonException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 0 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A validation failure at a JSON path or line. */
    static final class Located extends CatalogException {
        private static final long serialVersionUID = 1L;
        final String where;

        Located(String where, String message) {
            super(message);
            this.where = where;
        }
    }
}

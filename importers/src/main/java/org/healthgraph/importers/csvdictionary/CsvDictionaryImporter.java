package org.healthgraph.importers.csvdictionary;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.importers.ImportException;
import org.healthgraph.importers.InputTree;
import org.healthgraph.importers.TextLimits;
import org.healthgraph.importers.UnavailableStop;

/**
 * Imports a CSV data dictionary: a header line, then one row a variable. Columns are found by their
 * header, in English or French, in any order: {@code dataset} (or {@code produit}), {@code table},
 * {@code variable} (or {@code nom}), {@code description} (or {@code libellé}), {@code type},
 * {@code code list} (or {@code nomenclature}); the separator (';', ',' or tab) is the one the header
 * uses. The file is written in one transaction; rows that break a rule are reported with their line
 * and left out; a code list the catalog does not hold is reported and the variable imported without
 * it.
 */
public final class CsvDictionaryImporter {

    static final String WRONG_COLUMNS = "line with the wrong number of columns";
    static final String BAD_NAME = "line with an invalid dataset, table or variable name";
    static final String REPEATED = "line repeating a variable";
    static final String OTHER_DATASET = "line putting a table in a second dataset";
    static final String UNKNOWN_CODE_LIST = "variable referring to an unknown code list";

    private static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("dataset", "dataset"), Map.entry("produit", "dataset"), Map.entry("product", "dataset"),
            Map.entry("table", "table"),
            Map.entry("variable", "variable"), Map.entry("nom", "variable"), Map.entry("name", "variable"),
            Map.entry("description", "description"), Map.entry("libelle", "description"), Map.entry("label", "description"),
            Map.entry("type", "type"),
            Map.entry("code list", "codeList"), Map.entry("code_list", "codeList"), Map.entry("codelist", "codeList"),
            Map.entry("nomenclature", "codeList"));

    private final Catalog catalog;
    private final CatalogWriter writer;
    private final TextLimits limits;

    public CsvDictionaryImporter(Catalog catalog, CatalogWriter writer) {
        this(catalog, writer, TextLimits.DEFAULT);
    }

    /** @param limits the longest texts taken; variables with longer ones are left out and reported */
    public CsvDictionaryImporter(Catalog catalog, CatalogWriter writer, TextLimits limits) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Imports one CSV dictionary file, without its bad rows. */
    public ImportReport importFile(Path file, ImportProgress progress) {
        return importFile(file, progress, false);
    }

    /**
     * Imports one CSV dictionary file (one transaction); {@code wholeOrNothing} ({@code --atomic}): when a
     * row is left out, nothing is written and the report says so.
     */
    public ImportReport importFile(Path file, ImportProgress progress, boolean wholeOrNothing) {
        ImportReport.Builder report = new ImportReport.Builder();
        String name = file.getFileName().toString();
        progress.start("CSV dictionary", 1);
        report.fileRead();
        writer.ensureSchema();
        try {
            if (Files.isSymbolicLink(file)) {
                InputTree.checkInside(file.toAbsolutePath().getParent(), file);
            }
            byte[] bytes = Files.readAllBytes(file);
            CatalogUnit unit = read(name, decode(bytes), report).withFingerprint(fingerprint(bytes));
            TextLimits.Checked checked = limits.check(unit, name);
            checked.leftOut().forEach(p -> report.rowSkipped(TextLimits.REASON, p));
            if (checked.refusal().isPresent()) {
                report.fileFailed(checked.refusal().get());
            } else if (wholeOrNothing && report.build().hasErrors()) {
                report.fileFailed(ImportProblem.error(name, "", "--atomic: nothing imported, because rows were left out"
                        + " (--lenient imports the rest)"));
            } else {
                report.fileImported(writer.write(checked.unit()));
            }
        } catch (CharacterCodingException e) {
            report.fileFailed(ImportProblem.error(name, "", "not valid UTF-8 text: dictionary not imported"));
        } catch (IOException e) {
            report.fileFailed(ImportProblem.error(name, "", "cannot be read (" + e.getClass().getSimpleName()
                    + "): dictionary not imported"));
        } catch (UncheckedIOException e) {
            // Commons CSV's message quotes the text around the fault: only where it stands is kept.
            report.fileFailed(ImportProblem.error(name, "", "malformed CSV (" + csvFault(e.getCause())
                    + "): dictionary not imported"));
        } catch (ImportException e) {
            report.fileFailed(ImportProblem.error(name, "", e.getMessage() + ": dictionary not imported"));
        } catch (Located e) {
            report.fileFailed(ImportProblem.error(name, e.where, e.getMessage() + ": dictionary not imported"));
        } catch (CatalogException e) {
            UnavailableStop.ifUnavailable(e, name);
            report.fileFailed(ImportProblem.error(name, "", e.getMessage() + ": dictionary not imported"));
        }
        progress.step(name);
        progress.done();
        return report.build();
    }

    private CatalogUnit read(String file, String text, ImportReport.Builder report) throws IOException {
        String headerLine = text.lines().findFirst().orElse("");
        char delimiter = delimiter(headerLine);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        Set<String> codeLists = catalog.nomenclatures().stream().map(n -> n.name().value()).collect(Collectors.toSet());
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, Variable> variables = new LinkedHashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new Located("line 1", "the file is empty: a header line is needed");
            }
            Map<String, Integer> columns = columns(records.next());
            long previousEnd = 1;
            while (records.hasNext()) {
                CSVRecord r = records.next();
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                report.rowsRead(1);
                String where = "line " + line;
                if (r.size() != columns.get("#")) {
                    report.rowSkipped(WRONG_COLUMNS, ImportProblem.error(file, where, r.size()
                            + " columns where the header has " + columns.get("#") + ": line skipped"));
                    continue;
                }
                String dataset = get(r, columns, "dataset");
                VariableRef ref;
                try {
                    ref = VariableRef.of(get(r, columns, "table"), get(r, columns, "variable"));
                    Dataset.named(dataset); // validates the name before anything is kept
                } catch (CatalogException e) {
                    report.rowSkipped(BAD_NAME, ImportProblem.error(file, where, e.getMessage() + ": line skipped"));
                    continue;
                }
                Table table = tables.computeIfAbsent(ref.table().value(), t -> catalog.table(ref.table())
                        .orElseGet(() -> new Table(ref.table(), "", dataset, "", "", History.NONE, List.of())));
                if (!table.dataset().equals(dataset)) {
                    report.rowSkipped(OTHER_DATASET, ImportProblem.error(file, where, "table " + ref.table() + " is in dataset "
                            + table.dataset() + ", not " + dataset + ": line skipped"));
                    continue;
                }
                if (variables.containsKey(ref.key())) {
                    report.rowSkipped(REPEATED, ImportProblem.error(file, where, "variable " + ref + " was already given:"
                            + " line skipped, the first kept"));
                    continue;
                }
                Optional<CodedBy> codedBy = codedBy(get(r, columns, "codeList"), codeLists, ref, file, where, report);
                int position = positions.merge(ref.table().value(), 1, Integer::sum) - 1;
                variables.put(ref.key(), Variable.simple(ref, position, get(r, columns, "description"),
                        get(r, columns, "type"), codedBy));
            }
        }
        for (Table t : tables.values()) {
            datasets.putIfAbsent(t.dataset(), Dataset.named(t.dataset()));
        }
        return CatalogUnit.of(file).withDatasets(List.copyOf(datasets.values())).withTables(List.copyOf(tables.values()))
                .withVariables(List.copyOf(variables.values()));
    }

    private static Optional<CodedBy> codedBy(String reference, Set<String> codeLists, VariableRef ref, String file,
                                             String where, ImportReport.Builder report) {
        try {
            Optional<CodedBy> codedBy = CodedBy.parse(reference);
            if (codedBy.isPresent() && !codeLists.contains(codedBy.get().nomenclature().value())) {
                report.problem(ImportProblem.error(file, where, "unknown code list " + codedBy.get().nomenclature()
                        + ": variable " + ref + " imported without its code list"));
                return Optional.empty();
            }
            return codedBy;
        } catch (CatalogException e) {
            report.problem(ImportProblem.error(file, where, e.getMessage() + ": variable " + ref
                    + " imported without its code list"));
            return Optional.empty();
        }
    }

    /** Header name to index; "#" holds the number of header columns. */
    private static Map<String, Integer> columns(CSVRecord header) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String role = HEADERS.get(normalise(header.get(i)));
            if (role != null) {
                out.putIfAbsent(role, i);
            }
        }
        for (String required : List.of("dataset", "table", "variable")) {
            if (!out.containsKey(required)) {
                // The header's own cells are not repeated: a file that is no dictionary (a link to
                // /etc/passwd, say) would have its first line printed.
                throw new Located("line 1", "the header has no '" + required + "' column (it has " + header.size()
                        + " column(s); expected dataset, table, variable, description, type, code list)");
            }
        }
        out.put("#", header.size());
        return out;
    }

    /** Commons CSV's reason without the characters it quotes: "line 12", or the exception's type. */
    private static String csvFault(Throwable e) {
        String m = e == null || e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("line:? (\\d+)").matcher(m);
        return line.find() ? "at line " + line.group(1) : e == null ? "unreadable" : e.getClass().getSimpleName();
    }

    private static String get(CSVRecord r, Map<String, Integer> columns, String role) {
        Integer i = columns.get(role);
        return i == null || i >= r.size() ? "" : r.get(i).strip();
    }

    private static String normalise(String header) {
        String plain = Normalizer.normalize(header.strip().replace("\uFEFF", ""), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT);
    }

    private static char delimiter(String header) {
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        long tabs = header.chars().filter(c -> c == '\t').count();
        if (tabs > semicolons && tabs > commas) {
            return '\t';
        }
        return semicolons >= commas ? ';' : ',';
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A failure of the whole file at a line. */
    private static final class Located extends CatalogException {
        private static final long serialVersionUID = 1L;
        final String where;

        Located(String where, String message) {
            super(message);
            this.where = where;
        }
    }
}

package org.healthgraph.bench.search;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.healthgraph.catalog.search.SearchDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the schema-snds folder straight into search documents: a minimal reader for the benchmark
 * only (the catalog's importer is the real one). Tables from {@code schemas/**}/*.json, their
 * fields as variables, code lists from {@code nomenclatures/<source>/<NAME>.json} and their codes
 * from the matching CSV (semicolon-separated; the column whose role is "code", and "label").
 */
public final class SchemaSndsDocuments {

    /** The snapshot's last year, used as the end of a variable's availability. */
    static final int SNAPSHOT_YEAR = 2020;

    private final ObjectMapper json = new ObjectMapper();
    private final Path root;
    private int malformedRows;
    private final java.util.Map<String, Integer> joins = new java.util.HashMap<>();

    public SchemaSndsDocuments(Path root) {
        this.root = root;
    }

    /** The folder {@code shared/schema-snds} found beside the repository, walking up from the working dir. */
    public static Optional<Path> locate() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("schema-snds");
            if (Files.isDirectory(candidate.resolve("schemas"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** How many declared joins (foreign keys of other tables) reach each table, after {@link #read()}. */
    public java.util.Map<String, Integer> joins() {
        return java.util.Map.copyOf(joins);
    }

    /** Rows of code files that could not be read. */
    public int malformedRows() {
        return malformedRows;
    }

    /** Every table, variable, code list and code. */
    public List<SearchDocument> read() {
        List<SearchDocument> out = new ArrayList<>();
        readSchemas(out);
        readNomenclatures(out);
        return out;
    }

    private void readSchemas(List<SearchDocument> out) {
        for (Path file : files(root.resolve("schemas"), ".json")) {
            JsonNode t = json.readTree(file.toFile());
            String product = t.path("produit").asString(file.getParent().getFileName().toString());
            String table = t.path("name").asString();
            String title = t.path("title").asString("");
            out.add(SearchDocument.table(product, table, title));
            for (JsonNode fk : t.path("foreignKeys").values()) {
                String to = fk.path("reference").path("resource").asString("");
                if (!to.isEmpty() && !to.equals(table)) {
                    joins.merge(to, 1, Integer::sum);
                }
            }
            for (JsonNode f : t.path("fields").values()) {
                String nomenclature = f.path("nomenclature").asString("");
                if (nomenclature.equals("-")) {
                    nomenclature = "";
                }
                out.add(SearchDocument.variable(product, table, title, f.path("name").asString(),
                        f.path("description").asString(""), nomenclature, f.path("type").asString(""),
                        years(f.path("dateCreated").asString(""), f.path("dateDeleted").asString(""))));
            }
        }
    }

    static List<Integer> years(String created, String deleted) {
        Optional<Integer> from = year(created);
        if (from.isEmpty()) {
            return List.of();
        }
        int to = year(deleted).orElse(SNAPSHOT_YEAR);
        return IntStream.rangeClosed(from.get(), Math.max(from.get(), to)).boxed().toList();
    }

    private static Optional<Integer> year(String s) {
        String digits = s.strip();
        if (digits.length() >= 4 && digits.substring(0, 4).chars().allMatch(Character::isDigit)) {
            int y = Integer.parseInt(digits.substring(0, 4));
            return y >= 1950 && y <= 2100 ? Optional.of(y) : Optional.empty();
        }
        return Optional.empty();
    }

    private void readNomenclatures(List<SearchDocument> out) {
        for (Path file : files(root.resolve("nomenclatures"), ".json")) {
            JsonNode n = json.readTree(file.toFile());
            String source = file.getParent().getFileName().toString();
            String name = n.path("name").asString(file.getFileName().toString().replace(".json", ""));
            String title = n.path("title").asString("");
            out.add(SearchDocument.nomenclature(source, name, title));
            Path csv = file.resolveSibling(file.getFileName().toString().replace(".json", ".csv"));
            if (Files.exists(csv)) {
                readCodes(out, csv, n, source, name, title);
            }
        }
    }

    private void readCodes(List<SearchDocument> out, Path csv, JsonNode n, String source, String name, String title) {
        List<JsonNode> fields = new ArrayList<>(n.path("fields").values());
        int codeCol = 0;
        int labelCol = fields.size() > 1 ? 1 : -1;
        for (int i = 0; i < fields.size(); i++) {
            String role = fields.get(i).path("role").asString("");
            if (role.equals("code")) {
                codeCol = i;
            } else if (role.equals("label")) {
                labelCol = i;
            }
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.parse(r, format)) {
            for (CSVRecord rec : p) {
                if (rec.size() <= codeCol || rec.get(codeCol).isBlank()) {
                    malformedRows++;
                    continue;
                }
                String code = rec.get(codeCol);
                if (!seen.add(code)) {
                    continue;
                }
                String label = labelCol >= 0 && rec.size() > labelCol ? rec.get(labelCol) : "";
                out.add(SearchDocument.code(source, name, title, code, label));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            malformedRows++;
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

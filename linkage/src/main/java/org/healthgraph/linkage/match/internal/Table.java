package org.healthgraph.linkage.match.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.healthgraph.linkage.match.LinkageException;

/** The columns a linkage needs from one CSV file, as string arrays (empty cells are null). */
public final class Table {

    private final String source;
    private final String[] ids;
    private final Map<String, String[]> columns;

    private Table(String source, String[] ids, Map<String, String[]> columns) {
        this.source = source;
        this.ids = ids;
        this.columns = columns;
    }

    /** Builds a table from columns already in memory (tests, one-pair explanations). */
    public static Table of(String source, String[] ids, Map<String, String[]> columns) {
        return new Table(source, ids, new HashMap<>(columns));
    }

    /**
     * Reads {@code idColumn} and {@code wanted} columns; fails on a missing column, an empty file
     * or a repeated id (naming file and lines, never values).
     */
    public static Table read(Path file, char delimiter, String idColumn, Collection<String> wanted) {
        String name = file.getFileName().toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            requireColumn(header, idColumn, name);
            List<String> cols = new ArrayList<>(new java.util.LinkedHashSet<>(wanted));
            int[] index = new int[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                requireColumn(header, cols.get(c), name);
                index[c] = header.indexOf(cols.get(c));
            }
            int idIndex = header.indexOf(idColumn);
            List<String> ids = new ArrayList<>();
            List<List<String>> values = new ArrayList<>();
            cols.forEach(c -> values.add(new ArrayList<>()));
            Map<String, Integer> seen = new HashMap<>();
            for (CSVRecord r : parser) {
                String id = r.size() > idIndex ? r.get(idIndex).strip() : "";
                long line = r.getRecordNumber() + 1;
                if (id.isEmpty()) {
                    throw new LinkageException(name + " line " + line + ": empty id in column " + idColumn);
                }
                Integer previous = seen.putIfAbsent(id, (int) line);
                if (previous != null) {
                    throw new LinkageException(name + " line " + line + ": repeats the id of line " + previous
                            + " (column " + idColumn + " must be unique)");
                }
                ids.add(id);
                for (int c = 0; c < index.length; c++) {
                    String v = r.size() > index[c] ? r.get(index[c]).strip() : "";
                    values.get(c).add(v.isEmpty() ? null : v);
                }
            }
            if (ids.isEmpty()) {
                throw new LinkageException(name + ": no records (the linkage needs at least one on each side)");
            }
            Map<String, String[]> columns = new LinkedHashMap<>();
            for (int c = 0; c < cols.size(); c++) {
                columns.put(cols.get(c), values.get(c).toArray(String[]::new));
            }
            return new Table(name, ids.toArray(String[]::new), columns);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LinkageException(name + ": cannot be read as CSV", e);
        } catch (IllegalArgumentException e) {
            throw new LinkageException(name + ": not a CSV file with a header line (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void requireColumn(List<String> header, String column, String file) {
        if (!header.contains(column)) {
            throw new LinkageException(file + ": no column '" + column + "'; columns are " + header);
        }
    }

    public String source() {
        return source;
    }

    public int size() {
        return ids.length;
    }

    public String id(int row) {
        return ids[row];
    }

    public String[] ids() {
        return ids;
    }

    /** The values of a column (null for empty cells). */
    public String[] column(String name) {
        String[] c = columns.get(name);
        if (c == null) {
            throw new LinkageException(source + ": no column '" + name + "' was loaded");
        }
        return c;
    }
}

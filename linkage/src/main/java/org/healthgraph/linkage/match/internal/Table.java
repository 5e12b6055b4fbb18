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
     * or a repeated id (naming file and lines, never values). Repeated values of a column share one
     * string (names, dates and codes repeat a lot: a register of millions fits in a few hundred MB),
     * and repeated ids are found by sorting, not with a map of every id.
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
            IntList lines = new IntList();
            List<List<String>> values = new ArrayList<>();
            List<Map<String, String>> shared = new ArrayList<>();
            cols.forEach(c -> {
                values.add(new ArrayList<>());
                shared.add(new HashMap<>());
            });
            for (CSVRecord r : parser) {
                String id = r.size() > idIndex ? r.get(idIndex).strip() : "";
                long line = r.getRecordNumber() + 1;
                if (id.isEmpty()) {
                    throw new LinkageException(name + " line " + line + ": empty id in column " + idColumn);
                }
                ids.add(id);
                lines.add((int) Math.min(Integer.MAX_VALUE, line));
                for (int c = 0; c < index.length; c++) {
                    String v = r.size() > index[c] ? r.get(index[c]).strip() : "";
                    values.get(c).add(v.isEmpty() ? null : share(shared, c, v));
                }
            }
            if (ids.isEmpty()) {
                throw new LinkageException(name + ": no records (the linkage needs at least one on each side)");
            }
            String[] idArray = ids.toArray(String[]::new);
            ids = null;
            requireUniqueIds(idArray, lines.toArray(), name, idColumn);
            Map<String, String[]> columns = new LinkedHashMap<>();
            for (int c = 0; c < cols.size(); c++) {
                columns.put(cols.get(c), values.get(c).toArray(String[]::new));
                values.set(c, null);
            }
            return new Table(name, idArray, columns);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LinkageException(name + ": cannot be read as CSV", e);
        } catch (IllegalArgumentException e) {
            throw new LinkageException(name + ": not a CSV file with a header line (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Distinct values kept per column for sharing; a column with more (an identifier, say) stops sharing. */
    private static final int SHARED_MAX = 1 << 20;

    private static String share(List<Map<String, String>> shared, int c, String v) {
        Map<String, String> m = shared.get(c);
        if (m == null) {
            return v;
        }
        String known = m.putIfAbsent(v, v);
        if (known != null) {
            return known;
        }
        if (m.size() > SHARED_MAX) {
            shared.set(c, null);
        }
        return v;
    }

    /**
     * Sorts (id hash, record number) pairs: equal ids become neighbours without a map of every id.
     * Reports the earliest line that repeats an earlier record's id, with that record's line.
     */
    private static void requireUniqueIds(String[] ids, int[] lines, String name, String idColumn) {
        long[] keyed = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keyed[i] = (long) ids[i].hashCode() << 32 | i;
        }
        java.util.Arrays.sort(keyed);
        int repeat = -1;
        int first = -1;
        for (int start = 0, end; start < keyed.length; start = end) {
            end = start + 1;
            while (end < keyed.length && keyed[end] >>> 32 == keyed[start] >>> 32) {
                end++;
            }
            // records of one hash, in file order: compare each with the earlier ones (hash groups are tiny)
            for (int a = start + 1; a < end; a++) {
                int later = (int) keyed[a];
                for (int b = start; b < a; b++) {
                    int earlier = (int) keyed[b];
                    if (ids[earlier].equals(ids[later]) && (repeat < 0 || later < repeat)) {
                        repeat = later;
                        first = earlier;
                        break;
                    }
                }
            }
        }
        if (repeat >= 0) {
            throw new LinkageException(name + " line " + lines[repeat] + ": repeats the id of line " + lines[first]
                    + " (column " + idColumn + " must be unique)");
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
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

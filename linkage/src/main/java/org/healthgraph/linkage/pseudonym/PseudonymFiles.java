package org.healthgraph.linkage.pseudonym;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.healthgraph.graph.ErrorKind;

/**
 * Pseudonymises CSV files: {@link #pseudonymise} replaces the identifying columns (national id,
 * birth date, sex) by the keyed-hash pseudonym, {@link #rotate} re-pseudonymises a pseudonym
 * column under a rotated key chain without the identifiers. Files are streamed (any size), the
 * output is written to a hidden temporary file beside the target and renamed when complete, an
 * existing output is replaced only when asked, and the input is never the output. Errors name the
 * file, line and column and the rule, never a value.
 */
public final class PseudonymFiles {

    private PseudonymFiles() {
    }

    /**
     * What to do with a file.
     *
     * @param identifierColumns the national id, birth date and sex columns, in that order
     * @param pseudonymColumn the name of the column written
     * @param keepIdentifiers keep the identifying columns in the output (they are dropped by default)
     * @param allowInvalid write an empty pseudonym for a row whose identifiers are invalid (and
     *     count it) instead of failing
     * @param delimiter the field separator of input and output
     * @param overwrite replace an existing output
     */
    public record Options(List<String> identifierColumns, String pseudonymColumn, boolean keepIdentifiers,
                          boolean allowInvalid, char delimiter, boolean overwrite) {
        public Options {
            identifierColumns = List.copyOf(identifierColumns);
            Objects.requireNonNull(pseudonymColumn, "pseudonymColumn");
            if (identifierColumns.size() != 3) {
                throw new PseudonymException("columns: expected three columns, national id, birth date and sex, in that order; got "
                        + identifierColumns.size());
            }
            if (pseudonymColumn.isBlank()) {
                throw new PseudonymException("pseudonym column: a name is required");
            }
        }
    }

    /**
     * What a run did.
     *
     * @param rows data rows written
     * @param invalid rows whose identifiers were invalid (written with an empty pseudonym)
     * @param output the file written
     */
    public record Report(long rows, long invalid, Path output) {
    }

    /** Writes {@code out}: {@code in} with the pseudonym column in place of (or beside) the identifying columns. */
    public static Report pseudonymise(Pseudonymiser pseudonymiser, Path in, Path out, Options options) {
        requireWritable(in, out, options.overwrite());
        CSVFormat format = format(options.delimiter());
        String name = in.getFileName().toString();
        return write(in, out, options.delimiter(), (reader, printer) -> {
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                List<String> header = parser.getHeaderNames();
                int[] ids = new int[3];
                for (int k = 0; k < 3; k++) {
                    ids[k] = columnIndex(header, options.identifierColumns().get(k), name);
                }
                if (header.contains(options.pseudonymColumn())) {
                    throw new PseudonymException(name + ": already has a column '" + options.pseudonymColumn()
                            + "'; name the pseudonym column otherwise");
                }
                List<Integer> kept = new ArrayList<>();
                List<String> outHeader = new ArrayList<>();
                int at = Math.min(ids[0], Math.min(ids[1], ids[2]));
                for (int c = 0; c < header.size(); c++) {
                    if (c == at) {
                        outHeader.add(options.pseudonymColumn());
                        kept.add(-1);
                    }
                    if (options.keepIdentifiers() || (c != ids[0] && c != ids[1] && c != ids[2])) {
                        outHeader.add(header.get(c));
                        kept.add(c);
                    }
                }
                printer.printRecord(outHeader);
                long rows = 0;
                long invalid = 0;
                List<String> row = new ArrayList<>(kept.size());
                for (CSVRecord r : parser) {
                    long line = r.getRecordNumber() + 1;
                    String pseudonym;
                    try {
                        pseudonym = pseudonymiser.pseudonym(cell(r, ids[0]), cell(r, ids[1]), cell(r, ids[2]));
                    } catch (PseudonymException e) {
                        if (!options.allowInvalid()) {
                            // the message names the field and the rule, never the value
                            throw new PseudonymException(name + " line " + line + ": " + e.getMessage()
                                    + " (columns " + String.join(", ", options.identifierColumns()) + ")");
                        }
                        pseudonym = "";
                        invalid++;
                    }
                    row.clear();
                    for (int c : kept) {
                        row.add(c < 0 ? pseudonym : cell(r, c));
                    }
                    printer.printRecord(row);
                    rows++;
                }
                return new long[] {rows, invalid};
            }
        });
    }

    /**
     * Writes {@code out}: {@code in} with its pseudonym column re-pseudonymised by the last key of
     * {@code rotated} ({@link Pseudonymiser#rotate}); other columns are copied.
     */
    public static Report rotate(Pseudonymiser rotated, Path in, Path out, String column, char delimiter, boolean overwrite) {
        requireWritable(in, out, overwrite);
        CSVFormat format = format(delimiter);
        String name = in.getFileName().toString();
        return write(in, out, delimiter, (reader, printer) -> {
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                List<String> header = parser.getHeaderNames();
                int p = columnIndex(header, column, name);
                printer.printRecord(header);
                long rows = 0;
                long empty = 0;
                List<String> row = new ArrayList<>(header.size());
                for (CSVRecord r : parser) {
                    long line = r.getRecordNumber() + 1;
                    row.clear();
                    for (int c = 0; c < header.size(); c++) {
                        String v = cell(r, c);
                        if (c == p) {
                            if (v.isEmpty()) {
                                empty++;
                            } else {
                                try {
                                    v = rotated.rotate(v);
                                } catch (PseudonymException e) {
                                    throw new PseudonymException(name + " line " + line + ", column " + column + ": " + e.getMessage());
                                }
                            }
                        }
                        row.add(v);
                    }
                    printer.printRecord(row);
                    rows++;
                }
                return new long[] {rows, empty};
            }
        });
    }

    private static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
    }

    private static String cell(CSVRecord r, int c) {
        return r.size() > c ? r.get(c).strip() : "";
    }

    private static int columnIndex(List<String> header, String column, String file) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new PseudonymException(file + ": no column '" + column + "'; columns are " + header);
        }
        return c;
    }

    /** Refuses to read and write the same file, and to replace an existing output unless asked. */
    private static void requireWritable(Path in, Path out, boolean overwrite) {
        if (!Files.isRegularFile(in)) {
            throw new PseudonymException(in + ": no such file");
        }
        try {
            if (Files.exists(out) && Files.isSameFile(in, out)) {
                throw new PseudonymException(ErrorKind.CONFLICT, out + ": is the input file; write the output elsewhere");
            }
        } catch (IOException e) {
            throw new PseudonymException(out + ": cannot be checked", e);
        }
        if (Files.exists(out) && !overwrite) {
            throw new PseudonymException(ErrorKind.CONFLICT, out + ": already exists; give --force to replace it");
        }
    }

    /** Streams rows from a reader to a printer; returns {rows, the other count}. */
    @FunctionalInterface
    private interface Body {
        long[] run(Reader reader, CSVPrinter printer) throws IOException;
    }

    private static Report write(Path in, Path out, char delimiter, Body body) {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + out.getFileName(), ".partial");
            long[] counts;
            try (Reader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                 Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get())) {
                counts = body.run(reader, printer);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return new Report(counts[0], counts[1], out);
        } catch (IOException | UncheckedIOException e) {
            throw new PseudonymException(out.getFileName() + ": cannot be written (or " + in.getFileName() + " read)", e);
        } catch (IllegalArgumentException e) {
            throw new PseudonymException(in.getFileName() + ": not a CSV file with a header line (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // hidden and named .partial: it never looks like a finished output
                }
            }
        }
    }
}

package org.healthgraph.importers.snds;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;


/**
 * One table file of an extract: separator and encoding detected from its start unless given,
 * columns looked up by name (case-insensitive), unknown columns ignored, required ones checked.
 * Reading is strict: a byte that is not of the file's encoding stops the import naming the file and
 * line; a line longer than the limit, or a value that breaks a rule ({@link BadValue}), is left out
 * and reported with its file, line and column, never its content.
 */
final class CsvTable {

    /** The default limit on a line's length, in characters: 1 MiB. */
    static final int DEFAULT_MAX_LINE = 1 << 20;
    /** More fields than this on a line is no SNDS table. */
    static final int MAX_FIELDS = 10_000;
    /** How often a long read says how far it is. */
    static final long PROGRESS_INTERVAL_MILLIS = 10_000;

    private final Path file;
    private final String table;
    private final char separator;
    private final Charset charset;
    private final int maxLine;
    private final LeftOutRows leftOut;
    private final Consumer<String> progress;
    private final Map<String, Integer> columns = new HashMap<>();
    private String[] names = new String[0];

    CsvTable(Path file, String table, Optional<Character> separator, Optional<Charset> charset, List<String> required) {
        this(file, table, separator, charset, required, DEFAULT_MAX_LINE, new LeftOutRows());
    }

    CsvTable(Path file, String table, Optional<Character> separator, Optional<Charset> charset, List<String> required,
             int maxLine, LeftOutRows leftOut) {
        this(file, table, separator, charset, required, maxLine, leftOut, line -> { });
    }

    /**
     * @param progress told {@code reading TABLE: N rows} every {@value #PROGRESS_INTERVAL_MILLIS} ms of
     *                 a long read, and {@code read TABLE: N rows in S s} at its end (counts only, never content)
     */
    CsvTable(Path file, String table, Optional<Character> separator, Optional<Charset> charset, List<String> required,
             int maxLine, LeftOutRows leftOut, Consumer<String> progress) {
        this.file = file;
        this.table = table;
        this.maxLine = maxLine;
        this.leftOut = leftOut;
        this.progress = progress;
        try {
            byte[] head = readHead(file);
            this.charset = charset.orElseGet(() -> detectCharset(head));
            String firstLine = header();
            this.separator = separator.orElseGet(() -> count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',');
            names = firstLine.replace("\uFEFF", "").split(java.util.regex.Pattern.quote(String.valueOf(this.separator)), -1);
            for (int i = 0; i < names.length; i++) {
                names[i] = names[i].trim().replace("\"", "").toUpperCase(Locale.ROOT);
                columns.put(names[i], i);
            }
        } catch (CharacterCodingException e) {
            throw new SndsImportException(where(1) + ": " + encodingRule(), e);
        } catch (IOException e) {
            throw new SndsImportException("cannot read " + table + " (" + file.getFileName() + "): "
                    + e.getClass().getSimpleName(), e);
        }
        List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            // The header's own names are not repeated: a file that is no table at all (a link to
            // /etc/passwd, say) would have its first line printed.
            throw new SndsImportException(table + " (" + file.getFileName() + ") lacks required column(s) "
                    + String.join(", ", missing) + "; its header has " + names.length + " column(s)");
        }
    }

    /** The first line of the file, decoded strictly; a line longer than the limit is an error. */
    private String header() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            StrictDecoder d = new StrictDecoder(in, charset);
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = d.next()) != -1 && c != '\n' && c != '\r') {
                if (b.length() >= maxLine) {
                    throw new SndsImportException(where(1) + ": the header is longer than " + maxLine
                            + " characters (the limit on a line; raise it with --max-line-length)");
                }
                b.append((char) c);
            }
            return b.toString();
        }
    }

    private String where(long line) {
        return table + " (" + file.getFileName() + ") line " + line;
    }

    private String encodingRule() {
        return "a byte sequence that is not " + charset.name() + " (the file's encoding, "
                + "given or detected from its first 64 KiB): the file is not imported; convert it, or give its encoding"
                + " with --encoding";
    }

    /** The rule a line longer than the limit breaks. */
    String lineTooLong() {
        return "a line longer than " + maxLine + " characters (raise the limit with --max-line-length)";
    }

    String table() {
        return table;
    }

    /** The position of a column, or -1 when the file lacks it. */
    int column(String name) {
        return columns.getOrDefault(name, -1);
    }

    /** The name of a column by its position, for reports. */
    String columnName(int column) {
        return column >= 0 && column < names.length ? names[column] : "";
    }

    /**
     * Calls {@code row} with every data line (the same {@link Row} object, refilled: read what is
     * needed before returning); returns the number of lines. Fields follow RFC 4180 (quotes, doubled
     * quotes, separators and line breaks inside quotes), are trimmed, and empty lines are skipped.
     * Only the fields asked for become strings: an extract has tens of millions of lines, most of
     * whose fields an import does not need (Commons CSV made a string of each, and dominated). A line
     * too long, or whose {@code row} throws {@link BadValue}, is left out and reported.
     */
    long forEach(Consumer<Row> row) {
        try (InputStream in = Files.newInputStream(file)) {
            StrictDecoder d = new StrictDecoder(in, charset);
            Row r = new Row(maxLine);
            long n = 0;
            boolean header = true;
            long t0 = System.nanoTime();
            long said = t0;
            while (read(r, d)) {
                if ((n & 0xFFFF) == 0xFFFF && System.nanoTime() - said >= PROGRESS_INTERVAL_MILLIS * 1_000_000) {
                    said = System.nanoTime();
                    progress.accept(String.format("reading %s: %,d rows", table, n));
                }
                if (r.isEmpty()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                n++;
                r.number = n + 1;
                if (r.tooLong != null) {
                    leftOut.add(file.getFileName().toString(), r.line, "", r.tooLong.equals("fields")
                            ? "a line with more than " + MAX_FIELDS + " fields" : lineTooLong());
                    continue;
                }
                try {
                    row.accept(r);
                } catch (BadValue e) {
                    leftOut.add(file.getFileName().toString(), r.line, e.column, e.rule);
                }
            }
            progress.accept(String.format("read %s: %,d rows in %.1f s", table, n, (System.nanoTime() - t0) / 1e9));
            return n;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SndsImportException("cannot read " + table + " (" + file.getFileName() + "): "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private boolean read(Row r, StrictDecoder d) throws IOException {
        try {
            return r.read(d, separator);
        } catch (CharacterCodingException e) {
            throw new SndsImportException(where(r.line) + ": " + encodingRule(), e);
        }
    }

    static String get(Row r, int column) {
        return r.get(column);
    }

    /** One line of a table: its fields as character ranges of one buffer, turned into strings on demand. */
    static final class Row {
        private final int max;
        private char[] buf = new char[256];
        private int len;
        private int[] starts = new int[32];
        private int[] ends = new int[32];
        private int fields;
        long number;
        /** The line the record starts on (1 for the header); lines read so far. */
        long line;
        private long lines;
        /** Why the record was cut short ("chars" or "fields"), or null. */
        String tooLong;

        Row(int max) {
            this.max = max;
        }

        Row() {
            this(DEFAULT_MAX_LINE);
        }

        /** The record number, counting the header as 1 (as Commons CSV does). */
        long getRecordNumber() {
            return number;
        }

        /** The line the record starts on, counting the header as 1. */
        long line() {
            return line;
        }

        int size() {
            return fields;
        }

        /** The field's value, or "" when the line has no such column. */
        String get(int column) {
            if (column < 0 || column >= fields || starts[column] == ends[column]) {
                return "";
            }
            return new String(buf, starts[column], ends[column] - starts[column]);
        }

        /** Whether the field is exactly {@code value}. */
        boolean is(int column, String value) {
            if (column < 0 || column >= fields) {
                return value.isEmpty();
            }
            int n = ends[column] - starts[column];
            if (n != value.length()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (buf[starts[column] + i] != value.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The field's characters (empty when absent), for parsing without a string. */
        int start(int column) {
            return column < 0 || column >= fields ? 0 : starts[column];
        }

        int length(int column) {
            return column < 0 || column >= fields ? 0 : ends[column] - starts[column];
        }

        char charAt(int index) {
            return buf[index];
        }

        /** Two independent 64-bit hashes of the fields (with their boundaries): a join key. */
        void hash(int[] columns, long[] out) {
            long h1 = 0xcbf29ce484222325L;
            long h2 = 0x9E3779B97F4A7C15L;
            for (int c : columns) {
                int from = start(c);
                int to = from + length(c);
                for (int i = from; i < to; i++) {
                    char ch = buf[i];
                    h1 = (h1 ^ ch) * 0x100000001b3L;
                    h2 = (h2 + ch) * 0xbf58476d1ce4e5b9L;
                    h2 ^= h2 >>> 29;
                }
                h1 = (h1 ^ 0x1F) * 0x100000001b3L;
                h2 = (h2 + 0x1F) * 0x94d049bb133111ebL;
                h2 ^= h2 >>> 31;
            }
            out[0] = h1;
            out[1] = h2;
        }

        boolean isEmpty() {
            return fields == 1 && starts[0] == ends[0];
        }

        private void put(char c) {
            if (len >= max) {
                tooLong = "chars";
                return;
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(max, len * 2));
            }
            buf[len++] = c;
        }

        private void endField(int start, boolean quoted) {
            int s = start;
            int e = len;
            if (!quoted) {
                while (s < e && buf[s] <= ' ') {
                    s++;
                }
                while (e > s && buf[e - 1] <= ' ') {
                    e--;
                }
            }
            if (fields == MAX_FIELDS) {
                tooLong = tooLong == null ? "fields" : tooLong;
                return;
            }
            if (fields == starts.length) {
                starts = Arrays.copyOf(starts, fields * 2);
                ends = Arrays.copyOf(ends, fields * 2);
            }
            starts[fields] = s;
            ends[fields] = e;
            fields++;
        }

        /** Reads the next record; false at the end of the input. */
        boolean read(StrictDecoder reader, char sep) throws IOException {
            len = 0;
            fields = 0;
            tooLong = null;
            line = lines + 1;
            int c = reader.next();
            if (c == -1) {
                return false;
            }
            if (c == '\uFEFF') {
                c = reader.next();
            }
            int start = 0;
            boolean quoted = false;
            while (true) {
                if (c == -1 || c == '\n') {
                    lines++;
                    endField(start, quoted);
                    return true;
                }
                if (c == '\r') {
                    int d = reader.next();
                    if (d != '\n' && d != -1) {
                        reader.unread();
                    }
                    lines++;
                    endField(start, quoted);
                    return true;
                }
                if (c == sep) {
                    endField(start, quoted);
                    start = len;
                    quoted = false;
                } else if (c == '"' && len == start) {
                    quoted = true;
                    while (true) {
                        int d = reader.next();
                        if (d == -1) {
                            break;
                        }
                        if (d == '"') {
                            int e = reader.next();
                            if (e == '"') {
                                put('"');
                                continue;
                            }
                            c = e;
                            break;
                        }
                        if (d == '\n') {
                            lines++;
                        }
                        put((char) d);
                    }
                    continue;
                } else {
                    put((char) c);
                }
                c = reader.next();
            }
        }
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(1 << 16);
        }
    }

    /**
     * UTF-8 when the sample is valid UTF-8, else windows-1252; but a sample that holds both valid
     * UTF-8 sequences and bytes that are not UTF-8 mixes encodings (a file edited with two tools, say):
     * read either way, some values would silently change, so it is an error naming the first line
     * at fault.
     */
    private Charset detectCharset(byte[] head) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, lastCompleteUtf8(head)));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(head);
            if (bad >= 0 && hasUtf8Sequence(head)) {
                throw new SndsImportException(where(lineOf(head, bad)) + ": the file mixes UTF-8 with another encoding"
                        + " (UTF-8 sequences, and a byte sequence that is not UTF-8 here): the file is not imported; convert"
                        + " it to one encoding, or give its encoding with --encoding");
            }
            return Charset.forName("windows-1252");
        }
    }

    /** The length of the UTF-8 sequence a lead byte starts, or 0 when it starts none. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        return lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    }

    /** Whether the bytes at {@code i} form a whole multi-byte UTF-8 sequence (overlongs aside). */
    private static boolean sequenceAt(byte[] b, int i) {
        int n = sequenceLength(b[i] & 0xFF);
        if (n == 0 || i + n > b.length) {
            return false;
        }
        for (int k = 1; k < n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasUtf8Sequence(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if ((b[i] & 0x80) != 0 && sequenceAt(b, i)) {
                return true;
            }
        }
        return false;
    }

    /** The position of the first byte that is not part of a UTF-8 character, or -1. */
    private static int firstInvalidUtf8(byte[] b) {
        int end = lastCompleteUtf8(b);
        int i = 0;
        while (i < end) {
            if ((b[i] & 0x80) == 0) {
                i++;
            } else if (sequenceAt(b, i)) {
                i += sequenceLength(b[i] & 0xFF);
            } else {
                return i;
            }
        }
        return -1;
    }

    private static long lineOf(byte[] b, int position) {
        long line = 1;
        for (int i = 0; i < position; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Avoids cutting a multi-byte character at the end of the sample. */
    private static int lastCompleteUtf8(byte[] b) {
        int end = b.length;
        int back = 0;
        while (end - back - 1 >= 0 && back < 4 && (b[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (end - back - 1 >= 0 && (b[end - back - 1] & 0x80) != 0) {
            return end - back - 1;
        }
        return end;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}

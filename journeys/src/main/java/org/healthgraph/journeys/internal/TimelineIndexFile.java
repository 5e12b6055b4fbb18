package org.healthgraph.journeys.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32C;

import org.healthgraph.journeys.store.JourneysStamp;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * A {@link TimelineIndex} saved in one file beside the graph, so that a process can open it in
 * seconds instead of reading every patient back from the graph.
 *
 * <p>Layout (little-endian, the byte order of the machines it runs on, so that a later version can
 * map the sections into memory as they are instead of copying them into the heap): a header of
 * {@value #HEADER_BYTES} bytes (magic, format version, the journeys stamp the index was current at,
 * counts, the offset and length of each section, the file's length, a CRC32C of everything after
 * the header, and a CRC32C of the header itself), then the sections, each starting on an 8-byte
 * boundary: the patient ids (a string table: {@code int} offsets then UTF-8 bytes), birth days,
 * patient-to-event offsets, event starts, ends, quantities, event-to-code offsets, codes (ids into
 * the code dictionary), sources, types, roles, then the code dictionary and the source names (string
 * tables), then the patient sets of the candidate-driven evaluation ({@link PatientSets}: one per code
 * of the dictionary then one per event type, in Roaring's portable format, {@code int} offsets then
 * bytes). Every array is as {@link TimelineIndex} holds it.
 *
 * <p>Opening ({@link #read}) maps the file and uses the sections in place: the arrays are not copied
 * onto the heap (only the patient ids are decoded into strings), and the patient sets are not rebuilt.
 * What is checked at open: the header (magic, version, its checksum), the file's length, the section
 * table and each section's length against the header's counts, a CRC32C of the whole body (which
 * reads every page once, so the file is then in the page cache), and the invariants the engine relies
 * on (sorted ids, offsets in order and in range, types, sources, codes and roles within their
 * dictionaries, each patient set's header and length). Nothing is checked lazily; every read of the
 * mapped arrays is also bounds-checked by the buffers.
 *
 * <p>Written atomically: to a temporary file in the same folder (owner-only permissions), forced
 * to disk, renamed over the previous file, and the folder forced. A reader therefore sees the old
 * file or the new one, never a mix; a file cut short or altered since is detected by its length
 * and checksums ({@link Unusable}).
 */
public final class TimelineIndexFile {

    /** The file's name in its folder. */
    public static final String FILE_NAME = "timeline.idx";
    /** Bumped whenever the layout changes: a file of another version is rebuilt, never read. */
    public static final int FORMAT_VERSION = 2;
    static final int HEADER_BYTES = 512;
    private static final byte[] MAGIC = "HGTIMELN".getBytes(StandardCharsets.US_ASCII);
    private static final int SECTIONS = 18;
    private static final int TABLE_AT = 80;
    private static final int HEADER_CRC_AT = HEADER_BYTES - 8;
    private static final int CHUNK = 1 << 20;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private TimelineIndexFile() {
    }

    /**
     * What the header says.
     *
     * @param formatVersion the layout's version
     * @param stamp the journeys stamp the index was current at
     * @param patients patients
     * @param events events
     * @param codes (event, code) pairs
     * @param fileLength the file's length when written
     */
    public record Header(int formatVersion, JourneysStamp stamp, int patients, int events, int codes, long fileLength) {
    }

    /** A saved index that cannot be used; the message says why (never with data from the file). */
    public static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /** Reads and checks the header only (magic, format version, header checksum, length). */
    public static Header readHeader(Path file) throws IOException, Unusable {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch);
        }
    }

    /**
     * Reads the whole index, checking the body's checksum and the arrays' consistency.
     *
     * @throws Unusable when the file is truncated, altered, of another format version or inconsistent
     */
    public static TimelineIndex read(Path file) throws IOException, Unusable {
        return read(file, false);
    }

    /**
     * Reads the whole index as {@link #read(Path)} does; {@code onHeap}: copies the arrays onto the
     * heap instead of using them mapped (faster to query, at the cost of their size in heap).
     */
    public static TimelineIndex read(Path file, boolean onHeap) throws IOException, Unusable {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch);
            long[][] table = table(ch, h);
            CRC32C crc = new CRC32C();
            for (long at = HEADER_BYTES; at < h.fileLength(); at += Integer.MAX_VALUE / 2) {
                crc.update(ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(Integer.MAX_VALUE / 2, h.fileLength() - at)));
            }
            if (crc.getValue() != storedBodyCrc(ch)) {
                throw new Unusable("its content does not match its checksum (altered or partly written)");
            }
            int n = h.patients();
            int e = h.events();
            int c = h.codes();
            String[] ids = strings(ints(ch, table[0], n + 1).array(), bytes(ch, table[1]));
            List<String> codeKeys = List.of(strings(ints(ch, table[12], -1).array(), bytes(ch, table[13])));
            List<String> sources = List.of(strings(ints(ch, table[14], -1).array(), bytes(ch, table[15])));
            PatientSets sets = PatientSets.read(codeKeys.size(), ints(ch, table[16], -1).array(), map(ch, table[17]));
            TimelineIndex index = new TimelineIndex(ids, mappedInts(ch, table[2], n), mappedInts(ch, table[3], n + 1),
                    mappedInts(ch, table[4], e), mappedInts(ch, table[5], e), mappedBytes(ch, table[10], e),
                    mappedInts(ch, table[6], e), mappedShorts(ch, table[9], e), mappedInts(ch, table[7], e + 1),
                    mappedInts(ch, table[8], c), mappedBytes(ch, table[11], c), codeKeys, sources, sets);
            if (onHeap) {
                index = index.onHeap();
            }
            check(index);
            return index;
        }
    }

    /**
     * Saves {@code index}, current at {@code stamp}, as {@code dir/}{@value #FILE_NAME}, atomically,
     * readable by its owner only; creates {@code dir} (owner-only) when absent.
     *
     * @return the file's length in bytes
     */
    public static long write(Path dir, TimelineIndex index, JourneysStamp stamp) throws IOException {
        createOwnerOnly(dir);
        Path tmp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
        try {
            restrict(tmp, OWNER_ONLY_FILE);
            long length;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                length = writeTo(ch, index, stamp);
                ch.force(true);
            }
            move(tmp, dir.resolve(FILE_NAME));
            forceFolder(dir);
            return length;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes temporary files left by a save that was interrupted (a crash, a kill). */
    public static void deleteLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, FILE_NAME + ".*.tmp")) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
    }

    // --- reading

    private static Header header(FileChannel ch) throws IOException, Unusable {
        long size = ch.size();
        if (size < HEADER_BYTES) {
            throw new Unusable("it is truncated: " + size + " bytes, shorter than its " + HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = readFully(ch, 0, HEADER_BYTES);
        byte[] magic = new byte[MAGIC.length];
        b.get(0, magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new Unusable("it is not a timeline index file (wrong magic number)");
        }
        int version = b.getInt(8);
        if (version != FORMAT_VERSION) {
            throw new Unusable("it is of format version " + version + " and this build reads version " + FORMAT_VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(0).limit(HEADER_CRC_AT));
        if (crc.getValue() != b.getLong(HEADER_CRC_AT)) {
            throw new Unusable("its header does not match its checksum (altered or partly written)");
        }
        long length = b.getLong(64);
        if (size != length) {
            throw new Unusable(size < length ? "it is truncated: " + size + " of " + length + " bytes"
                    : "it is longer than written: " + size + " bytes instead of " + length);
        }
        int patients = b.getInt(40);
        int events = b.getInt(44);
        int codes = b.getInt(48);
        if (patients < 0 || events < 0 || codes < 0 || b.getInt(60) != SECTIONS) {
            throw new Unusable("its header is inconsistent");
        }
        return new Header(version, new JourneysStamp(b.getLong(16), new UUID(b.getLong(24), b.getLong(32))), patients, events,
                codes, length);
    }

    private static long storedBodyCrc(FileChannel ch) throws IOException {
        return readFully(ch, 0, HEADER_BYTES).getLong(72);
    }

    private static long[][] table(FileChannel ch, Header h) throws IOException, Unusable {
        ByteBuffer b = readFully(ch, 0, HEADER_BYTES);
        long[][] table = new long[SECTIONS][];
        long previousEnd = HEADER_BYTES;
        for (int s = 0; s < SECTIONS; s++) {
            long offset = b.getLong(TABLE_AT + 16 * s);
            long length = b.getLong(TABLE_AT + 16 * s + 8);
            if (offset < previousEnd || length < 0 || offset + length > h.fileLength() || length > Integer.MAX_VALUE) {
                throw new Unusable("its section table is inconsistent");
            }
            table[s] = new long[] {offset, length};
            previousEnd = offset + length;
        }
        return table;
    }

    private static ByteBuffer readFully(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.flip();
    }

    private static MappedByteBuffer map(FileChannel ch, long[] section) throws IOException {
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, section[0], section[1]);
        m.order(ByteOrder.LITTLE_ENDIAN);
        return m;
    }

    /** An int section of {@code count} values ({@code -1}: as many as it holds), copied onto the heap (small sections). */
    private static IntBuffer ints(FileChannel ch, long[] section, int count) throws IOException, Unusable {
        int[] out = new int[length(section, count, Integer.BYTES)];
        map(ch, section).asIntBuffer().get(out);
        return IntBuffer.wrap(out);
    }

    /** An int section of {@code count} values, used in place. */
    private static IntBuffer mappedInts(FileChannel ch, long[] section, int count) throws IOException, Unusable {
        length(section, count, Integer.BYTES);
        return map(ch, section).asIntBuffer();
    }

    private static ShortBuffer mappedShorts(FileChannel ch, long[] section, int count) throws IOException, Unusable {
        length(section, count, Short.BYTES);
        return map(ch, section).asShortBuffer();
    }

    private static ByteBuffer mappedBytes(FileChannel ch, long[] section, int count) throws IOException, Unusable {
        length(section, count, Byte.BYTES);
        return map(ch, section);
    }

    /** The number of values of a section, checked against {@code count} when it is not -1. */
    private static int length(long[] section, int count, int width) throws Unusable {
        int n = count >= 0 ? count : (int) (section[1] / width);
        if (section[1] != (long) n * width) {
            throw new Unusable("a section's length does not match the counts of the header");
        }
        return n;
    }

    private static byte[] bytes(FileChannel ch, long[] section) throws IOException {
        byte[] out = new byte[(int) section[1]];
        map(ch, section).get(out);
        return out;
    }

    private static String[] strings(int[] offsets, byte[] bytes) throws Unusable {
        if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != bytes.length) {
            throw new Unusable("a string table is inconsistent");
        }
        String[] out = new String[offsets.length - 1];
        for (int i = 0; i < out.length; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new Unusable("a string table is inconsistent");
            }
            out[i] = new String(bytes, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
        }
        return out;
    }

    /**
     * The invariants queries rely on: sorted unique ids, offsets in order and in range, each patient's
     * events by start day and none ending before it starts, ids within dictionaries.
     */
    static void check(TimelineIndex x) throws Unusable {
        int n = x.ids.length;
        int e = x.start.limit();
        int c = x.code.limit();
        for (int i = 1; i < n; i++) {
            if (x.ids[i - 1].compareTo(x.ids[i]) >= 0) {
                throw new Unusable("its patient ids are not in order");
            }
        }
        requireOffsets(x.eventOffset, e, "patient-to-event");
        requireOffsets(x.codeOffset, c, "event-to-code");
        // The engine walks a rule's window by start day (TimelineEngine.windowFrom): events by start, none ending before it starts.
        for (int p = 0; p < n; p++) {
            for (int i = x.eventOffset.get(p), to = x.eventOffset.get(p + 1), previous = Integer.MIN_VALUE; i < to; i++) {
                int s = x.start.get(i);
                if (s < previous || x.end.get(i) < s) {
                    throw new Unusable("a patient's events are not in timeline order");
                }
                previous = s;
            }
        }
        int types = TimelineIndex.TYPES.length;
        int sources = x.sources.size();
        for (int i = 0; i < e; i++) {
            int t = x.type.get(i);
            int s = x.source.get(i);
            if (t < 0 || t >= types || s < 0 || s >= sources) {
                throw new Unusable("an event's type or source is out of range");
            }
        }
        int codes = x.codeKeys.size();
        int roles = TimelineIndex.ROLES.length;
        for (int i = 0; i < c; i++) {
            int k = x.code.get(i);
            int r = x.role.get(i);
            if (k < 0 || k >= codes || r < 0 || r >= roles) {
                throw new Unusable("a code or role is out of range");
            }
        }
    }

    private static void requireOffsets(IntBuffer offsets, int last, String what) throws Unusable {
        int n = offsets.limit();
        if (offsets.get(0) != 0 || offsets.get(n - 1) != last) {
            throw new Unusable("its " + what + " offsets are inconsistent");
        }
        int previous = 0;
        for (int i = 1; i < n; i++) {
            int o = offsets.get(i);
            if (o < previous) {
                throw new Unusable("its " + what + " offsets are inconsistent");
            }
            previous = o;
        }
    }

    // --- writing

    private static long writeTo(FileChannel ch, TimelineIndex x, JourneysStamp stamp) throws IOException {
        Body body = new Body(ch);
        long[][] table = new long[SECTIONS][];
        StringTable ids = StringTable.of(List.of(x.ids));
        StringTable codeKeys = StringTable.of(x.codeKeys);
        StringTable sources = StringTable.of(x.sources);
        table[0] = body.ints(IntBuffer.wrap(ids.offsets));
        table[1] = body.bytes(ByteBuffer.wrap(ids.bytes));
        table[2] = body.ints(x.birth.duplicate());
        table[3] = body.ints(x.eventOffset.duplicate());
        table[4] = body.ints(x.start.duplicate());
        table[5] = body.ints(x.end.duplicate());
        table[6] = body.ints(x.quantity.duplicate());
        table[7] = body.ints(x.codeOffset.duplicate());
        table[8] = body.ints(x.code.duplicate());
        table[9] = body.shorts(x.source.duplicate());
        table[10] = body.bytes(x.type.duplicate());
        table[11] = body.bytes(x.role.duplicate());
        table[12] = body.ints(IntBuffer.wrap(codeKeys.offsets));
        table[13] = body.bytes(ByteBuffer.wrap(codeKeys.bytes));
        table[14] = body.ints(IntBuffer.wrap(sources.offsets));
        table[15] = body.bytes(ByteBuffer.wrap(sources.bytes));
        List<ImmutableRoaringBitmap> sets = x.patientSets().serialized();
        int[] setOffsets = new int[sets.size() + 1];
        for (int i = 0; i < sets.size(); i++) {
            long next = (long) setOffsets[i] + sets.get(i).serializedSizeInBytes();
            if (next > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("the patient sets of the timeline index exceed 2 GB");
            }
            setOffsets[i + 1] = (int) next;
        }
        table[16] = body.ints(IntBuffer.wrap(setOffsets));
        table[17] = body.sets(sets);
        long length = body.finish();
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, MAGIC);
        h.putInt(8, FORMAT_VERSION);
        h.putInt(12, HEADER_BYTES);
        h.putLong(16, stamp.version());
        h.putLong(24, stamp.token().getMostSignificantBits());
        h.putLong(32, stamp.token().getLeastSignificantBits());
        h.putInt(40, x.ids.length);
        h.putInt(44, x.start.limit());
        h.putInt(48, x.code.limit());
        h.putInt(52, x.codeKeys.size());
        h.putInt(56, x.sources.size());
        h.putInt(60, SECTIONS);
        h.putLong(64, length);
        h.putLong(72, body.crc.getValue());
        for (int s = 0; s < SECTIONS; s++) {
            h.putLong(TABLE_AT + 16 * s, table[s][0]);
            h.putLong(TABLE_AT + 16 * s + 8, table[s][1]);
        }
        CRC32C crc = new CRC32C();
        crc.update(h.duplicate().position(0).limit(HEADER_CRC_AT));
        h.putLong(HEADER_CRC_AT, crc.getValue());
        h.position(0).limit(HEADER_BYTES);
        while (h.hasRemaining()) {
            ch.write(h, h.position());
        }
        return length;
    }

    /** Strings as one array of UTF-8 bytes and {@code int} offsets into it. */
    private record StringTable(int[] offsets, byte[] bytes) {
        static StringTable of(List<String> strings) {
            int[] offsets = new int[strings.size() + 1];
            List<byte[]> encoded = new ArrayList<>(strings.size());
            long total = 0;
            for (int i = 0; i < strings.size(); i++) {
                byte[] b = strings.get(i).getBytes(StandardCharsets.UTF_8);
                encoded.add(b);
                total += b.length;
                if (total > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("a string table of the timeline index exceeds 2 GB");
                }
                offsets[i + 1] = (int) total;
            }
            byte[] bytes = new byte[(int) total];
            for (int i = 0; i < encoded.size(); i++) {
                System.arraycopy(encoded.get(i), 0, bytes, offsets[i], encoded.get(i).length);
            }
            return new StringTable(offsets, bytes);
        }
    }

    /** The sections after the header, written through one buffer, each 8-byte aligned, checksummed as written. */
    private static final class Body {
        final FileChannel ch;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        final CRC32C crc = new CRC32C();
        long position = HEADER_BYTES;

        Body(FileChannel ch) {
            this.ch = ch;
        }

        /** Writes {@code values} from position 0 to its limit. */
        long[] ints(IntBuffer values) throws IOException {
            long at = align();
            int total = values.limit();
            for (int from = 0; from < total; ) {
                int n = Math.min(total - from, buffer.remaining() / Integer.BYTES);
                if (n == 0) {
                    flush();
                    continue;
                }
                buffer.asIntBuffer().put(0, values, from, n);
                buffer.position(buffer.position() + n * Integer.BYTES);
                from += n;
            }
            return new long[] {at, (long) total * Integer.BYTES};
        }

        long[] shorts(ShortBuffer values) throws IOException {
            long at = align();
            int total = values.limit();
            for (int from = 0; from < total; ) {
                int n = Math.min(total - from, buffer.remaining() / Short.BYTES);
                if (n == 0) {
                    flush();
                    continue;
                }
                buffer.asShortBuffer().put(0, values, from, n);
                buffer.position(buffer.position() + n * Short.BYTES);
                from += n;
            }
            return new long[] {at, (long) total * Short.BYTES};
        }

        long[] bytes(ByteBuffer values) throws IOException {
            long at = align();
            raw(values);
            return new long[] {at, values.limit()};
        }

        /** Writes {@code values} from position 0 to its limit where the body is, without aligning. */
        private void raw(ByteBuffer values) throws IOException {
            int total = values.limit();
            for (int from = 0; from < total; ) {
                int n = Math.min(total - from, buffer.remaining());
                if (n == 0) {
                    flush();
                    continue;
                }
                buffer.put(buffer.position(), values, from, n);
                buffer.position(buffer.position() + n);
                from += n;
            }
        }

        /** The sets one after the other, each in Roaring's portable format. */
        long[] sets(List<ImmutableRoaringBitmap> sets) throws IOException {
            long at = align();
            long total = 0;
            for (ImmutableRoaringBitmap set : sets) {
                int size = set.serializedSizeInBytes();
                if (size > buffer.remaining()) {
                    flush();
                }
                if (size > buffer.remaining()) {
                    ByteBuffer one = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
                    set.serialize(one);
                    raw(one.flip());
                } else {
                    ByteBuffer slice = buffer.slice(buffer.position(), size).order(ByteOrder.LITTLE_ENDIAN);
                    set.serialize(slice);
                    buffer.position(buffer.position() + size);
                }
                total += size;
            }
            return new long[] {at, total};
        }

        /** Pads to the next multiple of 8 and returns that offset. */
        private long align() throws IOException {
            long at = position + buffer.position();
            int pad = (int) ((8 - at % 8) % 8);
            if (buffer.remaining() < pad) {
                flush();
            }
            for (int i = 0; i < pad; i++) {
                buffer.put((byte) 0);
            }
            return at + pad;
        }

        private void flush() throws IOException {
            buffer.flip();
            crc.update(buffer.duplicate());
            while (buffer.hasRemaining()) {
                position += ch.write(buffer, position);
            }
            buffer.clear();
        }

        long finish() throws IOException {
            flush();
            return position;
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        restrict(dir, OWNER_ONLY_DIR);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable; not every platform can open a folder to force it (then the rename stands as the OS keeps it). */
    private static void forceFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // best effort: see above
        }
    }
}

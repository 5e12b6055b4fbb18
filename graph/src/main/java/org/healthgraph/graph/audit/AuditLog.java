package org.healthgraph.graph.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.secret.SecretKeyFile;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail kept in a folder ({@code <data-dir>/audit/}, owner-only): {@code audit.log}, one
 * JSON record a line, appended and forced to disk before {@link #record} returns; each record holds
 * the keyed hash of the one before it and its own (HMAC-SHA256 with a key of 256 random bits made at
 * first use, {@code .audit-key}, owner-only), so that a changed, removed, inserted or reordered record
 * breaks the chain; {@code head} holds the last sequence number and hash, keyed too, so that records
 * cut from the end are detected as well.
 *
 * <p>What this does not protect against, said in docs/security.md: someone who can read the key (the
 * owner of the data folder, root) can rewrite the whole trail consistently. Ship the trail to storage
 * they cannot write (a syslog server, WORM storage) where that matters.
 *
 * <p>One process writes a data folder at a time (the data folder lock); within it, records are
 * appended one at a time.
 */
public final class AuditLog implements AuditTrail {

    /** The trail's file in its folder. */
    public static final String FILE = "audit.log";
    static final String HEAD = "head";
    static final String KEY = ".audit-key";
    private static final String GENESIS = "0".repeat(64);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final byte[] key;
    private final Clock clock;
    private long sequence;
    private String last;

    private AuditLog(Path dir, byte[] key, Clock clock, long sequence, String last) {
        this.dir = dir;
        this.key = key;
        this.clock = clock;
        this.sequence = sequence;
        this.last = last;
    }

    /**
     * Opens the trail in {@code dir}, making the folder and the key at first use. The trail's last
     * record is read back (not verified: {@link #verify} does that) so that new records chain on it.
     */
    public static AuditLog open(Path dir) {
        return open(dir, Clock.systemUTC());
    }

    /**
     * Opens an existing trail to read and verify it, making nothing: a folder without a trail (a wrong
     * data folder) is refused with NOT_FOUND.
     */
    public static AuditLog openExisting(Path dir) {
        if (!Files.isRegularFile(dir.resolve(KEY))) {
            throw new AuditException(ErrorKind.NOT_FOUND, "there is no audit trail in " + dir + " (no " + KEY + "):"
                    + " check --data-dir; a server writes its trail in <data-dir>/audit", null);
        }
        return open(dir, Clock.systemUTC());
    }

    static AuditLog open(Path dir, Clock clock) {
        try {
            createOwnerOnly(dir);
            byte[] key = SecretKeyFile.readOrCreate(dir.resolve(KEY), "the audit trail");
            long seq = 0;
            String last = GENESIS;
            Optional<String> tail = lastLine(dir.resolve(FILE));
            if (tail.isPresent()) {
                // A damaged last line stops the start: new records could not chain on it. Nothing is lost.
                JsonNode node = parse(tail.get(), -1);
                seq = node.path("seq").asLong();
                last = node.path("mac").asString();
            }
            return new AuditLog(dir, key, clock, seq, last);
        } catch (IOException e) {
            throw new AuditException(ErrorKind.UNAVAILABLE, "cannot open the audit trail in " + dir + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage() + ". Check that healthgraph.data-dir is writable"
                    + " by this user", e);
        }
    }

    @Override
    public synchronized void record(AuditEvent event) {
        Instant at = clock.instant();
        long next = sequence + 1;
        Map<String, Object> fields = fields(next, at, event, last);
        String mac = mac(canonical(fields));
        fields.put("mac", mac);
        byte[] line = (JSON.writeValueAsString(fields) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(dir.resolve(FILE), Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), ownerOnly())) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        } catch (IOException e) {
            throw new AuditException(ErrorKind.UNAVAILABLE, "cannot write the audit trail " + dir.resolve(FILE) + " ("
                    + e.getClass().getSimpleName() + "): the act was not served because it could not be recorded", e);
        }
        sequence = next;
        last = mac;
        writeHead(next, mac);
    }

    /** Records kept, oldest first, from {@code since} on when given. */
    public List<AuditRecord> read(Optional<Instant> since) {
        List<AuditRecord> out = new ArrayList<>();
        try {
            forEachLine(dir, (line, n) -> {
                AuditRecord r = toRecord(parse(line, n), n);
                if (since.isEmpty() || !r.at().isBefore(since.get())) {
                    out.add(r);
                }
            });
        } catch (IOException e) {
            throw new AuditException(ErrorKind.UNAVAILABLE, "cannot read the audit trail " + dir.resolve(FILE) + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return out;
    }

    /** What {@link #verify} found: how many records it checked and every break of the chain. */
    public record Verification(long records, List<String> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks every record's hash, the chain from one record to the next, the sequence numbers and the
     * head: names the line and sequence number of each record changed, removed, inserted or
     * reordered, and records cut from the end.
     */
    public Verification verify() {
        List<String> problems = new ArrayList<>();
        long[] expected = {1};
        String[] previous = {GENESIS};
        long[] count = {0};
        try {
            forEachLine(dir, (line, n) -> {
                count[0]++;
                JsonNode node;
                try {
                    node = parse(line, n);
                } catch (AuditException e) {
                    problems.add(e.getMessage());
                    return;
                }
                long seq = node.path("seq").asLong(-1);
                String mac = node.path("mac").asString("");
                if (seq != expected[0]) {
                    problems.add("line " + n + ": record " + seq + " where record " + expected[0] + " was expected ("
                            + (seq > expected[0] ? "records removed before it" : "a record inserted or moved") + ")");
                }
                if (!node.path("prev").asString("").equals(previous[0])) {
                    problems.add("line " + n + ": record " + seq + " does not follow the record before it (chain broken:"
                            + " a record removed, inserted or reordered)");
                }
                if (!MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII),
                        mac(canonical(fieldsOf(node))).getBytes(StandardCharsets.US_ASCII))) {
                    problems.add("line " + n + ": record " + seq + " was changed after it was written (its hash does not match)");
                }
                expected[0] = seq + 1;
                previous[0] = mac;
            });
        } catch (IOException e) {
            throw new AuditException(ErrorKind.UNAVAILABLE, "cannot read the audit trail " + dir.resolve(FILE) + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        checkHead(expected[0] - 1, previous[0], problems);
        return new Verification(count[0], List.copyOf(problems));
    }

    private void checkHead(long lastSeq, String lastMac, List<String> problems) {
        Path head = dir.resolve(HEAD);
        if (!Files.exists(head)) {
            if (lastSeq > 0) {
                problems.add(HEAD + " is missing: records cut from the end would not be seen");
            }
            return;
        }
        try {
            String[] parts = Files.readString(head, StandardCharsets.US_ASCII).strip().split(" ");
            if (parts.length != 3 || !MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII),
                    headMac(parts[0], parts[1]).getBytes(StandardCharsets.US_ASCII))) {
                problems.add(HEAD + " was changed (its hash does not match)");
                return;
            }
            long headSeq = Long.parseLong(parts[0]);
            if (headSeq > lastSeq) {
                problems.add("records " + (lastSeq + 1) + " to " + headSeq + " were cut from the end of the trail");
            } else if (headSeq == lastSeq && !parts[1].equals(lastMac)) {
                problems.add("the last record is not the one the head names (replaced)");
            } else if (headSeq < lastSeq - 1) {
                problems.add("the head names record " + headSeq + " but the trail goes on to " + lastSeq
                        + " (records appended by something other than healthgraph)");
            }
            // headSeq == lastSeq - 1: a process stopped between a record and its head; the record is whole.
        } catch (IOException | NumberFormatException e) {
            problems.add(HEAD + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void writeHead(long seq, String mac) {
        Path head = dir.resolve(HEAD);
        Path temporary = dir.resolve(HEAD + ".tmp");
        String value = seq + " " + mac + " " + headMac(Long.toString(seq), mac) + "\n";
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, ownerOnly());
            Files.writeString(temporary, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
            Files.move(temporary, head, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AuditException(ErrorKind.UNAVAILABLE, "cannot write the audit trail's head " + head + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Map<String, Object> fields(long seq, Instant at, AuditEvent e, String previous) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", seq);
        fields.put("at", at.toString());
        fields.put("actor", e.actor());
        fields.put("action", e.action().name());
        fields.put("target", e.target());
        fields.put("patients", e.patients().isPresent() ? e.patients().getAsLong() : null);
        fields.put("outcome", e.outcome().name());
        fields.put("detail", e.detail());
        fields.put("prev", previous);
        return fields;
    }

    /** The fields of a kept record as they were hashed, rebuilt from the line (whatever order it has now). */
    private static Map<String, Object> fieldsOf(JsonNode node) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", node.path("seq").asLong());
        fields.put("at", node.path("at").asString(""));
        fields.put("actor", node.path("actor").asString(""));
        fields.put("action", node.path("action").asString(""));
        fields.put("target", node.path("target").asString(""));
        fields.put("patients", node.path("patients").isNumber() ? node.path("patients").asLong() : null);
        fields.put("outcome", node.path("outcome").asString(""));
        fields.put("detail", node.path("detail").asString(""));
        fields.put("prev", node.path("prev").asString(""));
        return fields;
    }

    private static String canonical(Map<String, Object> fields) {
        return JSON.writeValueAsString(fields);
    }

    private static AuditRecord toRecord(JsonNode node, long line) {
        try {
            AuditEvent event = new AuditEvent(node.path("actor").asString(""),
                    AuditAction.valueOf(node.path("action").asString("")), node.path("target").asString(""),
                    node.path("patients").isNumber() ? OptionalLong.of(node.path("patients").asLong()) : OptionalLong.empty(),
                    AuditEvent.Outcome.valueOf(node.path("outcome").asString("")), node.path("detail").asString(""));
            return new AuditRecord(node.path("seq").asLong(), Instant.parse(node.path("at").asString("")), event,
                    node.path("prev").asString(""), node.path("mac").asString(""));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new AuditException(ErrorKind.INVALID_INPUT, "audit trail line " + line + ": not a record this program"
                    + " wrote (" + e.getClass().getSimpleName() + "); run 'healthgraph audit --verify'", e);
        }
    }

    private static JsonNode parse(String line, long number) {
        String n = number < 0 ? "(last line)" : Long.toString(number);
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new AuditException(ErrorKind.INVALID_INPUT, "audit trail line " + n + ": not a JSON record", null);
            }
            return node;
        } catch (JacksonException e) {
            // The line itself is not echoed: a damaged trail could hold anything.
            throw new AuditException(ErrorKind.INVALID_INPUT, "audit trail line " + n + ": not a JSON record ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @FunctionalInterface
    private interface LineConsumer {
        void accept(String line, long number);
    }

    /** Every whole line of the trail; a last line without its newline (being written) is left out. */
    private static void forEachLine(Path dir, LineConsumer consumer) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        boolean lastIsWhole = endsWithNewline(file);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            long n = 0;
            while (line != null) {
                String next = reader.readLine();
                n++;
                if (!line.isBlank() && (next != null || lastIsWhole)) {
                    consumer.accept(line, n);
                }
                line = next;
            }
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            in.read(one, size - 1);
            return one.get(0) == '\n';
        }
    }

    /** The last whole line of {@code file}, read from its end (the trail may be long). */
    private static Optional<String> lastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = in.size();
            int chunk = 64 * 1024;
            while (true) {
                long from = Math.max(0, end - chunk);
                ByteBuffer buffer = ByteBuffer.allocate((int) (end - from));
                while (buffer.hasRemaining() && in.read(buffer, from + buffer.position()) > 0) {
                    // reads until the buffer is full
                }
                String text = new String(buffer.array(), StandardCharsets.UTF_8);
                int lastNewline = text.lastIndexOf('\n');
                if (lastNewline < 0) {
                    if (from == 0) {
                        return Optional.empty();
                    }
                    chunk *= 2;
                    continue;
                }
                int before = text.lastIndexOf('\n', lastNewline - 1);
                if (before < 0 && from > 0) {
                    chunk *= 2;
                    continue;
                }
                String line = text.substring(before + 1, lastNewline);
                return line.isBlank() ? Optional.empty() : Optional.of(line);
            }
        }
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private String headMac(String seq, String mac) {
        return mac("head " + seq + " " + mac);
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return SecretKeyFile.ownerOnly();
    }

    @Override
    public String toString() {
        return "AuditLog[" + dir + ", key not shown]";
    }
}

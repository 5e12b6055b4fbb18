package org.healthgraph.graph.internal.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.healthgraph.graph.GraphUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of the embedded Neo4j's user {@code neo4j}: 192 random bits made at the first start
 * of a data folder and kept in {@code <data-dir>/neo4j/.bolt-password}, readable by its owner only
 * (the owner of the data folder, who can read the store files anyway). Anyone else on the machine
 * who reaches the Bolt port on loopback is refused. The value is never logged, printed nor put in a
 * message: {@link #toString()} hides it.
 */
final class BoltPassword {

    static final String FILE = ".bolt-password";
    private static final Logger LOG = LoggerFactory.getLogger(BoltPassword.class);
    private static final int RANDOM_BYTES = 24;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private BoltPassword(String value) {
        this.value = value;
    }

    /** The password kept in {@code home}, made owner-only if it was not; empty when there is none yet. */
    static Optional<BoltPassword> read(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            restrict(file).ifPresent(was -> LOG.warn("Made {} owner-only (it was {})", file, was));
            String value = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!WELL_FORMED.matcher(value).matches()) {
                // The content is not echoed: it is (or was meant to be) a secret.
                throw new GraphUnavailableException("The embedded Neo4j password file " + file + " is not one this"
                        + " program wrote (expected 22 to 128 letters, digits, '-' or '_'). Delete it: the next start"
                        + " makes a new password.", null);
            }
            return Optional.of(new BoltPassword(value));
        } catch (IOException e) {
            throw new GraphUnavailableException("Cannot read the embedded Neo4j password file " + file + " ("
                    + e.getClass().getSimpleName() + "). Check its owner and permissions (it must be readable by the"
                    + " user running healthgraph).", e);
        }
    }

    /** A new random password, not yet saved. */
    static BoltPassword random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new BoltPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Saves the password in {@code home}, owner-only from its creation (written to a temporary file
     * then moved, so that a crash leaves either no file or a whole one).
     */
    void save(Path home) {
        Path file = home.resolve(FILE);
        Path temporary = home.resolve(FILE + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, ownerOnly());
            Files.writeString(temporary, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            restrict(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new GraphUnavailableException("Cannot write the embedded Neo4j password file " + file + " ("
                    + e.getClass().getSimpleName() + "). Set healthgraph.data-dir (or HEALTHGRAPH_DATA_DIR) to a"
                    + " writable folder.", e);
        }
    }

    String value() {
        return value;
    }

    /**
     * Takes the group's and others' rights away from {@code file} where the file system has POSIX
     * modes; returns the rights it had when they were wider.
     */
    static Optional<String> restrict(Path file) throws IOException {
        if (!POSIX) {
            return Optional.empty();
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
        if (now.equals(OWNER_ONLY)) {
            return Optional.empty();
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return Optional.of(PosixFilePermissions.toString(now));
    }

    private static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    @Override
    public String toString() {
        return "BoltPassword[(not shown)]";
    }
}

package org.healthgraph.graph.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A key of 256 random bits in a file of its own (hexadecimal), made at first use with owner-only
 * rights (written to a temporary file, forced, then moved: a crash leaves no file or a whole one).
 * The key is never logged nor put in a message; a file this program did not write is refused
 * without echoing its content.
 */
public final class SecretKeyFile {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final int BYTES = 32;

    private SecretKeyFile() {
    }

    /**
     * The key in {@code file}, made if the file does not exist yet (its folder must).
     *
     * @param purpose what the key is for, named in errors ("the audit trail")
     * @throws IOException when the file cannot be read or written, or is not a key this program wrote
     *                     (the message names the file and the rule, never its content)
     */
    public static byte[] readOrCreate(Path file, String purpose) throws IOException {
        if (Files.exists(file)) {
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!hex.matches("[0-9a-f]{" + (2 * BYTES) + "}")) {
                throw new IOException("the key of " + purpose + " in " + file + " is not one this program wrote ("
                        + (2 * BYTES) + " hexadecimal digits). Restore it from a backup; deleting it makes a new key");
            }
            return HexFormat.of().parseHex(hex);
        }
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, ownerOnly());
        Files.writeString(temporary, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    /** The attributes of a new owner-only file, none where the file system has no POSIX modes. */
    public static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}

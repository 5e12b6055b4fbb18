package org.healthgraph.app.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders and files that only their owner may read: health data must not be readable by the other
 * users of a machine whatever their umask (0022 makes new files world-readable). Where the file
 * system has no POSIX modes (Windows), the folder's inherited ACLs apply and nothing is changed.
 */
public final class OwnerOnly {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Creates the folder and its missing parents, the ones created owner-only. */
    public static void createDirectories(Path dir) throws IOException {
        if (POSIX && !Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.exists(parent)) {
                createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Takes the group's and others' rights away from an existing folder, saying so once. */
    public static void restrict(Path dir) throws IOException {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
        if (!FOLDER.containsAll(now) || !now.containsAll(FOLDER)) {
            Files.setPosixFilePermissions(dir, FOLDER);
            LOG.info("Made the data folder {} owner-only (it was {})", dir, PosixFilePermissions.toString(now));
        }
    }

    /** The attributes of a new owner-only file ({@code rw-------}), none where there are no POSIX modes. */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Options to open a file for reading and writing, created when absent. */
    public static Set<OpenOption> fileOptions() {
        return Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}

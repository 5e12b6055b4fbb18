package org.healthgraph.app.config;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.GraphStoreException;

/**
 * The lock that says "a healthgraph process uses this data folder": an operating-system lock on
 * {@code <data-dir>/.healthgraph.lock}, taken by every process that opens the folder (the server,
 * the demo, the commands that open the graph) before it reads or writes anything there, and held
 * until the process ends (the operating system releases it even after a crash). A second process
 * is refused with a message naming the holder's pid, before it has touched a file: so the demo
 * never empties a folder that a running server uses. Within one process the lock is taken once.
 * Taking it also makes the folder owner-only (mode 700 where the file system has POSIX modes), so
 * that no other user of the machine reads the database, the indexes or the logs within, whatever
 * the modes of the files themselves.
 */
public final class DataFolderLock {

    /** The lock file's name; never deleted by the demo's reset. */
    public static final String FILE = ".healthgraph.lock";

    private static final Map<Path, FileLock> HELD = new HashMap<>();

    private DataFolderLock() {
    }

    /**
     * Takes the folder's lock for this process (creating the folder when absent), or returns at once
     * when this process holds it already.
     *
     * @throws GraphStoreException of kind {@link ErrorKind#CONFLICT} when another process holds it
     */
    public static synchronized void acquire(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (HELD.containsKey(dir)) {
            return;
        }
        try {
            OwnerOnly.createDirectories(dir);
            OwnerOnly.restrict(dir);
            FileChannel channel = FileChannel.open(dir.resolve(FILE), OwnerOnly.fileOptions(), OwnerOnly.fileAttributes());
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new GraphStoreException(ErrorKind.CONFLICT, "another healthgraph process" + holder + " uses the data"
                        + " folder " + dir + "; stop it, or choose another folder (--data-dir, healthgraph.data-dir)", null);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + " ("
                    + ManagementFactory.getRuntimeMXBean().getName() + ")\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            HELD.put(dir, lock);
        } catch (IOException e) {
            throw new GraphStoreException(ErrorKind.INVALID_INPUT, "cannot use the data folder " + dir + " ("
                    + e.getClass().getSimpleName() + "); check healthgraph.data-dir (--data-dir) and its permissions", e);
        }
    }

    /** Whether this process holds the folder's lock. */
    public static synchronized boolean isHeld(Path dataDir) {
        return HELD.containsKey(dataDir.toAbsolutePath().normalize());
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(200);
            int n = channel.read(buffer, 0);
            String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
            int space = text.indexOf(' ', 4);
            return text.startsWith("pid ") && space > 0 ? " (" + text.substring(0, space) + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }
}

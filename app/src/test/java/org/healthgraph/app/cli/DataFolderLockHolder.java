package org.healthgraph.app.cli;

import java.nio.file.Path;

import org.healthgraph.app.config.DataFolderLock;

/**
 * Test helper run in a child JVM: takes a data folder's lock, as a server using the folder does,
 * says "held" on its output, and keeps the lock until its input is closed.
 */
public final class DataFolderLockHolder {

    private DataFolderLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        DataFolderLock.acquire(Path.of(args[0]));
        System.out.println("held");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the parent closes our input
        }
    }
}

package org.healthgraph.graph.internal.neo4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.healthgraph.graph.GraphStoreException;

/**
 * The bulk load's journal, {@code <data-dir>/neo4j-bulk.journal}: the step the load is in, whether
 * the old store had a database and a transactions folder, and the schema statements the new store
 * must end with. Each write goes to a temporary file, is forced to disk, renamed over the journal
 * and the folder forced too, so that after a crash (a {@code kill -9}, a power cut) the journal
 * names the last step begun, never a half-written one.
 *
 * @param step the step begun
 * @param oldDatabase whether the store swapped out had a database folder
 * @param oldTransactions whether it had a transactions folder
 * @param schema the constraint and index statements of the new store ({@code IF NOT EXISTS})
 */
record BulkLoadJournal(Step step, boolean oldDatabase, boolean oldTransactions, List<String> schema) {

    static final String FILE = "neo4j-bulk.journal";

    /** The steps, in order. */
    enum Step {
        /** The batch importer writes the new store in {@code neo4j-bulk/}; the live store is untouched. */
        BUILDING,
        /** The old store's folders move to {@code neo4j-bulk-previous/}, the new ones in. */
        SWAPPING,
        /** The new store is in place; its constraints and indexes are being created. */
        SCHEMA,
        /** The load is complete; the previous store and the staging folder are being deleted. */
        CLEANING
    }

    BulkLoadJournal {
        schema = List.copyOf(schema);
    }

    BulkLoadJournal at(Step next) {
        return new BulkLoadJournal(next, oldDatabase, oldTransactions, schema);
    }

    static Optional<BulkLoadJournal> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Step step = null;
            boolean db = false;
            boolean tx = false;
            List<String> schema = new ArrayList<>();
            for (String line : lines) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq);
                String value = line.substring(eq + 1);
                switch (key) {
                    case "step" -> step = Step.valueOf(value);
                    case "old-database" -> db = Boolean.parseBoolean(value);
                    case "old-transactions" -> tx = Boolean.parseBoolean(value);
                    case "schema" -> schema.add(value);
                    default -> { }
                }
            }
            if (step == null) {
                throw new GraphStoreException("the bulk load journal " + file + " names no step: it was not written by"
                        + " healthgraph; look at the folders neo4j, neo4j-bulk and neo4j-bulk-previous beside it");
            }
            return Optional.of(new BulkLoadJournal(step, db, tx, schema));
        } catch (IOException | IllegalArgumentException e) {
            throw new GraphStoreException("cannot read the bulk load journal " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** Writes this journal durably (temporary file forced, renamed, folder forced). */
    void write(Path dataDir) {
        StringBuilder text = new StringBuilder("# healthgraph bulk load journal: do not edit\n");
        text.append("step=").append(step.name()).append('\n');
        text.append("old-database=").append(oldDatabase).append('\n');
        text.append("old-transactions=").append(oldTransactions).append('\n');
        schema.forEach(s -> text.append("schema=").append(s.replace('\n', ' ')).append('\n'));
        Path file = dataDir.resolve(FILE);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(dataDir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            sync(dataDir);
        } catch (IOException e) {
            throw new GraphStoreException("cannot write the bulk load journal " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** Deletes the journal: the data folder holds no load in progress any more. */
    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE + ".tmp"));
            Files.deleteIfExists(dataDir.resolve(FILE));
            sync(dataDir);
        } catch (IOException e) {
            throw new GraphStoreException("cannot delete the bulk load journal " + dataDir.resolve(FILE) + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Forces a folder's entries (renames, creations, deletions) to disk. */
    static void sync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}

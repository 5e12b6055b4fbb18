package org.healthgraph.catalog.store;

import java.util.Objects;
import java.util.UUID;

/**
 * The state of the graph's catalog: moved by every catalog write that changes something, in the
 * same transaction as the change, so that a process can tell whether its search index and its
 * cached reads are current with the graph, or whether another process wrote to the catalog. The
 * version counts the moves; the token, new at each move, tells apart two moves of the same version
 * (two writers that read the same stamp in graphs that diverged).
 *
 * @param version number of moves so far (1 after the first change)
 * @param token random, new at each move
 */
public record CatalogStamp(long version, UUID token) {

    public CatalogStamp {
        if (version < 1) {
            throw new IllegalArgumentException("a catalog stamp version is at least 1, got " + version);
        }
        Objects.requireNonNull(token, "token");
    }

    /** The stamp following {@code previous} (the first stamp when there is none), with a new token. */
    public static CatalogStamp after(java.util.Optional<CatalogStamp> previous) {
        return new CatalogStamp(previous.map(CatalogStamp::version).orElse(0L) + 1, UUID.randomUUID());
    }

    @Override
    public String toString() {
        return "v" + version + "/" + token.toString().substring(0, 8);
    }
}

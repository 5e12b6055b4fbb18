package org.healthgraph.linkage.match;

/**
 * Receives progress of a linkage run: a stage starts with a total (in its own unit, -1 when
 * unknown), then advances. Called from worker threads: implementations must be thread-safe.
 */
public interface LinkageProgress {

    /** Ignores everything. */
    LinkageProgress NONE = new LinkageProgress() {
        @Override
        public void stage(String name, long total) {
        }

        @Override
        public void advance(long done) {
        }
    };

    void stage(String name, long total);

    void advance(long done);
}

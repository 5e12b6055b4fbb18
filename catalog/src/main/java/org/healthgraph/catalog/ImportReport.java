package org.healthgraph.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of an import: files read, imported (or unchanged), failed; rows skipped and why;
 * entries created and updated; every problem with its file and line or JSON path.
 *
 * @param filesRead files opened
 * @param filesImported files whose content was committed (changed or not)
 * @param filesUnchanged of those, files skipped because the graph already held their exact content
 * @param filesFailed files of which nothing was written
 * @param rowsRead data rows read (variables and codes)
 * @param rowsSkipped rows left out, by reason
 * @param created entries and joins created
 * @param updated entries and joins changed
 * @param problems every problem, in the order met
 * @param elapsed wall-clock time
 */
public record ImportReport(int filesRead, int filesImported, int filesUnchanged, int filesFailed, long rowsRead,
                           Map<String, Long> rowsSkipped, long created, long updated, List<ImportProblem> problems,
                           Duration elapsed) {

    public ImportReport {
        rowsSkipped = Map.copyOf(rowsSkipped);
        problems = List.copyOf(problems);
    }

    /** True when something was not imported: a failed file or an error-level problem. */
    public boolean hasErrors() {
        return filesFailed > 0 || problems.stream().anyMatch(p -> p.severity() == ImportProblem.Severity.ERROR);
    }

    public long totalRowsSkipped() {
        return rowsSkipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A few lines for people: the counts, then the skipped rows by reason. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Files read: ").append(filesRead).append(", imported: ").append(filesImported)
                .append(" (unchanged: ").append(filesUnchanged).append("), failed: ").append(filesFailed).append('\n');
        out.append("Rows read: ").append(rowsRead).append(", skipped: ").append(totalRowsSkipped()).append('\n');
        new TreeMap<>(rowsSkipped).forEach((reason, n) -> out.append("  ").append(n).append(" ").append(reason).append('\n'));
        out.append("Entries created: ").append(created).append(", updated: ").append(updated).append('\n');
        long errors = problems.stream().filter(p -> p.severity() == ImportProblem.Severity.ERROR).count();
        out.append("Problems: ").append(errors).append(" error(s), ").append(problems.size() - errors)
                .append(" warning(s)").append('\n');
        out.append("Time: ").append(elapsed.toMillis()).append(" ms");
        return out.toString();
    }

    /** Collects a report while an import runs; not thread-safe. */
    public static final class Builder {
        private int filesRead;
        private int filesImported;
        private int filesUnchanged;
        private int filesFailed;
        private long rowsRead;
        private final Map<String, Long> rowsSkipped = new TreeMap<>();
        private long created;
        private long updated;
        private final List<ImportProblem> problems = new ArrayList<>();
        private final long started = System.nanoTime();

        public Builder fileRead() {
            filesRead++;
            return this;
        }

        public Builder fileImported(CatalogChange change) {
            filesImported++;
            if (change.skipped()) {
                filesUnchanged++;
            }
            created += change.created();
            updated += change.updated();
            return this;
        }

        /** A unit that is part of a file already counted (the joins of a table file) was written. */
        public Builder unitWritten(CatalogChange change) {
            created += change.created();
            updated += change.updated();
            return this;
        }

        /** A unit that is part of a file already counted failed; the problem says why. */
        public Builder unitFailed(ImportProblem why) {
            problems.add(why);
            return this;
        }

        public Builder fileFailed(ImportProblem why) {
            filesFailed++;
            problems.add(why);
            return this;
        }

        public Builder rowsRead(long n) {
            rowsRead += n;
            return this;
        }

        public Builder rowSkipped(String reason, ImportProblem problem) {
            rowsSkipped.merge(reason, 1L, Long::sum);
            problems.add(problem);
            return this;
        }

        public Builder problem(ImportProblem problem) {
            problems.add(problem);
            return this;
        }

        public ImportReport build() {
            return new ImportReport(filesRead, filesImported, filesUnchanged, filesFailed, rowsRead, rowsSkipped, created,
                    updated, problems, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}

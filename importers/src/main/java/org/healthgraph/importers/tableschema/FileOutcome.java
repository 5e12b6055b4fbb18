package org.healthgraph.importers.tableschema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.ImportProblem;

/** What reading one file gave: the unit to write (none when the file fails), its problems and row counts. */
final class FileOutcome {

    /** A problem that leaves out one row, with the reason it is counted under. */
    record SkippedRow(String reason, ImportProblem problem) {
    }

    private CatalogUnit unit;
    private ImportProblem failure;
    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<SkippedRow> skipped = new ArrayList<>();
    private long rowsRead;

    void unit(CatalogUnit value) {
        unit = value;
    }

    void fail(ImportProblem why) {
        failure = why;
        unit = null;
    }

    void problem(ImportProblem problem) {
        problems.add(problem);
    }

    void skip(String reason, ImportProblem problem) {
        skipped.add(new SkippedRow(reason, problem));
    }

    void rowRead() {
        rowsRead++;
    }

    Optional<CatalogUnit> unit() {
        return Optional.ofNullable(unit);
    }

    Optional<ImportProblem> failure() {
        return Optional.ofNullable(failure);
    }

    List<ImportProblem> problems() {
        return problems;
    }

    List<SkippedRow> skipped() {
        return skipped;
    }

    long rowsRead() {
        return rowsRead;
    }
}

package org.healthgraph.catalog;

import java.util.Objects;

/**
 * One thing an import could not take as it was: where it is and why.
 *
 * @param severity {@link Severity#ERROR} when something was not imported, {@link Severity#WARNING}
 *                 when the import went on with a reasonable reading (a missing optional file)
 * @param file the file, relative to the imported folder
 * @param where a line ({@code line 12}) or a JSON path ({@code $.fields[3].nomenclature}), or empty
 * @param reason what is wrong and what was done about it
 */
public record ImportProblem(Severity severity, String file, String where, String reason) {

    /** How serious a problem is. */
    public enum Severity {
        WARNING, ERROR
    }

    public ImportProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        where = where == null ? "" : where;
        Objects.requireNonNull(reason, "reason");
    }

    public static ImportProblem error(String file, String where, String reason) {
        return new ImportProblem(Severity.ERROR, file, where, reason);
    }

    public static ImportProblem warning(String file, String where, String reason) {
        return new ImportProblem(Severity.WARNING, file, where, reason);
    }

    @Override
    public String toString() {
        return severity + " " + file + (where.isEmpty() ? "" : " (" + where + ")") + ": " + reason;
    }
}

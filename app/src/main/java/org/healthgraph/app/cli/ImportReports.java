package org.healthgraph.app.cli;

import java.io.PrintWriter;

import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportReport;

/** Prints an import report: every problem (up to a limit), then the summary; and the exit code it means. */
final class ImportReports {

    /** Problems printed one by one; the rest are counted. */
    static final int SHOWN = 50;

    private ImportReports() {
    }

    /** Prints the report; returns 0 when everything was imported, 1 when anything failed. */
    static int print(ImportReport report, PrintWriter out, PrintWriter err) {
        return print(report, out, err, false);
    }

    /**
     * Prints the report; returns 0 when everything was imported, or when {@code lenient} and every
     * file was imported though some of its rows were left out (they are reported all the same); else 1.
     */
    static int print(ImportReport report, PrintWriter out, PrintWriter err, boolean lenient) {
        int shown = 0;
        for (ImportProblem p : report.problems()) {
            if (shown++ < SHOWN) {
                err.println(p);
            }
        }
        if (report.problems().size() > SHOWN) {
            err.println("... and " + (report.problems().size() - SHOWN) + " more problem(s)");
        }
        out.println(report.summary());
        out.flush();
        err.flush();
        if (lenient && report.hasErrors() && report.filesFailed() == 0) {
            out.println("--lenient: the rows and entries reported above were left out; exit code 0");
            out.flush();
            return 0;
        }
        return report.hasErrors() ? 1 : 0;
    }
}

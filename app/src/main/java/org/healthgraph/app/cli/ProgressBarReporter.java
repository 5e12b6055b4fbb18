package org.healthgraph.app.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;

import org.healthgraph.catalog.ImportProgress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a long task's progress: a redrawn progress bar on a terminal, and plain lines otherwise (a
 * log file or a pipe gets one line every {@value #PLAIN_INTERVAL_MILLIS} ms and one at the end,
 * never carriage returns). One bar or line series per task (code lists, tables, joins, patients).
 */
final class ProgressBarReporter implements ImportProgress {

    static final long PLAIN_INTERVAL_MILLIS = 10_000;

    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private String task;
    private long total;
    private long done;
    private long lastLine;

    private ProgressBarReporter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A reporter on {@code out}: a bar when the process writes to a terminal, plain lines otherwise. */
    static ProgressBarReporter on(PrintStream out) {
        return new ProgressBarReporter(out, isTerminal());
    }

    /** A reporter that writes plain lines whatever the output (for tests and logs). */
    static ProgressBarReporter plain(PrintStream out) {
        return new ProgressBarReporter(out, false);
    }

    @Override
    public void start(String task, long totalSteps) {
        done();
        this.task = task;
        this.total = totalSteps;
        this.done = 0;
        this.lastLine = System.nanoTime();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250).showSpeed().build();
        }
    }

    @Override
    public void step(String item) {
        done++;
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(shorten(item));
        } else if (task != null && (System.nanoTime() - lastLine) / 1_000_000 >= PLAIN_INTERVAL_MILLIS) {
            line();
        }
    }

    /** Moves to {@code steps} done (for a task whose progress is read, not counted step by step). */
    void stepTo(long steps) {
        done = Math.max(done, steps);
        if (bar != null) {
            bar.stepTo(done);
        } else if (task != null && (System.nanoTime() - lastLine) / 1_000_000 >= PLAIN_INTERVAL_MILLIS) {
            line();
        }
    }

    @Override
    public void done() {
        if (bar != null) {
            bar.close();
            bar = null;
        } else if (task != null) {
            line();
        }
        task = null;
    }

    private void line() {
        lastLine = System.nanoTime();
        out.println(String.format(Locale.ROOT, "%s: %,d / %,d (%d%%)", task, done, total,
                total == 0 ? 100 : (int) (100 * done / total)));
    }

    /** Whether standard output is a terminal (JDK 22+ tells it apart from a redirected console). */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22, a console exists only on a terminal
        }
    }

    private static String shorten(String item) {
        int slash = item.lastIndexOf('/');
        return slash < 0 ? item : item.substring(slash + 1);
    }
}

package org.healthgraph.app.cli;

import java.io.PrintStream;

import org.healthgraph.catalog.ImportProgress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows an import's progress as a console progress bar, one bar per task (code lists, tables, joins). */
final class ProgressBarReporter implements ImportProgress {

    private final PrintStream out;
    private ProgressBar bar;

    ProgressBarReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(String task, long totalSteps) {
        done();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250).showSpeed().build();
    }

    @Override
    public void step(String item) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(shorten(item));
        }
    }

    @Override
    public void done() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static String shorten(String item) {
        int slash = item.lastIndexOf('/');
        return slash < 0 ? item : item.substring(slash + 1);
    }
}

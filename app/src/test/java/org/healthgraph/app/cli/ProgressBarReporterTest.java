package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarReporterTest {

    @Test
    void offATerminalProgressIsPlainLinesWithoutCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBarReporter progress = ProgressBarReporter.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        progress.start("code lists", 3);
        progress.step("a/IR_CIM_V.csv");
        progress.step("a/IR_SEX_V.csv");
        progress.step("a/IR_DPT_V.csv");
        progress.done();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").isEqualTo("code lists: 3 / 3 (100%)" + System.lineSeparator());
    }

    @Test
    void progressReadRatherThanCountedMovesToTheCountReadAndNeverBack() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBarReporter progress = ProgressBarReporter.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        progress.start("timeline index, rebuilding from the graph (patients)", 30_000);
        progress.stepTo(20_000);
        progress.stepTo(10_000);
        progress.done();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "timeline index, rebuilding from the graph (patients): 20,000 / 30,000 (66%)" + System.lineSeparator());
    }

    @Test
    void aTestJvmIsNotATerminal() {
        assertThat(ProgressBarReporter.isTerminal()).isFalse();
    }
}

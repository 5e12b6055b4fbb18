package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.healthgraph.app.config.HealthgraphProperties;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.linkage.match.Evaluation;
import org.healthgraph.linkage.match.GraphLinks;
import org.healthgraph.linkage.match.LinkageConfig;
import org.healthgraph.linkage.match.LinkageConfigs;
import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.match.LinkageJob;
import org.healthgraph.linkage.match.LinkageModel;
import org.healthgraph.linkage.review.ReviewTraining;
import org.healthgraph.linkage.review.RunRecorder;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.LinkStores;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code healthgraph link}: probabilistic record linkage (or the SNDS tiered baseline) of two CSV
 * files described by a configuration (docs/linkage.md); writes the links CSV, optionally evaluates
 * it against a truth file and writes LINKED_TO relationships into the graph.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Link records of two CSV files (Fellegi-Sunter with EM, or the SNDS tiered exact-match procedure).")
public final class LinkCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Linkage configuration (YAML or JSON).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Links CSV: left_id, right_id, probability, weight, method, w_<field>...")
    Path out;

    @Option(names = "--strategy", defaultValue = "fellegi-sunter", paramLabel = "NAME",
            description = "fellegi-sunter (default), tiers (the SNDS tiered exact-match baseline) or direct (an exact join on "
                    + "the pseudonym columns that the configuration's 'direct' names: the SNDS appariement direct).")
    String strategy;

    @Option(names = "--evaluate", paramLabel = "TRUTH", description = "Truth CSV (left_id, right_id): print precision, recall, F1.")
    Path truth;

    @Option(names = "--show-model", description = "Print the m/u table of the model.")
    boolean showModel;

    @Option(names = "--graph-source", paramLabel = "NAME",
            description = "Also write (:Record {key: NAME:<left id>})-[:LINKED_TO]->(:Patient) into the graph, and keep the run "
                    + "(summary, model, estimates, explained pairs, review queue of healthgraph.linkage.review-band) for the API.")
    String graphSource;

    @Option(names = "--labels-from-review", paramLabel = "RUN",
            description = "Re-estimate the model's m with the clerical review decisions of an earlier run kept in the graph "
                    + "(its id) as labelled pairs; the run must have the same fields and levels (docs/linkage.md, Clerical review).")
    String labelsFromReview;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            LinkageConfig cfg = LinkageConfigs.read(config);
            LinkageJob.Strategy chosen = LinkageJob.Strategy.parse(strategy);
            if (graphSource != null || labelsFromReview != null) {
                return linkWithGraph(out, cfg, chosen);
            }
            LinkageJob.Summary s;
            try (Progress progress = new Progress()) {
                s = LinkageJob.run(cfg, chosen, this.out, progress);
            }
            report(out, s);
            return 0;
        } catch (LinkageException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /**
     * The graph is opened first, so that a wrong graph setting fails before the linkage runs. With
     * --labels-from-review the trained model's m is re-estimated from that run's decisions; with
     * --graph-source the links are written, then the run and its pairs (the run last, so that a run
     * the API lists is complete).
     */
    private int linkWithGraph(PrintWriter out, LinkageConfig cfg, LinkageJob.Strategy chosen) {
        try (JobContext context = JobContext.open(graph)) {
            LinkStore store = LinkStores.on(context.bean(GraphStore.class));
            store.ensureSchema();
            LinkRun.ReviewBand band = context.bean(HealthgraphProperties.class).linkage().band();
            RunRecorder recorder = new RunRecorder(band, Clock.systemUTC());
            LinkageJob.Observer observer = new LinkageJob.Observer() {
                @Override
                public void decided(java.util.Optional<org.healthgraph.linkage.match.Linkage> linkage,
                                    java.util.Optional<LinkageModel> model, org.healthgraph.linkage.match.LinkageResult result) {
                    if (graphSource != null) {
                        recorder.decided(linkage, model, result);
                    }
                }

                @Override
                public LinkageModel trained(LinkageModel model) {
                    if (labelsFromReview == null) {
                        return model;
                    }
                    ReviewTraining.Result r = ReviewTraining.withDecisions(model, store, labelsFromReview);
                    out.printf(Locale.ROOT, "m re-estimated with the review decisions of run %s: %,d accepted and %,d rejected pairs%n",
                            labelsFromReview, r.accepted(), r.rejected());
                    return r.model();
                }
            };
            LinkageJob.Summary s;
            try (Progress progress = new Progress()) {
                s = LinkageJob.run(cfg, chosen, this.out, progress, observer);
            }
            report(out, s);
            if (graphSource == null) {
                return 0;
            }
            GraphLinks.write(store, graphSource, s.result().links(), cfg.fields().stream().map(LinkageConfig.Field::name).toList());
            out.printf(Locale.ROOT, "%,d LINKED_TO relationships written for source %s%n", s.result().links().size(), graphSource);
            LinkRun run = recorder.run(graphSource, cfg, s);
            store.saveRun(run, recorder.pairs());
            out.printf(Locale.ROOT, "run %s kept in the graph; %,d pairs in the review band %s%n", run.id(),
                    recorder.pairs().stream().filter(p -> p.review()).count(), band);
            return 0;
        } catch (LinkageException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    private void report(PrintWriter out, LinkageJob.Summary s) {
        out.printf(Locale.ROOT, "%,d left and %,d right records; %s%n", s.leftRecords(), s.rightRecords(),
                switch (s.strategy()) {
                    case TIERS -> "SNDS tiered exact matching";
                    case DIRECT -> "direct linkage on the pseudonym";
                    case FELLEGI_SUNTER -> "Fellegi-Sunter";
                });
        s.direct().ifPresent(d -> out.printf(Locale.ROOT, "not linked: %,d left and %,d right records without a pseudonym, "
                + "%,d left and %,d right records sharing their pseudonym with another record of their file%n",
                d.leftMissing(), d.rightMissing(), d.leftRepeated(), d.rightRepeated()));
        if (s.emptyLeftRecords() > 0) {
            out.printf(Locale.ROOT, "%,d left records have no value in any compared field: they cannot be linked%n",
                    s.emptyLeftRecords());
        }
        for (Map.Entry<String, Long> rule : s.blockingPairs().entrySet()) {
            out.printf(Locale.ROOT, "  blocking rule %-40s %,d pairs%n", "'" + rule.getKey() + "'", rule.getValue());
        }
        if (s.strategy() == LinkageJob.Strategy.FELLEGI_SUNTER) {
            out.printf(Locale.ROOT, "%,d candidate pairs scored at %,.0f pairs/s; estimated precision %.4f, recall %.4f%n",
                    s.result().candidatePairs(), s.result().pairsPerSecond(), s.result().expectedPrecision(),
                    s.result().expectedRecall());
            s.result().counterpartShare().ifPresent(l -> out.printf(Locale.ROOT,
                    "record-level decisions: an estimated %.1f%% of left records have a counterpart among their candidates%n",
                    100 * l));
        }
        out.printf(Locale.ROOT, "%,d links written to %s in %.1f s%n", s.result().links().size(), this.out, s.seconds());
        if (showModel && s.model().isPresent()) {
            printModel(out, s.model().get());
        }
        if (truth != null) {
            Evaluation e = Evaluation.of(this.out, truth);
            out.printf(Locale.ROOT, "precision %.4f  recall %.4f  F1 %.4f  (true positives %d, false positives %d, "
                    + "false negatives %d)%n", e.precision(), e.recall(), e.f1(), e.truePositives(),
                    e.falsePositives(), e.falseNegatives());
        }
    }

    private static void printModel(PrintWriter out, LinkageModel model) {
        out.printf(Locale.ROOT, "prior %.3g%n%-18s %-26s %9s %9s %8s%n", model.prior(), "field", "level", "m", "u", "weight");
        for (LinkageModel.TableRow r : model.table()) {
            out.printf(Locale.ROOT, "%-18s %-26s %9.5f %9.6f %8.2f%n", r.field(), r.level(), r.m(), r.u(), r.weight());
        }
    }

    /** A console progress bar per stage (on standard error). */
    static final class Progress implements org.healthgraph.linkage.match.LinkageProgress, AutoCloseable {
        private ProgressBar bar;

        @Override
        public synchronized void stage(String name, long total) {
            close();
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).continuousUpdate().build();
        }

        @Override
        public synchronized void advance(long done) {
            if (bar != null) {
                bar.stepBy(done);
            }
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}

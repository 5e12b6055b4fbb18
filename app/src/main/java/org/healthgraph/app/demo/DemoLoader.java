package org.healthgraph.app.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.healthgraph.graph.IndexReadiness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Runs every {@link DemoStep} when the process is the demonstration. The server answers meanwhile
 * (a large dictionary and documentation take minutes): the loading is reported as the readiness of
 * {@value #READINESS} (building, with the step under way and the steps done), which
 * {@code /actuator/health} shows and the web page turns into a banner.
 */
public final class DemoLoader implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

    /** The name the loading is reported under in the readiness registry. */
    public static final String READINESS = "demo data";

    private final List<DemoStep> steps;
    private final IndexReadiness.Tracker readiness;

    public DemoLoader(List<DemoStep> steps, IndexReadiness readiness) {
        this.steps = steps.stream().sorted(Comparator.comparingInt(DemoStep::order)).toList();
        this.readiness = readiness.track(READINESS);
    }

    @Override
    public void run(ApplicationArguments args) {
        int done = 0;
        for (DemoStep step : steps) {
            readiness.building(step.label(), steps.size());
            readiness.progress(done);
            long start = System.nanoTime();
            String summary;
            try {
                summary = step.run();
            } catch (RuntimeException e) {
                readiness.failed("the demo could not load " + step.label() + " (see the log)");
                throw e;
            }
            done++;
            LOG.info("Demo: loaded {} ({}) in {} ms", step.name(), summary, (System.nanoTime() - start) / 1_000_000);
        }
        readiness.ready("loaded", Map.of("steps", (long) done));
    }
}

package org.healthgraph.app.demo;

import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/** Runs every {@link DemoStep} when the process is the demonstration. */
public final class DemoLoader implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

    private final List<DemoStep> steps;

    public DemoLoader(List<DemoStep> steps) {
        this.steps = steps.stream().sorted(Comparator.comparingInt(DemoStep::order)).toList();
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoStep step : steps) {
            long start = System.nanoTime();
            String summary = step.run();
            LOG.info("Demo: loaded {} ({}) in {} ms", step.name(), summary, (System.nanoTime() - start) / 1_000_000);
        }
    }
}

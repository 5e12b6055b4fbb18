package org.healthgraph.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a server, runs the freshness checks of its indexes ({@code healthgraph.freshness.check-interval}):
 * each compares the graph's import stamp with its index's and starts catching up when another
 * process imported. One daemon thread; a failing check is logged (kind only) and tried again at the
 * next tick. Started once the web server is up, never in commands.
 */
public final class FreshnessCheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FreshnessCheck.class);

    private final Duration interval;
    private final List<BooleanSupplier> checks;
    private ScheduledExecutorService timer;

    public FreshnessCheck(Duration interval, List<BooleanSupplier> checks) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.checks = List.copyOf(checks);
    }

    /** Starts the checks; does nothing when they are running. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("freshness-check").daemon().unstarted(r));
        timer.scheduleWithFixedDelay(this::runChecks, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runChecks() {
        for (BooleanSupplier check : checks) {
            try {
                check.getAsBoolean();
            } catch (RuntimeException e) {
                // The database away, say: the next tick tries again. The message may hold internals: the class only.
                LOG.warn("Freshness check failed ({}); tried again in {}", e.getClass().getSimpleName(), interval);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}

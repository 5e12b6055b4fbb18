package org.healthgraph.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Whether the process's indexes (the timeline index of journeys, the catalog's search index, ...)
 * can answer now: each index reports through its {@link Tracker} while it is built, when it is
 * ready, or when its build failed. The API answers requests that need an index being built with
 * "unavailable, retry after" ({@link #retryAfter}) rather than making them wait, and the health
 * endpoint shows {@link #statuses}. Thread-safe. Statuses hold states, counts and reasons only: no
 * data of the indexes.
 */
public final class IndexReadiness {

    /** Where an index stands. */
    public enum State {
        /** Being built or loaded: requests that need it are refused for now. */
        BUILDING,
        /** Answers requests. */
        READY,
        /** The last build failed; the index says when it tries again. */
        FAILED
    }

    /**
     * One index's state.
     *
     * @param index the index's name (e.g. {@code timeline index})
     * @param state where it stands
     * @param detail what it is doing or why it failed (no data values)
     * @param done items processed so far in the current build (0 when unknown)
     * @param total items the build has to process (0 when unknown)
     * @param counts sizes of the index when ready (e.g. patients, events)
     * @param since when it entered this state
     */
    public record Status(String index, State state, String detail, long done, long total, Map<String, Long> counts,
                         Instant since) {

        public Status {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(state, "state");
            detail = detail == null ? "" : detail;
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            Objects.requireNonNull(since, "since");
        }
    }

    /** Shortest and longest wait suggested to a client. */
    static final Duration MIN_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);
    /** Suggested when a build gives no progress to estimate from. */
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(5);

    private final ConcurrentMap<String, Status> statuses = new ConcurrentHashMap<>();

    /** The tracker of one index; the index is listed once it reports. */
    public Tracker track(String index) {
        return new Tracker(Objects.requireNonNull(index, "index"));
    }

    /** Every index that has reported, by name. */
    public List<Status> statuses() {
        return statuses.values().stream().sorted(Comparator.comparing(Status::index)).toList();
    }

    public Optional<Status> status(String index) {
        return Optional.ofNullable(statuses.get(index));
    }

    /** Whether every index that has reported is ready. */
    public boolean allReady() {
        return statuses.values().stream().allMatch(s -> s.state() == State.READY);
    }

    /**
     * How long a client should wait before asking again: the longest estimated remaining time of
     * the builds under way (from their progress so far), between 1 and 60 s; 5 s when none can be
     * estimated.
     */
    public Duration retryAfter() {
        Instant now = Instant.now();
        Duration longest = Duration.ZERO;
        boolean any = false;
        for (Status s : statuses.values()) {
            if (s.state() == State.READY) {
                continue;
            }
            any = true;
            longest = max(longest, remaining(s, now).orElse(DEFAULT_RETRY));
        }
        if (!any) {
            return DEFAULT_RETRY;
        }
        return longest.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : longest.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : longest;
    }

    private static Optional<Duration> remaining(Status s, Instant now) {
        if (s.state() != State.BUILDING || s.done() <= 0 || s.total() <= s.done()) {
            return Optional.empty();
        }
        long elapsed = Duration.between(s.since(), now).toMillis();
        return Optional.of(Duration.ofMillis(elapsed * (s.total() - s.done()) / s.done()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** How one index reports. */
    public final class Tracker {

        private final String index;

        private Tracker(String index) {
            this.index = index;
        }

        /** A build (or load) starts; {@code total} items to process, 0 when unknown. */
        public void building(String detail, long total) {
            statuses.put(index, new Status(index, State.BUILDING, detail, 0, total, Map.of(), Instant.now()));
        }

        /** Progress of the build under way. */
        public void progress(long done) {
            statuses.computeIfPresent(index, (k, s) -> s.state() != State.BUILDING ? s
                    : new Status(index, State.BUILDING, s.detail(), done, s.total(), s.counts(), s.since()));
        }

        /** The index answers, with these sizes (in the order given). */
        public void ready(String detail, Map<String, Long> counts) {
            statuses.put(index, new Status(index, State.READY, detail, 0, 0, counts, Instant.now()));
        }

        /** The build failed; {@code reason} names the cause without data values. */
        public void failed(String reason) {
            statuses.put(index, new Status(index, State.FAILED, reason, 0, 0, Map.of(), Instant.now()));
        }

        /** The index's current status, if it has reported. */
        public Optional<Status> status() {
            return IndexReadiness.this.status(index);
        }
    }
}

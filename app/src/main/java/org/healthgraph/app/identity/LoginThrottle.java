package org.healthgraph.app.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins of one user name within
 * {@link #WINDOW}, that name is refused (HTTP 429) until the window has passed, right password or
 * not. Kept in memory (a restart forgets it); at most {@value #MAX_NAMES} names are tracked, the
 * oldest dropped first.
 */
public final class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int MAX_NAMES = 10_000;

    private record Failures(int count, Instant first) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code name} must wait before trying again; zero when it may try now. */
    public Duration wait(String name) {
        Failures f = failures.get(key(name));
        if (f == null || f.count() < MAX_FAILURES) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), f.first().plus(WINDOW));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Counts a failed login of {@code name}. */
    public void failed(String name) {
        if (failures.size() >= MAX_NAMES) {
            Instant cutoff = clock.instant().minus(WINDOW);
            failures.values().removeIf(f -> f.first().isBefore(cutoff));
            if (failures.size() >= MAX_NAMES) {
                failures.clear();
            }
        }
        Instant now = clock.instant();
        failures.merge(key(name), new Failures(1, now), (old, one) -> old.first().plus(WINDOW).isBefore(now)
                ? one : new Failures(old.count() + 1, old.first()));
    }

    /** Forgets the failures of {@code name} after a successful login. */
    public void succeeded(String name) {
        failures.remove(key(name));
    }

    private static String key(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }
}

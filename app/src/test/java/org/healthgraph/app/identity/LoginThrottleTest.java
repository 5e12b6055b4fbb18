package org.healthgraph.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void aNameIsHeldBackAfterTenFailuresUntilTheWindowHasPassedAndOtherNamesAreNot() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("Alice");
        }
        assertThat(throttle.wait("alice")).isZero();
        throttle.failed("alice");

        assertThat(throttle.wait("ALICE")).isEqualTo(LoginThrottle.WINDOW);
        assertThat(throttle.wait("bob")).isZero();
        now.set(now.get().plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1)));
        assertThat(throttle.wait("alice")).isZero();
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.failed("alice");
        }
        throttle.succeeded("alice");
        assertThat(throttle.wait("alice")).isZero();
    }
}

package org.healthgraph.app.config;

import java.io.File;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Free space of the data folder, in place of Spring Boot's disk-space indicator, which shows the
 * folder's path to every caller of {@code /actuator/health} (an internal detail an anonymous caller
 * has no use for). DOWN under {@code threshold} bytes (10 MB, Spring Boot's default).
 */
final class DataFolderSpace implements HealthIndicator {

    private static final long THRESHOLD = 10L * 1024 * 1024;

    private final File folder;

    DataFolderSpace(File folder) {
        this.folder = folder;
    }

    @Override
    public Health health() {
        long free = folder.getUsableSpace();
        Health.Builder health = free >= THRESHOLD ? Health.up() : Health.down();
        return health.withDetail("free", free).withDetail("threshold", THRESHOLD).build();
    }
}

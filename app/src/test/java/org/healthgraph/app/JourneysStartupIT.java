package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.journeys.CohortService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The timeline index is opened only where cohorts are asked: a command's context never opens it
 * (over a million patients a rebuild from the graph takes minutes), a server opens it in the
 * background once its web server is up, and saves it so that the next start loads it.
 */
class JourneysStartupIT {

    private static IndexReadiness.State awaitSettled(ConfigurableApplicationContext server) throws InterruptedException {
        IndexReadiness readiness = server.getBean(IndexReadiness.class);
        for (int i = 0; i < 600; i++) {
            var status = readiness.status(CohortService.INDEX_NAME);
            if (status.isPresent() && status.get().state() != IndexReadiness.State.BUILDING) {
                return status.get().state();
            }
            Thread.sleep(100);
        }
        return IndexReadiness.State.BUILDING;
    }

    @Test
    void aCommandDoesNotOpenTheTimelineIndexAndAServerOpensItInTheBackground(@TempDir Path dir) throws Exception {
        String[] args = {"--healthgraph.data-dir=" + dir, "--server.port=0", "--logging.level.root=WARN"};

        try (ConfigurableApplicationContext command = new SpringApplicationBuilder(HealthgraphApplication.class)
                .web(WebApplicationType.NONE).run(args)) {
            assertThat(command.getBean(IndexReadiness.class).status(CohortService.INDEX_NAME)).isEmpty();
            assertThat(command.getBean(CohortService.class).lastOpen()).isEmpty();
        }
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(HealthgraphApplication.class).run(args)) {
            assertThat(awaitSettled(server)).isEqualTo(IndexReadiness.State.READY);
            assertThat(server.getBean(CohortService.class).lastOpen()).hasValueSatisfying(o -> assertThat(o.loaded()).isFalse());
        }
    }
}

package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The timeline index is read from the graph only where journeys are used: a command's context never
 * builds it (over a million patients that read takes minutes), a server builds it in the background
 * once it is up.
 */
class JourneysStartupIT {

    @Test
    void aCommandDoesNotBuildTheTimelineIndexAndAServerBuildsItInTheBackground(@TempDir Path dir) throws Exception {
        String[] args = {"--healthgraph.data-dir=" + dir, "--server.port=0", "--logging.level.root=WARN"};

        try (ConfigurableApplicationContext command = new SpringApplicationBuilder(HealthgraphApplication.class)
                .web(WebApplicationType.NONE).run(args)) {
            assertThat(command.getBeanFactory().containsSingleton("journeys")).isFalse();
        }
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(HealthgraphApplication.class).run(args)) {
            for (int i = 0; i < 600 && !server.getBeanFactory().containsSingleton("journeys"); i++) {
                Thread.sleep(100);
            }
            assertThat(server.getBeanFactory().containsSingleton("journeys")).isTrue();
        }
    }
}

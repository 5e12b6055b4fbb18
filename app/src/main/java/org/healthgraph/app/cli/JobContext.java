package org.healthgraph.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.healthgraph.app.HealthgraphApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's beans for a command-line job: the same Spring context as the server, without
 * the web server, with the log quietened so that the command's own output stands out. Its beans are
 * made when first asked for (lazy initialisation): a command makes the stores and services it uses,
 * not the GraphQL schema, the web routes, nor the schema statements of stores it never touches (an
 * import of the dictionary made the journey, cohort and linkage stores' constraints and parsed the
 * whole GraphQL schema before its first file). The beans that must exist whatever the command asks
 * for, because they listen or recover, say so with {@code @Lazy(false)}.
 */
public final class JobContext implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private JobContext(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static JobContext open(GraphOptions options) {
        return open(options, Map.of());
    }

    public static JobContext open(GraphOptions options, Map<String, Object> extra) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("logging.level.root", "WARN");
        props.put("logging.level.org.springframework", "WARN");
        // A failure to start is reported by the command line in one line (CliErrors), not by Spring's report.
        props.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        props.put("logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF");
        props.put("spring.main.lazy-initialization", "true");
        props.putAll(options.properties());
        props.putAll(extra);
        return new JobContext(new SpringApplicationBuilder(HealthgraphApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(GraphOptions.asArguments(props)));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

package org.healthgraph.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.healthgraph.app.HealthgraphApplication;
import org.healthgraph.app.config.EarlyGraphStart;
import org.healthgraph.app.config.HealthgraphProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The application's beans for a command-line job: the same Spring context as the server, without
 * the web server, with the log quietened so that the command's own output stands out.
 */
public final class JobContext implements AutoCloseable {

    private static final String IGNORE_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

    private final ConfigurableApplicationContext context;

    private JobContext(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static JobContext open(GraphOptions options) {
        return open(options, Map.of());
    }

    public static JobContext open(GraphOptions options, Map<String, Object> extra) {
        return new JobContext(builder(HealthgraphApplication.class).run(GraphOptions.asArguments(properties(options, extra))));
    }

    /**
     * The settings alone, read and validated as the application reads them (application.properties,
     * the environment, the options), without the graph, the search index or any other bean: for
     * commands that only read files of the data folder ({@code healthgraph search}), in a second
     * rather than the application's start.
     */
    public static HealthgraphProperties settings(GraphOptions options) {
        SpringApplicationBuilder builder = builder(SettingsOnly.class);
        // Every context gets EarlyGraphStart (spring.factories), which locks the folder and opens the graph.
        builder.application().setInitializers(builder.application().getInitializers().stream()
                .filter(i -> !(i instanceof EarlyGraphStart)).toList());
        // Spring's background pre-initialisation (message converters, validation, XML) serves a
        // server's first requests; for a command that ends in a second it only takes the CPU.
        String preinit = System.getProperty(IGNORE_PREINITIALIZER);
        System.setProperty(IGNORE_PREINITIALIZER, "true");
        try (ConfigurableApplicationContext settings = builder.run(GraphOptions.asArguments(properties(options, Map.of())))) {
            return settings.getBean(HealthgraphProperties.class);
        } finally {
            if (preinit == null) {
                System.clearProperty(IGNORE_PREINITIALIZER);
            } else {
                System.setProperty(IGNORE_PREINITIALIZER, preinit);
            }
        }
    }

    /** Binds the settings and nothing else. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HealthgraphProperties.class)
    static class SettingsOnly {
    }

    private static SpringApplicationBuilder builder(Class<?> source) {
        return new SpringApplicationBuilder(source)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false);
    }

    private static Map<String, Object> properties(GraphOptions options, Map<String, Object> extra) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("logging.level.root", "WARN");
        props.put("logging.level.org.springframework", "WARN");
        // A failure to start is reported by the command line in one line (CliErrors), not by Spring's report.
        props.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        props.put("logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF");
        props.putAll(options.properties());
        props.putAll(extra);
        return props;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

package org.healthgraph.app.config;

import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the typed settings exactly as the server does (application.properties in the working folder
 * and its config/, the environment, system properties and the given {@code --name=value}
 * arguments, with the same precedence and validation), without opening the graph: for the commands
 * that must know a setting before anything may open the database, such as the bulk load, which
 * rewrites the embedded database's files.
 */
public final class SettingsReader {

    private static final String IGNORE_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

    private SettingsReader() {
    }

    /** Only the settings. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HealthgraphProperties.class)
    static class SettingsOnly {
    }

    /**
     * The settings, given {@code --name=value} arguments that rank above every other source.
     *
     * @throws org.springframework.boot.context.properties.bind.BindException when a setting does not bind
     */
    public static HealthgraphProperties read(String... arguments) {
        // Spring's background pre-initialisation (message converters, validation, XML) serves a
        // server's first requests; here it would only take the CPU from a command that ends soon. Its
        // listener reads the property when the application is constructed.
        String preinit = System.getProperty(IGNORE_PREINITIALIZER);
        System.setProperty(IGNORE_PREINITIALIZER, "true");
        try {
            SpringApplication app = new SpringApplication(SettingsOnly.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setBannerMode(Banner.Mode.OFF);
            app.setLogStartupInfo(false);
            app.setRegisterShutdownHook(false);
            // No initializer of spring.factories: EarlyGraphStart would open the database.
            app.setInitializers(List.of());
            app.setDefaultProperties(java.util.Map.of("logging.level.org.springframework.boot.SpringApplication", "OFF",
                    "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF"));
            try (ConfigurableApplicationContext context = app.run(arguments)) {
                return context.getBean(HealthgraphProperties.class);
            }
        } finally {
            if (preinit == null) {
                System.clearProperty(IGNORE_PREINITIALIZER);
            } else {
                System.setProperty(IGNORE_PREINITIALIZER, preinit);
            }
        }
    }
}

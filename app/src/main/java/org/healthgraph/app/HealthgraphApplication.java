package org.healthgraph.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application; started by the {@code serve} and {@code demo} commands. */
@SpringBootApplication(scanBasePackages = "org.healthgraph.app")
@ConfigurationPropertiesScan("org.healthgraph.app.config")
public class HealthgraphApplication {
}

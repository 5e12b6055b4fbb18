package org.healthgraph.app.demo;

import java.lang.management.ManagementFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/** Prints where the server answers once it is ready, on standard output (not only in the log). */
public final class ReadyAnnouncer {

    private final Environment environment;

    public ReadyAnnouncer(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return; // not a web process (a command-line job)
        }
        String host = environment.getProperty("server.address", "127.0.0.1");
        String base = "http://" + host + ":" + port;
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.printf("healthgraph is ready after %.1f s at %s/%n  GraphQL: %s/graphql   (GraphiQL: %s/graphiql)%n"
                + "  health:  %s/actuator/health%n", uptime / 1000.0, base, base, base, base);
        System.out.flush();
    }
}

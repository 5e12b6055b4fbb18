package org.healthgraph.app.demo;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;

import org.healthgraph.app.identity.DemoLogins;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/** Prints where the server answers once it is ready, on standard output (not only in the log). */
public final class ReadyAnnouncer {

    private final Environment environment;
    private final Supplier<List<DemoLogins.Login>> logins;

    /** @param logins the demo's users and passwords, printed with the address; none outside the demo */
    public ReadyAnnouncer(Environment environment, Supplier<List<DemoLogins.Login>> logins) {
        this.environment = environment;
        this.logins = logins;
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
        List<DemoLogins.Login> users = logins.get();
        if (!users.isEmpty()) {
            System.out.println("  Se connecter / log in (" + base + "/#/connexion), one user a role, passwords drawn for this run:");
            for (DemoLogins.Login login : users) {
                System.out.printf("    %-13s %-14s %s%s%n", login.name(), login.password(), login.role(),
                        login.name().equals("analyste") ? " (project '" + JourneyDemoStep.PROJECT + "')" : "");
            }
            System.out.println("  Machine clients: curl -d username=chercheur -d password=... " + base + "/auth/token");
        }
        System.out.flush();
    }
}

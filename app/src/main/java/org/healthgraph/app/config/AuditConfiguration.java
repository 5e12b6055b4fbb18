package org.healthgraph.app.config;

import java.io.IOException;
import java.nio.file.Path;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditLog;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graph.secret.SecretKeyFile;
import org.healthgraph.graphql.access.DisclosurePolicy;
import org.healthgraph.journeys.Disclosure;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The audit trail ({@code <data-dir>/audit/}, docs/security.md, Audit) and the disclosure control of
 * released counts ({@code healthgraph.security.suppression-floor}, {@code healthgraph.security.disclosure};
 * the cell-key perturbation's key in {@code <data-dir>/.disclosure-key}, owner-only, made at first
 * start and kept: a new key would give every cell a new offset, and two offsets of one cell let an
 * attacker narrow its true count).
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    /** The trail's folder under the data folder. */
    public static final String AUDIT_FOLDER = "audit";
    /** The file of the cell-key perturbation's key under the data folder. */
    public static final String DISCLOSURE_KEY = ".disclosure-key";

    @Bean
    public AuditTrail auditTrail(HealthgraphProperties properties) {
        return AuditLog.open(auditFolder(properties.dataDir()));
    }

    /** Where the trail of a data folder is kept (for {@code healthgraph audit}, which opens no graph). */
    public static Path auditFolder(Path dataDir) {
        return dataDir.resolve(AUDIT_FOLDER);
    }

    @Bean
    public DisclosurePolicy disclosurePolicy(HealthgraphProperties properties) {
        HealthgraphProperties.Security security = properties.security();
        Disclosure restricted = switch (security.disclosure()) {
            case EXACT -> Disclosure.exact();
            case CELL_KEY -> Disclosure.cellKey(disclosureKey(properties.dataDir()));
        };
        return new DisclosurePolicy(security.suppressionFloor(), restricted);
    }

    private static byte[] disclosureKey(Path dataDir) {
        Path file = dataDir.resolve(DISCLOSURE_KEY);
        try {
            OwnerOnly.createDirectories(dataDir);
            return SecretKeyFile.readOrCreate(file, "the disclosure control");
        } catch (IOException e) {
            throw new IllegalStateException("healthgraph.data-dir: cannot read or make the disclosure key " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** A server records the security settings it starts with, so that a change of them is on the trail. */
    @EventListener
    public void recordSettings(WebServerInitializedEvent event) {
        HealthgraphProperties properties = event.getApplicationContext().getBean(HealthgraphProperties.class);
        HealthgraphProperties.Security security = properties.security();
        event.getApplicationContext().getBean(AuditTrail.class).record(new AuditEvent("system", AuditAction.SETTINGS,
                "healthgraph.security", java.util.OptionalLong.empty(), AuditEvent.Outcome.ALLOWED,
                "server started: suppression-floor " + security.suppressionFloor() + ", disclosure " + security.disclosure()
                        + ", API tokens " + security.patientDataTokenHashes().stream().filter(h -> !h.isBlank()).count()
                        + ", anonymous " + security.anonymous() + ", identities " + (security.oidc().enabled()
                                ? "provider " + security.oidc().issuer() : "local users " + security.users().stream().filter(u -> !u.isBlank()).count())));
    }
}

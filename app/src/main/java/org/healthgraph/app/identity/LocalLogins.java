package org.healthgraph.app.identity;

import java.util.Optional;

/**
 * What this server itself does for logins: its users (configured, or the demo's) and the issuer of
 * their tokens; no issuer when an external provider issues every token.
 *
 * @param users  the local users (none with a provider)
 * @param issuer the local issuer, empty with a provider
 * @param demo   the demo's users with their passwords, to print; empty outside the demo
 */
public record LocalLogins(LocalUsers users, Optional<LocalIssuer> issuer, Optional<DemoLogins> demo) {
}

/**
 * Who a caller is (docs/security.md, Identities): local users with hashed passwords and the tokens
 * this server issues to them, an external OpenID Connect provider's tokens (Keycloak), listed API
 * tokens, and the anonymous caller; each becomes the {@link org.healthgraph.graphql.access.Caller}
 * that the field and endpoint policies check. Spring Security validates the tokens; the beans are
 * made in {@code app/config/IdentityConfiguration}.
 */
package org.healthgraph.app.identity;

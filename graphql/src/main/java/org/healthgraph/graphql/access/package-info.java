/**
 * Who may read what: the roles, the caller of a request (identified by the application's HTTP layer:
 * a JWT's user, a listed API token, or an anonymous caller), and the one enforcement point of the
 * schema's {@code @policy} declarations. API tokens are configured by their SHA-256 hashes only; the
 * tokens themselves are never stored or logged.
 */
package org.healthgraph.graphql.access;

/**
 * One error mapping for the whole API: domain exceptions become BAD_REQUEST, NOT_FOUND or
 * FORBIDDEN with their own message; anything else becomes INTERNAL_ERROR with a correlation id
 * and nothing from the inside, since an infrastructure message can hold identifiers. Over HTTP, a
 * response holding an UNAVAILABLE error is answered 503 with Retry-After ({@code UnavailableResponses}).
 */
package org.healthgraph.graphql.errors;

/**
 * One error mapping for the whole API: domain exceptions become BAD_REQUEST, NOT_FOUND or
 * FORBIDDEN with their own message; anything else becomes INTERNAL_ERROR with a correlation id
 * and nothing from the inside, since an infrastructure message can hold identifiers.
 */
package org.healthgraph.graphql.errors;

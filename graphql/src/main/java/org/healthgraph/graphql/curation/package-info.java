/**
 * Curation's part of the GraphQL API: the mutations proposeChange, approveProposal and
 * rejectProposal (Relay style: one input, one payload), the review queue, a proposal with its diff,
 * the import conflicts, and an entry's versions and history, over
 * {@link org.healthgraph.catalog.curation.Curation}. The acting steward is the request's
 * {@link org.healthgraph.graphql.access.Caller}; failures go through the one error mapping.
 */
package org.healthgraph.graphql.curation;

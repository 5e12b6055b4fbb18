/**
 * Linkage runs kept in the graph and their clerical review: {@link org.healthgraph.linkage.review.RunRecorder}
 * keeps a run (its summary, model, estimates and pairs) when {@code link} writes to the graph, and
 * {@link org.healthgraph.linkage.review.ClericalReview} is the review loop: the queue of pairs in the
 * uncertain band, stewards' decisions (the latest holds, earlier ones are history), the links they
 * change and the estimates that account for them (docs/linkage.md, Clerical review).
 */
package org.healthgraph.linkage.review;

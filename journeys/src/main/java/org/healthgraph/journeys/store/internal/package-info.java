/**
 * What the journey stores of both backends share, in no query language: the graph rows of saved
 * cohort definitions. Serves {@code org.healthgraph.journeys.store} only.
 */
package org.healthgraph.journeys.store.internal;

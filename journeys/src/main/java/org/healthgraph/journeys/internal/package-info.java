/**
 * Implementation of patient journeys: the compact per-patient timeline index and its parallel
 * evaluator. Other modules never import this package.
 */
package org.healthgraph.journeys.internal;

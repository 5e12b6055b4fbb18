/**
 * Coverage-guided fuzz tests of every reader of outside input (Jazzer through JUnit): each target
 * holds the one property of {@link org.healthgraph.importers.fuzz.FuzzProperty}. Without
 * {@code JAZZER_FUZZ} they replay their seeds and past findings; with it they fuzz for a bounded time.
 */
package org.healthgraph.importers.fuzz;

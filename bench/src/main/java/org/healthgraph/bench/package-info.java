/**
 * Benchmarks: each prints this project's figures beside a peer's, measured in one run on the same
 * machine, so that the ratio means something on a shared, noisy machine. Not part of the tests.
 */
package org.healthgraph.bench;

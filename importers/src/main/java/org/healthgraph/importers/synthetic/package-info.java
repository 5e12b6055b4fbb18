/**
 * Synthetic data generators: an SNDS-shaped extract (beneficiaries, pharmacy claims, PMSI MCO
 * stays, causes of death) with realistic ages, sexes, départements and planted care patterns, so
 * that demos and benchmarks have meaningful answers. Deterministic for a seed.
 */
package org.healthgraph.importers.synthetic;

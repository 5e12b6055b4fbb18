/**
 * A benchmark generator for record linkage: a national file and a research cohort drawn from it
 * with a documented corruption model (typos by AZERTY keyboard adjacency, deletions, insertions,
 * transpositions, day/month swaps, married names, moves, missing values, admission dates one day
 * off, other ICD-10 subcodes), with the truth file and a ready linkage configuration. Two
 * situations: identifiers (names, birth date, sex, postcode) and quasi-identifiers only (the SNDS
 * indirect case: sex, birth year and month, département, a hospital stay's date, hospital and diagnosis).
 */
package org.healthgraph.linkage.match.synthetic;

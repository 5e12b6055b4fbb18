/**
 * The catalog search benchmark: our Lucene index beside Neo4j's built-in full-text index (french
 * analyzer) over the same schema-snds tables, variables, code lists and codes, on a graded set of
 * researchers' questions (nDCG@10, MRR) and for speed (p50/p95), in one run.
 */
package org.healthgraph.bench.search;

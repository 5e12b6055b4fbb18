/**
 * The linkage engine's machinery: column tables read from CSV, field encodings and comparison
 * levels on primitive arrays, blocking indexes, candidate-pair enumeration over a bounded thread
 * pool, the EM on agreement-pattern counts, one-to-one assignment, clustering and the SNDS tiered
 * exact-match baseline. Nothing here holds global state.
 */
package org.healthgraph.linkage.match.internal;

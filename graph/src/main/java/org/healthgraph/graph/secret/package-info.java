/**
 * Secret keys kept in the data folder, owner-only, made at first use and never logged: the audit
 * trail's hash key and the cell-key perturbation's key of the disclosure control.
 */
package org.healthgraph.graph.secret;

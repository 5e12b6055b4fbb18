/** Fields about the server itself: its version and the graph it serves. */
package org.healthgraph.graphql.system;

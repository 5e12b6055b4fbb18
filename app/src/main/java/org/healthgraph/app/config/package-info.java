/**
 * Configuration: the {@code healthgraph.*} properties (also read from environment variables such
 * as {@code HEALTHGRAPH_DATA_DIR}, {@code HEALTHGRAPH_NEO4J_URI}), the beans they build, and the
 * start-up failure reports that name the setting to change.
 */
package org.healthgraph.app.config;

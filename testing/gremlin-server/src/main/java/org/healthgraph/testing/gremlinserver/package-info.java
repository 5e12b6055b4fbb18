/**
 * Test support: a real Gremlin Server in its own JVM. {@link org.healthgraph.testing.gremlinserver.GremlinServerProcess}
 * starts it from the test JVM using the JDK alone; {@link org.healthgraph.testing.gremlinserver.BindTraversalSources}
 * runs inside the server.
 */
package org.healthgraph.testing.gremlinserver;

/**
 * The {@code healthgraph} command line (picocli). {@code serve} and {@code demo} start the web
 * server; the other commands are jobs that open the same Spring context without a web server
 * ({@link org.healthgraph.app.cli.JobContext}), do their work and exit with 0 (done), 1 (failed,
 * with a message naming what is wrong) or 2 (bad usage).
 */
package org.healthgraph.app.cli;

/**
 * The demonstration: steps that load demonstration data into a fresh graph when
 * {@code healthgraph.demo.enabled=true}, and the announcement of the URL once the server answers.
 */
package org.healthgraph.app.demo;

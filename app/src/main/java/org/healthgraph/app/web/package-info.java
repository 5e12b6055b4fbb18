/**
 * What the application serves over HTTP besides GraphQL and the web interface's static files: the
 * GraphQL explorer's address ({@code /graphiql}) and the code-list CSV download, as functional
 * routes that {@code app/config/WebConfiguration} registers.
 */
package org.healthgraph.app.web;

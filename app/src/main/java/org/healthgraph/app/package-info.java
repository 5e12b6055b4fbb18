/**
 * The healthgraph application: the Spring Boot wiring of every module, the {@code healthgraph}
 * command line ({@code cli}), configuration ({@code config}) and the demonstration ({@code demo}).
 * Nothing imports this module.
 */
package org.healthgraph.app;

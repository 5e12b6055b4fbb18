/**
 * How requests are executed: a cache of parsed and validated documents, so that the queries a
 * front-end sends again and again (with new variables) are parsed and validated once; and cheap checks of what a request selects.
 */
package org.healthgraph.graphql.execution;

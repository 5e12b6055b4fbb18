/**
 * JSON Schemas (draft 2020-12) generated from the API's GraphQL input types, so that a file format
 * that is "the shape of a GraphQL input" cannot drift from it: the cohort query format
 * ({@code /schemas/cohort-query.schema.json}, docs/trajectories.md, Format).
 */
package org.healthgraph.graphql.jsonschema;

// Every GraphQL document the interface sends, with the shapes it reads back, in one place so that
// a change of the API shows here only (search.graphqls, catalog.graphqls, journey.graphqls).

import { gql } from './api';

export type Kind = 'TABLE' | 'VARIABLE' | 'NOMENCLATURE' | 'CODE';

export interface SearchFilters {
  kinds?: Kind[];
  products?: string[];
  tables?: string[];
  nomenclatures?: string[];
  types?: string[];
  years?: number[];
}

export interface SearchHit {
  kind: Kind;
  key: string;
  name: string;
  label: string;
  product: string;
  table: string | null;
  nomenclature: string | null;
  type: string | null;
  highlights: string[];
}

export interface SearchPage {
  edges: { cursor: string; node: SearchHit }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  totalCountExact: boolean;
  facets: { name: string; values: { value: string; count: number }[] }[];
  notice: string | null;
}

export interface Suggestion {
  text: string;
  kind: Kind;
  key: string;
}

export async function search(query: string, filters: SearchFilters, first: number, after: string | null): Promise<SearchPage> {
  const data = await gql<{ search: SearchPage }>(
    `query Search($query: String!, $filters: SearchFilters, $first: Int, $after: String) {
      search(query: $query, filters: $filters, first: $first, after: $after) {
        edges { cursor node { kind key name label product table nomenclature type highlights } }
        pageInfo { hasNextPage endCursor }
        totalCount totalCountExact
        facets { name values { value count } }
        notice
      }
    }`,
    { query, filters, first, after },
  );
  return data.search;
}

export async function suggest(prefix: string, first = 8): Promise<Suggestion[]> {
  const data = await gql<{ suggest: Suggestion[] }>(
    `query Suggest($prefix: String!, $first: Int) { suggest(prefix: $prefix, first: $first) { text kind key } }`,
    { prefix, first },
  );
  return data.suggest;
}

export interface KeyPair { left: string; right: string }
export interface Join { from: string; to: string; keys: KeyPair[] }

export interface VariableSummary {
  key: string;
  table: string;
  name: string;
  description: string;
  type: string;
  nomenclature: { name: string } | null;
}

export interface TableDetail {
  name: string;
  title: string;
  dataset: string;
  primaryKey: string[];
  variables: { totalCount: number; edges: { node: VariableSummary }[] };
  joins: { totalCount: number; edges: { node: Join }[] };
}

const VARIABLE_FIELDS = 'key table name description type nomenclature { name }';

/** A table with its first 100 variables and joins (tables have at most a few hundred). */
export async function table(name: string): Promise<TableDetail | null> {
  const data = await gql<{ table: TableDetail | null }>(
    `query Table($name: String!) {
      table(name: $name) {
        name title dataset primaryKey
        variables(first: 100) { totalCount edges { node { ${VARIABLE_FIELDS} } } }
        joins(first: 100) { totalCount edges { node { from to keys { left right } } } }
      }
    }`,
    { name },
  );
  return data.table;
}

export interface VariableDetail extends VariableSummary {
  position: number;
  length: string;
  format: string;
  nomenclatureColumn: string | null;
}

export async function variable(tableName: string, name: string): Promise<VariableDetail | null> {
  const data = await gql<{ variable: VariableDetail | null }>(
    `query Variable($table: String!, $name: String!) {
      variable(table: $table, name: $name) { ${VARIABLE_FIELDS} position length format nomenclatureColumn }
    }`,
    { table: tableName, name },
  );
  return data.variable;
}

export interface CodeRow { code: string; label: string; columns: { column: string; value: string }[] }

export interface NomenclatureDetail {
  name: string;
  title: string;
  source: string;
  columns: { name: string; type: string; role: string }[];
  /** Keys (TABLE.VARIABLE) of the variables coded by the list. */
  variables: string[];
  codes: {
    edges: { cursor: string; node: CodeRow }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}

export async function nomenclature(name: string, first: number, after: string | null): Promise<NomenclatureDetail | null> {
  const data = await gql<{ nomenclature: NomenclatureDetail | null }>(
    `query Nomenclature($name: String!, $first: Int, $after: String) {
      nomenclature(name: $name) {
        name title source
        columns { name type role }
        variables
        codes(first: $first, after: $after) {
          edges { cursor node { code label columns { column value } } }
          pageInfo { hasNextPage endCursor }
          totalCount
        }
      }
    }`,
    { name, first, after },
  );
  return data.nomenclature;
}

export interface JoinPathResult {
  from: string;
  to: string;
  found: boolean;
  explanation: string;
  paths: { hops: Join[] }[];
}

export async function joinPath(from: string, to: string, maxHops = 6): Promise<JoinPathResult> {
  const data = await gql<{ joinPath: JoinPathResult }>(
    `query JoinPath($from: String!, $to: String!, $maxHops: Int) {
      joinPath(from: $from, to: $to, maxHops: $maxHops) { from to found explanation paths { hops { from to keys { left right } } } }
    }`,
    { from, to, maxHops },
  );
  return data.joinPath;
}

export interface SuppressedCount { value: number | null; suppressed: boolean }

export interface CohortResult {
  count: SuppressedCount;
  attrition: { step: number; label: string; patients: SuppressedCount }[];
  pathways: {
    nodes: { id: string; step: number; label: string; patients: SuppressedCount }[];
    links: { source: string; target: string; patients: SuppressedCount }[];
  } | null;
}

/** Runs a cohort query (the CohortQuery input of journey.graphqls, as JSON). */
export async function cohort(query: unknown): Promise<CohortResult> {
  const data = await gql<{ cohort: CohortResult }>(
    `query Cohort($query: CohortQuery!) {
      cohort(query: $query) {
        count { value suppressed }
        attrition { step label patients { value suppressed } }
        pathways {
          nodes { id step label patients { value suppressed } }
          links { source target patients { value suppressed } }
        }
      }
    }`,
    { query },
  );
  return data.cohort;
}

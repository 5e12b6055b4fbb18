// Every GraphQL document the interface sends, with the shapes it reads back, in one place so that
// a change of the API shows here only (search.graphqls, catalog.graphqls, journey.graphqls).

import { gql } from './api';

export type Kind = 'TABLE' | 'VARIABLE' | 'NOMENCLATURE' | 'CODE' | 'DOCUMENT';

/** The server's release (not `version.graph`: the database's internal address has no place on the page). */
export async function version(): Promise<string> {
  const data = await gql<{ version: { healthgraph: string } }>('query Version { version { healthgraph } }');
  return data.version.healthgraph;
}

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
  /** A documentation hit's Markdown file and anchor (fiches/ivg.md#les-ivg); null for other hits. */
  path?: string | null;
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
  /** The label beside a name (a code's label), empty otherwise. */
  label: string;
}

export async function search(query: string, filters: SearchFilters, first: number, after: string | null): Promise<SearchPage> {
  const data = await gql<{ search: SearchPage }>(
    `query Search($query: String!, $filters: SearchFilters, $first: Int, $after: String) {
      search(query: $query, filters: $filters, first: $first, after: $after) {
        edges { cursor node { kind key name label product table nomenclature type path highlights } }
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
    `query Suggest($prefix: String!, $first: Int) { suggest(prefix: $prefix, first: $first) { text kind key label } }`,
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

export interface History { dateCreated: string; dateDeleted: string; dateMissing: string[] }

export interface TableDetail {
  name: string;
  title: string;
  dataset: string;
  scope: string;
  observation: string;
  history: History;
  primaryKey: string[];
  variables: { totalCount: number; pageInfo: PageInfo; edges: { node: VariableSummary }[] };
  joins: { totalCount: number; edges: { node: Join }[] };
}

export interface PageInfo { hasNextPage: boolean; endCursor: string | null }

const VARIABLE_FIELDS = 'key table name description type nomenclature { name }';
const HISTORY_FIELDS = 'history { dateCreated dateDeleted dateMissing }';

/** A table with its first 100 variables (see tableVariables for the rest) and joins. */
export async function table(name: string): Promise<TableDetail | null> {
  const data = await gql<{ table: TableDetail | null }>(
    `query Table($name: String!) {
      table(name: $name) {
        name title dataset scope observation ${HISTORY_FIELDS} primaryKey
        variables(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${VARIABLE_FIELDS} } } }
        joins(first: 100) { totalCount edges { node { from to keys { left right } } } }
      }
    }`,
    { name },
  );
  return data.table;
}

export interface VariableChange { field: string; oldValue: string; newValue: string; source: string; at: string }

export interface VariableDetail extends VariableSummary {
  position: number;
  length: string;
  format: string;
  nomenclatureColumn: string | null;
  history: History;
  observation: string;
  managementRule: string;
  constraints: { name: string; value: string }[];
  sameName: { totalCount: number; edges: { node: { key: string; table: string; name: string; description: string } }[] };
  changes: { totalCount: number; edges: { node: VariableChange }[] };
}

/** A variable with what the API holds about it: history, management rule, same-name variables, changes. */
export async function variable(tableName: string, name: string): Promise<VariableDetail | null> {
  const data = await gql<{ variable: VariableDetail | null }>(
    `query Variable($table: String!, $name: String!) {
      variable(table: $table, name: $name) {
        ${VARIABLE_FIELDS} position length format nomenclatureColumn
        ${HISTORY_FIELDS} observation managementRule constraints { name value }
        sameName(first: 100) { totalCount edges { node { key table name description } } }
        changes(first: 100) { totalCount edges { node { field oldValue newValue source at } } }
      }
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

/** Which codes a page of a code list holds (the API's CodeFilter); absent parts keep every code. */
export interface CodeFilter { prefix?: string; text?: string; startAt?: string }

export async function nomenclature(name: string, first: number, after: string | null,
  filter: CodeFilter | null = null): Promise<NomenclatureDetail | null> {
  const data = await gql<{ nomenclature: NomenclatureDetail | null }>(
    `query Nomenclature($name: String!, $first: Int, $after: String, $filter: CodeFilter) {
      nomenclature(name: $name) {
        name title source
        columns { name type role }
        variables
        codes(first: $first, after: $after, filter: $filter) {
          edges { cursor node { code label columns { column value } } }
          pageInfo { hasNextPage endCursor }
          totalCount
        }
      }
    }`,
    { name, first, after, filter },
  );
  return data.nomenclature;
}

export interface CodeDetail {
  key: string; code: string; label: string; nomenclature: string;
  columns: { column: string; value: string }[];
  parents: { code: string; label: string }[];
  children: { code: string; label: string }[];
  variables: { totalCount: number; edges: { node: { key: string } }[] };
}

/** A code with its hierarchy and the variables its list codes; its list apart, since a code may have no described list. */
export async function codeDetail(list: string, code: string): Promise<{ code: CodeDetail | null; list: { name: string; title: string; source: string } | null }> {
  const data = await gql<{ code: CodeDetail | null; nomenclature: { name: string; title: string; source: string } | null }>(
    `query Code($key: String!, $list: String!) {
      code(key: $key) {
        key code label nomenclature
        columns { column value }
        parents { code label }
        children { code label }
        variables(first: 100) { totalCount edges { node { key } } }
      }
      nomenclature(name: $list) { name title source }
    }`,
    { key: `${list}:${code}`, list },
  );
  return { code: data.code, list: data.nomenclature };
}

/** A code's label by catalog key (IR_CIM_V:I21), '' when the catalog has the code without a label or not at all. */
export async function codeLabel(key: string): Promise<string> {
  const data = await gql<{ code: { label: string } | null }>(`query CodeLabel($key: String!) { code(key: $key) { label } }`, { key });
  return data.code?.label ?? '';
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
/** A project (approved study): its code, its size as released to the caller, whether the caller reads its patients. */
export interface Project { code: string; patients: SuppressedCount; granted: boolean }

export async function projects(): Promise<Project[]> {
  const data = await gql<{ projects: Project[] }>(`{ projects { code patients { value suppressed } granted } }`);
  return data.projects;
}

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

// ---- Browsing: the catalog index (home page, table explorer, names), the join graph, examples ----

export interface TableSummary {
  name: string;
  title: string;
  dataset: string;
  variables: number;
  joins: number;
}

export interface CatalogIndex {
  stats: { datasets: number; tables: number; variables: number; nomenclatures: number; codes: number; joins: number };
  datasets: { name: string; title: string; tables: TableSummary[] }[];
}

interface TablePage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { node: { name: string; title: string; variables: { totalCount: number }; joins: { totalCount: number } } }[];
}

const TABLE_PAGE = `totalCount pageInfo { hasNextPage endCursor }
  edges { node { name title variables(first: 0) { totalCount } joins(first: 0) { totalCount } } }`;

/** Every product with every table (name, title, counts of variables and joins), paging as needed. */
export async function catalogIndex(): Promise<CatalogIndex> {
  const index: CatalogIndex = { stats: { datasets: 0, tables: 0, variables: 0, nomenclatures: 0, codes: 0, joins: 0 }, datasets: [] };
  let after: string | null = null;
  do {
    const data: {
      catalogStats: CatalogIndex['stats'];
      datasets: { pageInfo: PageInfo; edges: { node: { name: string; title: string; tables: TablePage } }[] };
    } = await gql(
      `query CatalogIndex($after: String) {
        catalogStats { datasets tables variables nomenclatures codes joins }
        datasets(first: 50, after: $after) {
          pageInfo { hasNextPage endCursor }
          edges { node { name title tables(first: 100) { ${TABLE_PAGE} } } }
        }
      }`,
      { after },
    );
    index.stats = data.catalogStats;
    for (const { node } of data.datasets.edges) {
      const tables = summaries(node.name, node.tables);
      let page = node.tables;
      while (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
        page = await datasetTables(node.name, page.pageInfo.endCursor);
        tables.push(...summaries(node.name, page));
      }
      index.datasets.push({ name: node.name, title: node.title, tables });
    }
    after = data.datasets.pageInfo.hasNextPage ? data.datasets.pageInfo.endCursor : null;
  } while (after);
  return index;
}

async function datasetTables(name: string, after: string): Promise<TablePage> {
  const data = await gql<{ dataset: { tables: TablePage } | null }>(
    `query DatasetTables($name: String!, $after: String) { dataset(name: $name) { tables(first: 100, after: $after) { ${TABLE_PAGE} } } }`,
    { name, after },
  );
  return data.dataset?.tables ?? { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
}

function summaries(dataset: string, page: TablePage): TableSummary[] {
  return page.edges.map(({ node }) => ({
    name: node.name, title: node.title, dataset, variables: node.variables.totalCount, joins: node.joins.totalCount,
  }));
}

/** The variables of a table after the first page. */
export async function tableVariables(name: string, after: string): Promise<TableDetail['variables'] | null> {
  const data = await gql<{ table: { variables: TableDetail['variables'] } | null }>(
    `query TableVariables($name: String!, $after: String) {
      table(name: $name) { variables(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${VARIABLE_FIELDS} } } } }
    }`,
    { name, after },
  );
  return data.table?.variables ?? null;
}

export interface JoinGraph {
  centre: { name: string };
  tables: { name: string; title: string; dataset: string }[];
  joins: Join[];
  truncated: boolean;
}

/** The tables within `depth` joins of a table and the joins among them (the `neighbourhood` query). */
export async function neighbourhood(name: string, depth: number, limit: number): Promise<JoinGraph | null> {
  const data = await gql<{ neighbourhood: JoinGraph | null }>(
    `query Neighbourhood($table: String!, $depth: Int, $limit: Int) {
      neighbourhood(table: $table, depth: $depth, limit: $limit) {
        centre { name } tables { name title dataset } joins { from to keys { left right } } truncated
      }
    }`,
    { table: name, depth, limit },
  );
  return data.neighbourhood;
}

export interface CatalogExamples {
  table: { name: string; joins: { edges: { node: Join }[] } } | null;
  variables: { name: string; description: string; nomenclature: { name: string; codes: { edges: { node: { code: string } }[] } } | null }[];
}

/** Things that exist in a table of the loaded catalog, to show as examples in placeholders. */
export async function catalogExamples(tableName: string): Promise<CatalogExamples> {
  const data = await gql<{ table: { name: string; joins: { edges: { node: Join }[] }; variables: { edges: { node: CatalogExamples['variables'][number] }[] } } | null }>(
    `query Examples($name: String!) {
      table(name: $name) {
        name
        joins(first: 1) { edges { node { from to keys { left right } } } }
        variables(first: 30) { edges { node { name description nomenclature { name codes(first: 1) { edges { node { code } } } } } } }
      }
    }`,
    { name: tableName },
  );
  return {
    table: data.table ? { name: data.table.name, joins: data.table.joins } : null,
    variables: data.table?.variables.edges.map((e) => e.node) ?? [],
  };
}

// ---- Saved cohort definitions (journey.graphqls: saveCohortDefinition, cohortDefinitions, cohortDefinition) ----

/** A saved cohort definition: its name and version, and the query as the format's JSON text. */
export interface CohortDefinition { name: string; version: number; description: string; savedAt: string; versions: number[]; json: string }

const DEFINITION = 'name version description savedAt versions json';

export async function saveCohortDefinition(name: string, description: string, query: unknown): Promise<CohortDefinition> {
  const data = await gql<{ saveCohortDefinition: CohortDefinition }>(
    `mutation Save($name: String!, $description: String, $query: CohortQuery!) {
      saveCohortDefinition(name: $name, description: $description, query: $query) { ${DEFINITION} }
    }`, { name, description, query });
  return data.saveCohortDefinition;
}

/** The caller's definitions, the latest version of each, by name. */
export async function cohortDefinitions(): Promise<CohortDefinition[]> {
  const data = await gql<{ cohortDefinitions: CohortDefinition[] }>(`query Definitions { cohortDefinitions { ${DEFINITION} } }`);
  return data.cohortDefinitions;
}

export async function cohortDefinition(name: string, version: number | null): Promise<CohortDefinition> {
  const data = await gql<{ cohortDefinition: CohortDefinition }>(
    `query Definition($name: String!, $version: Int) { cohortDefinition(name: $name, version: $version) { ${DEFINITION} } }`, { name, version });
  return data.cohortDefinition;
}

// ---- the documentation (documentation.graphqls)

/** A documentation section naming a catalog entry. */
export interface DocMention { path: string; page: string; anchor: string | null; title: string; passage: string }

export interface DocSection { path: string; anchor: string; title: string; depth: number; text: string }
export interface DocReference { kind: Exclude<Kind, 'DOCUMENT'>; key: string; text: string; path: string }
export interface DocLink { path: string; title: string }
export interface GlossaryTerm { name: string; acronym: string | null; expansion: string | null; definition: string; path: string }

export interface DocPage {
  path: string; page: string; title: string; sourcePath: string; tags: string[]; text: string;
  sections: DocSection[]; mentions: DocReference[]; linksTo: DocLink[]; linkedFrom: DocLink[]; term: GlossaryTerm | null;
}

export async function documentPage(path: string): Promise<DocPage | null> {
  const data = await gql<{ document: DocPage | null }>(
    `query Document($path: String!) {
      document(path: $path) {
        path page title sourcePath tags text
        sections { path anchor title depth text }
        mentions { kind key text path }
        linksTo { path title } linkedFrom { path title }
        term { name acronym expansion definition path }
      }
    }`,
    { path },
  );
  return data.document;
}

export async function glossary(prefix: string, first: number, after: string | null):
  Promise<{ edges: { cursor: string; node: GlossaryTerm }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number }> {
  const data = await gql<{ glossary: Awaited<ReturnType<typeof glossary>> }>(
    `query Glossary($prefix: String, $first: Int, $after: String) {
      glossary(prefix: $prefix, first: $first, after: $after) {
        edges { cursor node { name acronym expansion definition path } }
        pageInfo { hasNextPage endCursor } totalCount
      }
    }`,
    { prefix, first, after },
  );
  return data.glossary;
}

const MENTION_FIELDS = 'documentation { path page anchor title passage }';

/** The documentation sections naming a table, variable, code list or code. */
export async function entryDocumentation(kind: Exclude<Kind, 'DOCUMENT'>, key: string): Promise<DocMention[]> {
  type Answer = Record<string, { documentation: DocMention[] } | null>;
  let data: Answer;
  if (kind === 'TABLE') {
    data = await gql<Answer>(`query D($name: String!) { entry: table(name: $name) { ${MENTION_FIELDS} } }`, { name: key });
  } else if (kind === 'VARIABLE') {
    const dot = key.indexOf('.');
    data = await gql<Answer>(`query D($table: String!, $name: String!) { entry: variable(table: $table, name: $name) { ${MENTION_FIELDS} } }`,
      { table: key.slice(0, dot), name: key.slice(dot + 1) });
  } else if (kind === 'NOMENCLATURE') {
    data = await gql<Answer>(`query D($name: String!) { entry: nomenclature(name: $name) { ${MENTION_FIELDS} } }`, { name: key });
  } else {
    data = await gql<Answer>(`query D($key: String!) { entry: code(key: $key) { ${MENTION_FIELDS} } }`, { key });
  }
  return data.entry?.documentation ?? [];
}

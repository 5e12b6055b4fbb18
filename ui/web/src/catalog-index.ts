// The catalog's products and tables, read once per page load and shared by the home page, the
// table explorer, the placeholders and the resolution of names typed in another case
// (#/table/ir_ben_r, #/table/t_mcoaab). A failed read is forgotten, so the next view tries again.

import { catalogExamples, catalogIndex, type CatalogIndex, type TableSummary } from './queries';

let index: Promise<CatalogIndex> | null = null;

export function loadIndex(): Promise<CatalogIndex> {
  if (!index) {
    index = catalogIndex();
    index.catch(() => { index = null; });
  }
  return index;
}

export function allTables(i: CatalogIndex): TableSummary[] {
  return i.datasets.flatMap((d) => d.tables).sort((a, b) => a.name.localeCompare(b.name));
}

/** The table's name as the catalog spells it, whatever the case typed; null when there is none. */
export async function canonicalTable(name: string): Promise<string | null> {
  const wanted = name.trim().toUpperCase();
  const found = allTables(await loadIndex()).find((t) => t.name.toUpperCase() === wanted);
  return found ? found.name : null;
}

/** Up to `max` table names close to what was typed (same start or containing it), for "did you mean". */
export async function similarTables(name: string, max = 5): Promise<string[]> {
  const wanted = name.trim().toUpperCase();
  if (wanted.length < 2) return [];
  const names = allTables(await loadIndex()).map((t) => t.name);
  const start = wanted.slice(0, Math.min(4, wanted.length));
  const close = names.filter((n) => n.toUpperCase().includes(wanted) || wanted.includes(n.toUpperCase())
    || n.toUpperCase().startsWith(start));
  return close.slice(0, max);
}

/** Real names of the loaded catalog to show as examples in placeholders. */
export interface Examples {
  /** What to type in the search box: a few words of a description, a table, a code. */
  search: string[];
  /** Two tables joined by a declared foreign key. */
  joinFrom: string | null;
  joinTo: string | null;
  /** A table name, for the explorer's filter. */
  table: string | null;
}

let examples: Promise<Examples> | null = null;

export function loadExamples(): Promise<Examples> {
  if (!examples) {
    examples = readExamples();
    examples.catch(() => { examples = null; });
  }
  return examples;
}

async function readExamples(): Promise<Examples> {
  const tables = allTables(await loadIndex());
  if (tables.length === 0) return { search: [], joinFrom: null, joinTo: null, table: null };
  // The most joined table is the catalog's hub (IR_BEN_R in the SNDS): a good example everywhere.
  const hub = [...tables].sort((a, b) => b.joins - a.joins || a.name.localeCompare(b.name))[0];
  const found = await catalogExamples(hub.name);
  const join = found.table?.joins.edges[0]?.node ?? null;
  const words = found.variables.map((v) => v.description.trim()).find((d) => d.length >= 6 && d.length <= 30);
  const code = found.variables.map((v) => v.nomenclature?.codes.edges[0]?.node.code).find((c) => !!c && c.length >= 3);
  const search = [words?.toLowerCase(), hub.name, code].filter((s): s is string => !!s);
  return {
    search,
    joinFrom: join ? join.from : hub.name,
    joinTo: join ? join.to : null,
    table: hub.name,
  };
}

/** Forgets the index read, so that the next view reads it again (the server finished loading). */
export function forgetIndex(): void {
  index = null;
  examples = null;
}

// Pages of catalog entries: a table (with its variables, joins and join graph), a variable (with its
// history, management rule, same-name variables and changes), a code list (codes paged by cursor,
// the whole list as CSV). Names typed in another case (#/table/ir_ben_r) open the catalog's entry.

import { canonicalTable, loadIndex } from '../catalog-index';
import { clear, count, el, link, loading } from '../dom';
import { drawGraph, ringLayout, type GraphEdge, type GraphNode } from '../graph';
import { t } from '../i18n';
import { historyHref } from './curation';
import { bulkControl } from './bulk';
import { editControl, joinsControl } from './edit';
import {
  neighbourhood, nomenclature, table, tableVariables, variable,
  type CodeFilter, type History, type Join, type NomenclatureDetail, type TableDetail, type VariableSummary,
} from '../queries';
import { keepInAddress } from '../share';
import { documentationSection } from './documentation';
import { fold } from './tables';

const tableHref = (name: string): string => `#/table/${encodeURIComponent(name)}`;
const nomenclatureHref = (name: string): string => `#/nomenclature/${encodeURIComponent(name)}`;
export const codeHref = (list: string, code: string): string => `#/code/${encodeURIComponent(list)}/${encodeURIComponent(code)}`;
const variableHref = (t: string, name: string): string => `#/variable/${encodeURIComponent(t)}/${encodeURIComponent(name)}`;
const joinPathHref = (from: string, to?: string): string =>
  `#/jointure?${new URLSearchParams(to ? { from, to } : { from }).toString()}`;

function notFound(root: HTMLElement, what: string): void {
  root.append(el('h1', {}, what), el('p', { class: 'error', role: 'alert' }, t.common.notFound),
    el('p', {}, link('#/', t.common.backToCatalogue)));
}

function dl(rows: [string, Node | string | null][]): HTMLDListElement {
  const list = el('dl', { class: 'facts' });
  for (const [term, value] of rows) {
    if (value === null || value === '') continue;
    list.append(el('dt', {}, term), el('dd', {}, value));
  }
  return list;
}

function historyRows(h: History, labels: { created: string; deleted: string; missing: string }): [string, string | null][] {
  return [[labels.created, h.dateCreated], [labels.deleted, h.dateDeleted], [labels.missing, h.dateMissing.join(', ')]];
}

/** Loads an entry by the name in the address, or by the catalog's spelling of it (then fixes the address). */
async function withCanonicalTable<T>(name: string, load: (name: string) => Promise<T | null>,
  address: (canonical: string) => string): Promise<T | null> {
  const found = await load(name);
  if (found) return found;
  const canonical = await canonicalTable(name);
  if (!canonical || canonical === name) return null;
  keepInAddress(address(canonical));
  return load(canonical);
}

function variablesTable(variables: VariableSummary[], showTable: boolean): HTMLTableElement {
  const head = el('tr', {}, showTable ? el('th', {}, t.table.columns.table) : null, el('th', {}, t.table.columns.variable),
    el('th', {}, t.table.columns.description), el('th', {}, t.table.columns.type), el('th', {}, t.table.columns.nomenclature));
  const body = el('tbody', {});
  for (const v of variables) {
    body.append(el('tr', { 'data-variable': v.name, 'data-search': fold(`${v.name} ${v.description}`) },
      showTable ? el('td', {}, link(tableHref(v.table), el('span', { class: 'key' }, v.table))) : null,
      el('td', {}, link(variableHref(v.table, v.name), el('span', { class: 'key' }, v.name))),
      el('td', {}, v.description),
      el('td', {}, v.type),
      el('td', {}, v.nomenclature ? link(nomenclatureHref(v.nomenclature.name), v.nomenclature.name) : '')));
  }
  return el('table', { class: 'grid variables' }, el('thead', {}, head), body);
}

function keys(join: Join): string {
  return join.keys.map((k) => `${join.from}.${k.left} = ${join.to}.${k.right}`).join(', ');
}

// ---- Table ----

export async function tableView(root: HTMLElement, params: URLSearchParams, path: string[]): Promise<void> {
  const asked = path[1] ?? '';
  const wait = loading(root);
  const tb = await withCanonicalTable(asked, table, (c) => tableHref(c) + (params.toString() ? `?${params.toString()}` : ''))
    .finally(() => wait.remove());
  if (!tb) { notFound(root, asked); return; }
  const address = (p: URLSearchParams): string => tableHref(tb.name) + (p.toString() ? `?${p.toString()}` : '');
  const tableTitle = el('h1', {}, el('span', { class: 'badge kind-table' }, t.kind.TABLE), el('span', { class: 'key' }, tb.name), ' ', tb.title);
  root.append(
    el('p', { class: 'crumbs muted' }, link('#/', t.nav.catalogue), ' › ',
      link(`#/tables?${new URLSearchParams({ product: tb.dataset }).toString()}`, tb.dataset), ' › ', tb.name),
    tableTitle,
    dl([
      [t.table.product, tb.dataset],
      [t.table.scope, tb.scope],
      [t.table.primaryKey, tb.primaryKey.join(', ')],
      [t.table.variables, count(tb.variables.totalCount)],
      ...historyRows(tb.history, t.table),
      [t.table.observation, tb.observation],
    ]),
    el('p', {}, link(joinPathHref(tb.name), t.table.joinPathFrom), ' · ',
      link(historyHref('TABLE', tb.name), t.curation.editLink), ' ',
      editControl({ kind: 'TABLE', key: tb.name, fields: ['title', 'tags'], shown: [tableTitle] })),
  );
  const graphSection = el('section', { class: 'join-graph', 'aria-labelledby': 'graph-title' });
  root.append(graphSection);
  renderVariables(root, tb, params, address);
  renderJoins(root, tb);
  root.append(documentationSection('TABLE', tb.name));
  await renderJoinGraph(graphSection, tb, params, address);
}

function renderVariables(root: HTMLElement, tb: TableDetail, params: URLSearchParams,
  address: (p: URLSearchParams) => string): void {
  const input = el('input', { type: 'search', id: 'variable-filter', autocomplete: 'off', placeholder: t.table.filterVariablesPlaceholder });
  input.value = params.get('v') ?? '';
  const summary = el('span', { class: 'muted', role: 'status' });
  const grid = variablesTable(tb.variables.edges.map((e) => e.node), false);
  root.append(el('h2', {}, t.table.variablesTitle),
    el('div', { class: 'filter-form' }, el('label', { for: 'variable-filter' }, t.table.filterVariables), input, summary),
    grid, bulkControl(grid, tb.name));
  const filter = (): void => {
    const text = fold(input.value.trim());
    let shown = 0;
    const rows = grid.tBodies[0].rows;
    for (const row of Array.from(rows)) {
      const hit = !text || (row.dataset.search ?? '').includes(text);
      row.hidden = !hit;
      if (hit) shown++;
    }
    summary.textContent = t.table.variablesShown(shown, rows.length);
  };
  input.addEventListener('input', () => {
    filter();
    const next = new URLSearchParams(params);
    if (input.value.trim()) next.set('v', input.value.trim()); else next.delete('v');
    keepInAddress(address(next));
  });
  filter();
  // Tables have at most a few hundred variables: the rest come in pages of 100, then the filter reapplies.
  void (async () => {
    let page = tb.variables;
    while (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      const next = await tableVariables(tb.name, page.pageInfo.endCursor);
      if (!next) break;
      grid.tBodies[0].append(...Array.from(variablesTable(next.edges.map((e) => e.node), false).tBodies[0].rows));
      page = next;
      filter();
    }
  })();
}

function renderJoins(root: HTMLElement, tb: TableDetail): void {
  root.append(el('h2', {}, t.table.joinsTitle));
  const joins = tb.joins.edges.map((e) => e.node);
  root.append(joinsControl(tb.name));
  if (joins.length === 0) { root.append(el('p', { class: 'muted' }, t.table.noJoin)); return; }
  const body = el('tbody', {});
  for (const j of joins) {
    const other = j.from === tb.name ? j.to : j.from;
    body.append(el('tr', {},
      el('td', {}, link(tableHref(other), el('span', { class: 'key' }, other))),
      el('td', {}, j.from === tb.name ? t.table.to : t.table.from),
      el('td', {}, el('code', {}, keys(j))),
      el('td', {}, link(joinPathHref(tb.name, other), t.table.path))));
  }
  const c = t.table.joinColumns;
  root.append(el('table', { class: 'grid joins' },
    el('thead', {}, el('tr', {}, el('th', {}, c.table), el('th', {}, c.direction), el('th', {}, c.keys), el('th', {}, c.path))), body));
  if (tb.joins.totalCount > joins.length) {
    root.append(el('p', { class: 'muted' }, t.table.joinsShown(joins.length, tb.joins.totalCount)));
  }
}

/** Tables drawn at most, by depth (a hub such as IR_BEN_R reaches most of the SNDS in two joins). */
const GRAPH_LIMIT: Record<number, number> = { 1: 60, 2: 60, 3: 80 };

async function renderJoinGraph(section: HTMLElement, tb: TableDetail, params: URLSearchParams,
  address: (p: URLSearchParams) => string): Promise<void> {
  if (tb.joins.totalCount === 0) return;
  const depth = [1, 2, 3].includes(Number(params.get('depth'))) ? Number(params.get('depth')) : 1;
  const select = el('select', { id: 'graph-depth' }, ...[1, 2, 3].map((d) => el('option', { value: String(d) }, t.table.depthOption(d))));
  select.value = String(depth);
  select.addEventListener('change', () => {
    const next = new URLSearchParams(params);
    if (select.value === '1') next.delete('depth'); else next.set('depth', select.value);
    location.hash = address(next);
  });
  const box = el('div', { class: 'graph' }, el('p', { class: 'muted loading' }, t.common.loading));
  section.append(
    el('h2', { id: 'graph-title' }, t.table.graphTitle),
    el('div', { class: 'filter-form' }, el('label', { for: 'graph-depth' }, t.table.depth), select,
      el('span', { class: 'muted small' }, t.table.graphHelp)),
    box);
  const limit = GRAPH_LIMIT[depth];
  const graph = await neighbourhood(tb.name, depth, limit);
  if (!graph) { clear(box); return; }
  const nodes: GraphNode[] = graph.tables.map((x) => ({
    id: x.name, href: tableHref(x.name), title: `${x.name} (${x.dataset}) ${x.title}`.trim(), group: x.dataset,
    centre: x.name === tb.name,
  }));
  const edges: GraphEdge[] = graph.joins.map((j) => ({
    source: j.from, target: j.to, href: joinPathHref(j.from, j.to),
  }));
  const groups = await loadIndex().then((i) => i.datasets.map((d) => d.name), () => []);
  await drawGraph(box, nodes, edges,
    { label: t.table.graphLabel(tb.name, nodes.length), layout: ringLayout(nodes, edges), groups }, t.table.legend);
  if (graph.truncated) box.append(el('p', { class: 'muted' }, t.table.graphTruncated(limit)));
}

// ---- Variable ----

export async function variableView(root: HTMLElement, _params: URLSearchParams, path: string[]): Promise<void> {
  const [tableName, name] = [path[1] ?? '', path[2] ?? ''];
  const wait = loading(root);
  const load = (tn: string) => variable(tn, name).then((v) => v ?? (name !== name.toUpperCase() ? variable(tn, name.toUpperCase()) : null));
  const v = await withCanonicalTable(tableName, load, (c) => variableHref(c, name.toUpperCase())).finally(() => wait.remove());
  if (!v) { notFound(root, `${tableName}.${name}`); return; }
  keepInAddress(variableHref(v.table, v.name));
  const m = t.variable;
  const lead = el('p', { class: 'lead' }, v.description);
  root.append(
    el('p', { class: 'crumbs muted' }, link('#/', t.nav.catalogue), ' › ', link(tableHref(v.table), v.table), ' › ', v.name),
    el('h1', {}, el('span', { class: 'badge kind-variable' }, t.kind.VARIABLE), el('span', { class: 'key' }, v.key)),
    lead,
    el('p', {}, link(historyHref('VARIABLE', v.key), t.curation.editLink), ' ',
      editControl({ kind: 'VARIABLE', key: v.key, fields: ['description', 'tags', 'codeList'], shown: [lead] })),
    dl([
      [m.table, link(tableHref(v.table), v.table)],
      [m.type, v.type],
      [m.length, v.length],
      [m.format, v.format],
      [m.position, String(v.position)],
      [m.nomenclature, v.nomenclature ? link(nomenclatureHref(v.nomenclature.name), v.nomenclature.name) : null],
      [m.nomenclatureColumn, v.nomenclatureColumn],
      ...historyRows(v.history, m),
      [m.constraints, v.constraints.map((c) => `${c.name} = ${c.value}`).join(' ; ')],
      [m.observation, v.observation],
    ]),
    el('section', { class: 'rule', 'aria-labelledby': 'rule-title' }, el('h2', { id: 'rule-title' }, m.rule),
      v.managementRule ? el('p', { class: 'management-rule' }, v.managementRule) : el('p', { class: 'muted' }, m.noRule)),
    sameNameSection(v.sameName, v.key),
    changesSection(v.changes),
    documentationSection('VARIABLE', v.key),
  );
}

function sameNameSection(same: NonNullable<Awaited<ReturnType<typeof variable>>>['sameName'], self: string): HTMLElement {
  const m = t.variable;
  const others = same.edges.map((e) => e.node).filter((n) => n.key !== self);
  const section = el('section', { class: 'same-name', 'aria-labelledby': 'same-title' }, el('h2', { id: 'same-title' }, m.sameName));
  if (others.length === 0) { section.append(el('p', { class: 'muted' }, m.noSameName)); return section; }
  section.append(el('table', { class: 'grid same-name' },
    el('thead', {}, el('tr', {}, el('th', {}, m.sameNameColumns.variable), el('th', {}, m.sameNameColumns.description))),
    el('tbody', {}, ...others.map((n) => el('tr', {},
      el('td', {}, link(variableHref(n.table, n.name), el('span', { class: 'key' }, n.key))), el('td', {}, n.description))))));
  const more = same.totalCount - same.edges.length;
  if (more > 0) section.append(el('p', { class: 'muted' }, m.more(more)));
  return section;
}

function changesSection(changes: NonNullable<Awaited<ReturnType<typeof variable>>>['changes']): HTMLElement {
  const m = t.variable;
  const c = m.changeColumns;
  const section = el('section', { class: 'changes', 'aria-labelledby': 'changes-title' }, el('h2', { id: 'changes-title' }, m.changes));
  if (changes.edges.length === 0) { section.append(el('p', { class: 'muted' }, m.noChange)); return section; }
  section.append(el('table', { class: 'grid changes' },
    el('thead', {}, el('tr', {}, el('th', {}, c.at), el('th', {}, c.field), el('th', {}, c.before), el('th', {}, c.after), el('th', {}, c.source))),
    el('tbody', {}, ...changes.edges.map(({ node }) => el('tr', {},
      el('td', {}, el('time', { datetime: node.at }, node.at.replace('T', ' ').replace(/\.\d+Z?$|Z$/, ''))),
      el('td', { 'data-field': node.field }, m.fields[node.field] ?? node.field),
      el('td', {}, node.oldValue), el('td', {}, node.newValue), el('td', { class: 'muted' }, node.source))))));
  const more = changes.totalCount - changes.edges.length;
  if (more > 0) section.append(el('p', { class: 'muted' }, m.more(more)));
  return section;
}

// ---- Code list ----

const CODES_PAGE = 50;

/** The address of a whole code list as CSV (app: WebRoutes), relative to the page. */
export const csvHref = (name: string): string => `export/nomenclature/${encodeURIComponent(name)}.csv`;

/**
 * What the code list's filter box asks: a single word holding a digit is the start of a code (I21,
 * C10AA, typed in any case), anything else words of the label; {@code startAt} opens the page on a
 * code (?code=I21).
 */
export function codeFilterOf(typed: string, startAt: string | null): CodeFilter | null {
  const filter: CodeFilter = {};
  const value = typed.trim();
  if (value) {
    if (/^\S*\d\S*$/.test(value)) filter.prefix = value.toUpperCase(); else filter.text = value;
  }
  if (startAt) filter.startAt = startAt;
  return Object.keys(filter).length ? filter : null;
}

const FILTER_DELAY_MS = 300;

export async function nomenclatureView(root: HTMLElement, params: URLSearchParams, path: string[]): Promise<void> {
  const asked = path[1] ?? '';
  const wanted = params.get('code');
  const typed = params.get('filtre') ?? '';
  const wait = loading(root);
  const load = (n: string) => nomenclature(n, CODES_PAGE, null, codeFilterOf(typed, wanted));
  const n = await load(asked).then((found) => found ?? (asked !== asked.toUpperCase() ? load(asked.toUpperCase()) : null))
    .finally(() => wait.remove());
  if (!n) { notFound(root, asked); return; }
  if (n.name !== asked) keepInAddress(nomenclatureHref(n.name) + (params.toString() ? `?${params.toString()}` : ''));
  const m = t.nomenclature;
  // A filtered first page counts the filtered codes; the list's own size is one more (small) read.
  const total = typed || wanted ? (await nomenclature(n.name, 0, null))?.codes.totalCount ?? 0 : n.codes.totalCount;
  const listTitle = el('h1', {}, el('span', { class: 'badge kind-nomenclature' }, t.kind.NOMENCLATURE), el('span', { class: 'key' }, n.name), ' ', n.title);
  root.append(
    el('p', { class: 'crumbs muted' }, link('#/', t.nav.catalogue), ' › ', n.source, ' › ', n.name),
    listTitle,
    dl([[m.source, n.source], [m.codes, count(total)]]),
    el('p', {}, link(historyHref('NOMENCLATURE', n.name), t.curation.editLink), ' ',
      editControl({ kind: 'NOMENCLATURE', key: n.name, fields: ['title', 'tags'], shown: [listTitle] })),
    el('p', {}, el('a', { href: csvHref(n.name), download: `${n.name}.csv`, class: 'download' }, m.download(total))),
    el('h2', {}, m.columnsTitle),
    el('table', { class: 'grid columns' },
      el('thead', {}, el('tr', {}, el('th', {}, m.columns.column), el('th', {}, m.columns.type), el('th', {}, m.columns.role))),
      el('tbody', {}, ...n.columns.map((c) => el('tr', {}, el('td', {}, el('span', { class: 'key' }, c.name)),
        el('td', {}, c.type), el('td', {}, m.roles[c.role] ?? c.role.toLowerCase()))))),
    el('h2', {}, m.codesTitle),
  );
  const input = el('input', { type: 'search', id: 'code-filter', value: typed, placeholder: m.filterPlaceholder, autocomplete: 'off' });
  root.append(el('div', { class: 'filter code-filter' }, el('label', { for: 'code-filter' }, m.filterLabel), ' ', input));
  const codes = el('section', { class: 'code-page', 'aria-live': 'polite' });
  root.append(codes);
  renderCodes(codes, n, codeFilterOf(typed, wanted), wanted);
  // The filter lives in the address (?filtre=...), replaced as one types so that the link is shareable
  // without a history entry per key; only the newest answer is drawn.
  let timer: number | undefined;
  let asking = 0;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const value = input.value.trim();
      const next = new URLSearchParams(value ? { filtre: value } : {});
      keepInAddress(nomenclatureHref(n.name) + (next.toString() ? `?${next.toString()}` : ''));
      const mine = ++asking;
      const filter = codeFilterOf(value, null);
      try {
        const page = await nomenclature(n.name, CODES_PAGE, null, filter);
        if (mine !== asking || !page) return;
        clear(codes);
        renderCodes(codes, page, filter, null);
      } catch (e) {
        if (mine === asking) codes.replaceChildren(el('p', { class: 'error', role: 'alert' }, t.common.error((e as Error).message)));
      }
    }, FILTER_DELAY_MS);
  });
  root.append(el('h2', {}, m.codedVariables), codedVariables(n.variables), documentationSection('NOMENCLATURE', n.name));
}

function codedVariables(keys: string[]): HTMLElement {
  if (keys.length === 0) return el('p', { class: 'muted' }, t.common.noVariable);
  const body = el('tbody', {});
  for (const key of keys) {
    const dot = key.indexOf('.');
    const [tn, v] = [key.slice(0, dot), key.slice(dot + 1)];
    body.append(el('tr', {}, el('td', {}, link(tableHref(tn), el('span', { class: 'key' }, tn))),
      el('td', {}, link(variableHref(tn, v), el('span', { class: 'key' }, v)))));
  }
  return el('table', { class: 'grid variables' },
    el('thead', {}, el('tr', {}, el('th', {}, t.table.columns.table), el('th', {}, t.table.columns.variable))), body);
}

function renderCodes(root: HTMLElement, first: NomenclatureDetail, filter: CodeFilter | null, wanted: string | null): void {
  const m = t.nomenclature;
  const extra = first.columns.filter((c) => c.role !== 'CODE' && c.role !== 'LABEL').map((c) => c.name).slice(0, 4);
  if (filter?.prefix || filter?.text) root.append(el('p', { class: 'muted filtered' }, m.filtered(first.codes.totalCount)));
  if (wanted) root.append(el('p', {}, link(nomenclatureHref(first.name), m.fromStart)));
  if (first.codes.edges.length === 0) {
    root.append(el('p', { class: 'muted none' }, m.noMatch));
    return;
  }
  const body = el('tbody', {});
  const table_ = el('table', { class: 'grid codes' },
    el('thead', {}, el('tr', {}, el('th', {}, m.code), el('th', {}, m.label), ...extra.map((c) => el('th', {}, c)))), body);
  const footer = el('div', { class: 'pager' });
  const shown = el('span', { class: 'muted' });
  let loaded = 0;
  const add = (page: NomenclatureDetail['codes']): void => {
    for (const { node } of page.edges) {
      const values = new Map(node.columns.map((c) => [c.column, c.value]));
      const row = el('tr', { 'data-code': node.code },
        el('td', {}, link(codeHref(first.name, node.code), el('span', { class: 'key' }, node.code))), el('td', {}, node.label),
        ...extra.map((c) => el('td', {}, values.get(c) ?? '')));
      if (node.code === wanted) {
        row.classList.add('wanted');
        row.setAttribute('aria-current', 'true');
      }
      body.append(row);
    }
    loaded += page.edges.length;
    shown.textContent = m.shown(loaded, page.totalCount);
    clear(footer);
    footer.append(shown);
    if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      const more = el('button', { type: 'button', class: 'more' }, m.more);
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          const next = await nomenclature(first.name, CODES_PAGE, page.pageInfo.endCursor, filter);
          if (next) add(next.codes);
        } catch (e) {
          footer.append(el('p', { class: 'error', role: 'alert' }, t.common.error((e as Error).message)));
        }
      });
      footer.append(' ', more);
    }
  };
  add(first.codes);
  root.append(table_, footer);
  if (wanted) requestAnimationFrame(() => root.querySelector('tr.wanted')?.scrollIntoView({ block: 'center' }));
}

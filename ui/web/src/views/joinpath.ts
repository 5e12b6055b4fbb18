// Chemin de jointure: how to join one table to another (#/jointure?from=ER_PHA_F&to=IR_BEN_R): the
// shortest paths drawn as a diagram, then each path hop by hop with its key pairs and as a SQL join
// to copy. Table names are matched whatever their case; an unknown one is named, with close names.

import { autocomplete } from '../autocomplete';
import { canonicalTable, loadExamples, similarTables } from '../catalog-index';
import { el, link } from '../dom';
import { drawGraph, type GraphEdge, type GraphNode, type Layout } from '../graph';
import { t } from '../i18n';
import { joinPath, type Join } from '../queries';
import { copyText, keepInAddress } from '../share';

const MAX_HOPS = 6;
const tableHref = (name: string): string => `#/table/${encodeURIComponent(name)}`;

export async function joinPathView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const from = (params.get('from') ?? '').trim();
  const to = (params.get('to') ?? '').trim();
  const m = t.joinPath;
  root.append(el('h1', {}, m.title), el('p', { class: 'muted' }, m.intro));
  const tableOnly = (id: string, label: string, value: string) => autocomplete({
    id, label, value, placeholder: m.placeholder, kinds: ['TABLE'],
    onPick: (s, input) => { input.value = s.key; },
  });
  const a = tableOnly('from', m.fromLabel, from);
  const b = tableOnly('to', m.toLabel, to);
  const form = el('form', { class: 'join-form' },
    el('label', { for: 'from' }, m.from), a.box, el('label', { for: 'to' }, m.to), b.box,
    el('button', { type: 'submit' }, m.submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (a.input.value.trim()) next.set('from', a.input.value.trim());
    if (b.input.value.trim()) next.set('to', b.input.value.trim());
    location.hash = `#/jointure?${next.toString()}`;
  });
  root.append(form);
  void loadExamples().then((e) => {
    if (e.joinFrom) a.input.placeholder = m.placeholderWith(e.joinFrom);
    if (e.joinTo) b.input.placeholder = m.placeholderWith(e.joinTo);
  }).catch(() => undefined);
  if (!from || !to) {
    (from ? b.input : a.input).focus();
    return;
  }
  const section = el('section', { class: 'paths', 'aria-label': m.title });
  root.append(section);
  const wait = el('p', { class: 'muted loading' }, t.common.loading);
  section.append(wait);
  const [fromName, toName] = await Promise.all([canonicalTable(from), canonicalTable(to)]).finally(() => wait.remove());
  const unknown = [[from, fromName], [to, toName]].filter(([, found]) => !found).map(([asked]) => asked as string);
  if (unknown.length) {
    for (const name of unknown) await explainUnknown(section, name);
    return;
  }
  if (fromName !== from || toName !== to) {
    keepInAddress(`#/jointure?${new URLSearchParams({ from: fromName!, to: toName! }).toString()}`);
    a.input.value = fromName!;
    b.input.value = toName!;
  }
  await renderPaths(section, fromName!, toName!);
}

async function explainUnknown(section: HTMLElement, name: string): Promise<void> {
  const close = await similarTables(name);
  section.append(el('p', { class: 'error', role: 'alert' }, t.joinPath.unknownTable(name)));
  if (close.length) {
    const p = el('p', { class: 'muted' }, t.joinPath.didYouMean);
    close.forEach((c, i) => p.append(i ? ', ' : '', link(tableHref(c), el('span', { class: 'key' }, c))));
    section.append(p);
  }
}

async function renderPaths(section: HTMLElement, from: string, to: string): Promise<void> {
  const m = t.joinPath;
  if (from === to) {
    section.append(el('p', { class: 'notice' }, m.same));
    return;
  }
  const wait = el('p', { class: 'muted loading' }, t.common.loading);
  section.append(wait);
  const result = await joinPath(from, to, MAX_HOPS).finally(() => wait.remove());
  if (!result.found || result.paths.length === 0) {
    section.append(el('p', { class: 'notice', role: 'status' }, m.none(from, to, MAX_HOPS)));
    return;
  }
  const n = result.paths.length;
  section.append(el('p', { class: 'summary' }, m.summary(n, result.paths[0].hops.length)));
  const diagram = el('div', { class: 'graph path-diagram' });
  section.append(diagram);
  result.paths.forEach((p, i) => section.append(pathCard(p.hops, i + 1)));
  await drawPaths(diagram, from, to, result.paths.map((p) => p.hops));
}

/** The shortest paths as one diagram: a column per step, left to right, each table once. */
async function drawPaths(box: HTMLElement, from: string, to: string, paths: Join[][]): Promise<void> {
  const columns: string[][] = [];
  const edges = new Map<string, GraphEdge>();
  for (const hops of paths) {
    hops.forEach((h, i) => {
      if (i === 0) (columns[0] ??= []).includes(h.from) || columns[0].push(h.from);
      (columns[i + 1] ??= []).includes(h.to) || columns[i + 1].push(h.to);
      const id = `${h.from}>${h.to}`;
      if (!edges.has(id)) {
        edges.set(id, {
          source: h.from, target: h.to,
          label: h.keys.length === 1 ? `${h.keys[0].left} = ${h.keys[0].right}` : t.joinPath.keys(h.keys.length),
        });
      }
    });
  }
  const nodes: GraphNode[] = columns.flatMap((names, x) => names.map((name) => ({
    id: name, href: tableHref(name), title: name, group: x === 0 ? from : x === columns.length - 1 ? to : '…',
    centre: x === 0 || x === columns.length - 1,
  })));
  await drawGraph(box, nodes, [...edges.values()], { label: t.joinPath.diagramLabel(from, to), layout: stepLayout(columns) }, t.table.legend);
  box.querySelector('.legend')?.remove(); // the colours only tell the ends from the middle: no legend needed
}

/** A column per step, left to right, on a wide canvas; a row per step, top to bottom, on a narrow one. */
function stepLayout(columns: string[][]): Layout {
  const tallest = Math.max(...columns.map((c) => c.length));
  return (width) => {
    const across = width >= columns.length * 190;
    const positions = new Map<string, { x: number; y: number }>();
    columns.forEach((names, step) => names.forEach((name, i) => {
      const offset = i - (names.length - 1) / 2;
      positions.set(name, across ? { x: step * 220, y: offset * 70 } : { x: offset * 190, y: step * 80 });
    }));
    return { positions, height: across ? Math.max(160, 70 * tallest + 60) : 80 * columns.length + 40 };
  };
}

function pathCard(hops: Join[], index: number): HTMLElement {
  const m = t.joinPath;
  const chain = el('p', { class: 'chain' });
  hops.forEach((h, i) => {
    if (i === 0) chain.append(link(tableHref(h.from), el('span', { class: 'key' }, h.from)));
    chain.append(' → ', link(tableHref(h.to), el('span', { class: 'key' }, h.to)));
  });
  const body = el('tbody', {});
  hops.forEach((h, i) => body.append(el('tr', {},
    el('td', {}, String(i + 1)),
    el('td', {}, link(tableHref(h.from), el('span', { class: 'key' }, h.from))),
    el('td', {}, link(tableHref(h.to), el('span', { class: 'key' }, h.to))),
    el('td', {}, ...h.keys.flatMap((k, j) => [j > 0 ? el('br', {}) : null,
      el('code', {}, `${h.from}.${k.left} = ${h.to}.${k.right}`)])))));
  const sql = joinSql(hops);
  const code = el('pre', { class: 'sql' }, el('code', {}, sql));
  const copy = el('button', { type: 'button', class: 'secondary copy-sql' }, m.copySql);
  const copied = el('span', { class: 'muted small', role: 'status' });
  copy.addEventListener('click', async () => {
    copied.textContent = (await copyText(sql)) ? t.common.copied : '';
    if (!copied.textContent) selectText(code);
  });
  return el('article', { class: 'path' }, el('h2', {}, m.path(index)), chain,
    el('table', { class: 'grid hops' },
      el('thead', {}, el('tr', {}, el('th', {}, m.columns.step), el('th', {}, m.columns.from), el('th', {}, m.columns.to),
        el('th', {}, m.columns.keys))), body),
    el('h3', {}, m.sql), code, el('div', { class: 'actions' }, copy, copied));
}

/** The path as a SQL join: the first table, then one JOIN per hop on all of its key pairs. */
export function joinSql(hops: Join[]): string {
  if (hops.length === 0) return '';
  const alias = new Map<string, string>();
  const name = (table: string): string => {
    if (!alias.has(table)) alias.set(table, `t${alias.size}`);
    return alias.get(table)!;
  };
  const lines = [`SELECT *`, `FROM ${hops[0].from} ${name(hops[0].from)}`];
  for (const h of hops) {
    const on = h.keys.map((k) => `${name(h.to)}.${k.right} = ${name(h.from)}.${k.left}`);
    lines.push(`JOIN ${h.to} ${name(h.to)}`, `  ON ${on.join(`\n AND `)}`);
  }
  return `${lines.join('\n')};`;
}

function selectText(node: Node): void {
  const range = document.createRange();
  range.selectNodeContents(node);
  const selection = getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

// A cohort's answer as the page shows and exports it: the count, the attrition with percentages of
// the initial population (the index step) and of the previous step, and the pathways drawn by
// d3-sankey from the cohort through each step to an "end of pathway" node. A suppressed count is
// shown "< threshold" and exported as suppressed, and no percentage or difference is computed
// from it (that would tell what the suppression hides).

import { sankey as sankeyLayout, sankeyLeft, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { count, el } from '../dom';
import { lang, t } from '../i18n';
import type { CohortResult, SuppressedCount } from '../queries';

export function shown(c: SuppressedCount, threshold: number): string {
  return c.suppressed || c.value === null ? `< ${threshold}` : count(c.value);
}

const known = (c: SuppressedCount): number | null => (c.suppressed || c.value === null ? null : c.value);

/** A percentage of two released counts, null when either is suppressed or the base is 0. */
export function percent(part: SuppressedCount, whole: SuppressedCount | undefined): number | null {
  const p = known(part);
  const w = whole ? known(whole) : null;
  return p === null || w === null || w === 0 ? null : Math.round((1000 * p) / w) / 10;
}

function percentText(value: number | null): string {
  return value === null ? '—' : `${value.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 })} %`;
}

interface AttritionRow { step: number; label: string; patients: SuppressedCount; ofIndex: number | null; ofPrevious: number | null }

function attritionRows(result: CohortResult): AttritionRow[] {
  const first = result.attrition[0]?.patients;
  return result.attrition.map((row, i) => ({
    step: row.step,
    label: row.step === 0 ? t.cohort.index : row.label,
    patients: row.patients,
    ofIndex: percent(row.patients, first),
    ofPrevious: i === 0 ? null : percent(row.patients, result.attrition[i - 1].patients),
  }));
}

export function renderResult(output: HTMLElement, result: CohortResult, threshold: number): void {
  const m = t.cohort;
  output.append(el('p', { class: 'cohort-count' }, m.patients, el('strong', { class: 'count' }, shown(result.count, threshold))));
  const body = el('tbody', {});
  for (const row of attritionRows(result)) {
    body.append(el('tr', { 'data-step': String(row.step), 'data-patients': known(row.patients) === null ? 'suppressed' : String(known(row.patients)) },
      el('td', {}, String(row.step)), el('td', {}, row.label),
      el('td', { class: 'num patients' }, shown(row.patients, threshold)),
      el('td', { class: 'num of-index' }, row.step === 0 ? '100 %' : percentText(row.ofIndex)),
      el('td', { class: 'num of-previous' }, row.step === 0 ? '' : percentText(row.ofPrevious))));
  }
  output.append(el('h2', {}, m.attrition), el('table', { class: 'grid attrition' },
    el('thead', {}, el('tr', {}, el('th', {}, m.columns.step), el('th', {}, m.columns.rule), el('th', { class: 'num' }, m.columns.patients),
      el('th', { class: 'num' }, m.percentOfIndex), el('th', { class: 'num' }, m.percentOfPrevious))), body));
  if (result.pathways) {
    output.append(el('h2', {}, m.pathways));
    if (result.pathways.nodes.length === 0) {
      output.append(el('p', { class: 'muted' }, m.noPathway));
    } else {
      const holder = el('div', { class: 'sankey-holder' });
      output.append(holder);
      const draw = (): void => { holder.replaceChildren(sankey(result, threshold, Math.max(480, holder.clientWidth || 960))); };
      draw();
      // Drawn at the page's width, so that labels keep their size at 800 px as at 1400 px.
      let timer: number | undefined;
      const resized = (): void => {
        if (!holder.isConnected) { window.removeEventListener('resize', resized); return; }
        window.clearTimeout(timer);
        timer = window.setTimeout(draw, 100);
      };
      window.addEventListener('resize', resized);
    }
  }
}

// ---- The Sankey diagram ----

interface Node { id: string; label: string; step: number; patients: SuppressedCount; kind: 'cohort' | 'step' | 'end' }
interface Link { source: string; target: string; patients: SuppressedCount }

const END = 'end';
const COHORT = 'cohort';

/**
 * The diagram's graph: the cohort, the pathway nodes and an "end of pathway" node that takes, from
 * each node, its patients that go no further. That number is a difference of released counts, so it
 * is computed only when none of them is suppressed, and shown suppressed when it is small.
 */
function graph(result: CohortResult, threshold: number): { nodes: Node[]; links: Link[] } {
  const p = result.pathways!;
  const nodes: Node[] = [{ id: COHORT, label: t.cohort.title, step: 0, patients: result.count, kind: 'cohort' }];
  const links: Link[] = [];
  for (const n of p.nodes) nodes.push({ ...n, kind: 'step' });
  for (const n of p.nodes.filter((x) => x.step === 1)) links.push({ source: COHORT, target: n.id, patients: n.patients });
  links.push(...p.links);
  const ending: Link[] = [];
  const leaving = (from: string, total: SuppressedCount): void => {
    const out = links.filter((l) => l.source === from);
    const whole = known(total);
    if (whole === null || out.some((l) => known(l.patients) === null)) return;
    const rest = whole - out.reduce((sum, l) => sum + (known(l.patients) ?? 0), 0);
    if (rest <= 0) return;
    ending.push({ source: from, target: END, patients: rest < threshold ? { value: null, suppressed: true } : { value: rest, suppressed: false } });
  };
  leaving(COHORT, result.count);
  for (const n of p.nodes) leaving(n.id, n.patients);
  if (ending.length > 0) {
    nodes.push({ id: END, label: t.cohort.endOfPathway, step: Number.MAX_SAFE_INTEGER, patients: { value: null, suppressed: false }, kind: 'end' });
    links.push(...ending);
  }
  return { nodes, links };
}

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function sankey(result: CohortResult, threshold: number, width: number): SVGSVGElement {
  // A suppressed count is drawn at half the threshold: its width says "small", its label the truth.
  const weight = (c: SuppressedCount): number => known(c) ?? threshold / 2;
  const { nodes, links } = graph(result, threshold);
  const steps = Math.max(...nodes.filter((n) => n.kind === 'step').map((n) => n.step));
  const height = Math.max(320, Math.min(720, 60 + 34 * Math.max(...Array.from({ length: steps }, (_, s) => nodes.filter((n) => n.step === s + 1).length))));
  const layout = sankeyLayout<Node, Link & { value: number }>()
    .nodeId((n) => n.id).nodeAlign(sankeyLeft).nodeWidth(14).nodePadding(14)
    .nodeSort(null)
    .extent([[8, 28], [width - 8, height - 8]]);
  const laid = layout({
    nodes: nodes.map((n) => ({ ...n })),
    links: links.map((l) => ({ ...l, value: Math.max(weight(l.patients), 0.5) })),
  });
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'sankey', role: 'img', 'aria-label': t.cohort.sankey });
  const columns = new Map<number, number>();
  for (const n of laid.nodes) if (n.kind === 'step') columns.set(n.step, n.x0 ?? 0);
  for (const [step, x] of columns) root.append(svg('text', { x, y: 16, class: 'step' }, t.cohort.step(step)));
  const path = sankeyLinkHorizontal<Node, Link & { value: number }>();
  const g = svg('g', { class: 'links' });
  for (const l of laid.links as SankeyLink<Node, Link & { value: number }>[]) {
    const s = l.source as SankeyNode<Node, Link>, d = l.target as SankeyNode<Node, Link>;
    const line = svg('path', { d: path(l) ?? '', 'stroke-width': Math.max(1, l.width ?? 1), class: d.kind === 'end' ? 'link to-end' : 'link' });
    line.append(svg('title', {}, t.cohort.linkTitle(s.label, d.label, shown(l.patients, threshold))));
    g.append(line);
  }
  root.append(g);
  // every bar first, then every label above them all, so that no bar of a later column hides a long label
  const top = svg('g', { class: 'labels' });
  for (const n of laid.nodes as SankeyNode<Node, Link>[]) {
    const x0 = n.x0 ?? 0, x1 = n.x1 ?? 0, y0 = n.y0 ?? 0, y1 = n.y1 ?? 0;
    const right = x0 < width / 2;
    const text = n.kind === 'end' ? n.label : `${n.label} (${shown(n.patients, threshold)})`;
    root.append(svg('rect', { x: x0, y: y0, width: x1 - x0, height: Math.max(1, y1 - y0), class: `node ${n.kind}`, 'data-id': n.id }));
    top.append(svg('text', { x: right ? x1 + 5 : x0 - 5, y: (y0 + y1) / 2 + 4, 'text-anchor': right ? 'start' : 'end',
      // not "step": that class is the column headings'
      class: n.kind === 'step' ? 'category' : n.kind, 'data-id': n.id }, text));
  }
  root.append(top);
  return root;
}

// ---- Exports ----

/** Offers a text as a file to save. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = el('a', { href: url, download: name, hidden: '' });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const exported = (c: SuppressedCount): { patients: number | null; suppressed: boolean } =>
  ({ patients: known(c), suppressed: known(c) === null });

/** The aggregates as JSON: counts as released (a suppressed one is null with suppressed true). */
export function resultsJson(result: CohortResult, threshold: number): string {
  return JSON.stringify({
    suppressBelow: threshold,
    count: exported(result.count),
    attrition: attritionRows(result).map((r) => ({ step: r.step, label: r.label, ...exported(r.patients), percentOfIndex: r.ofIndex, percentOfPrevious: r.ofPrevious })),
    pathways: result.pathways === null ? null : {
      nodes: result.pathways.nodes.map((n) => ({ id: n.id, step: n.step, label: n.label, ...exported(n.patients) })),
      links: result.pathways.links.map((l) => ({ source: l.source, target: l.target, ...exported(l.patients) })),
    },
  }, null, 2) + '\n';
}

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The aggregates as CSV, one row per attrition step, pathway node and link; `patients` is empty and
 * `suppressed` true for a suppressed count, never a number.
 */
export function resultsCsv(result: CohortResult, threshold: number): string {
  const rows: (string | number | null)[][] = [['section', 'step', 'label', 'source', 'target', 'patients', 'suppressed', 'percent_of_index', 'percent_of_previous', 'suppress_below']];
  const c = exported(result.count);
  rows.push(['count', null, null, null, null, c.patients, String(c.suppressed), null, null, threshold]);
  for (const r of attritionRows(result)) {
    const e = exported(r.patients);
    rows.push(['attrition', r.step, r.label, null, null, e.patients, String(e.suppressed), r.ofIndex, r.ofPrevious, threshold]);
  }
  for (const n of result.pathways?.nodes ?? []) {
    const e = exported(n.patients);
    rows.push(['pathway_node', n.step, n.label, null, null, e.patients, String(e.suppressed), null, null, threshold]);
  }
  for (const l of result.pathways?.links ?? []) {
    const e = exported(l.patients);
    rows.push(['pathway_link', null, null, l.source, l.target, e.patients, String(e.suppressed), null, null, threshold]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

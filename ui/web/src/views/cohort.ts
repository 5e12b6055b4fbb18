// Cohorte: a cohort query written as JSON (journey.graphqls' CohortQuery, docs/trajectories.md),
// its count, its attrition table and its pathways drawn as a Sankey diagram. Small counts come
// back suppressed and are shown as "< threshold".

import { clear, count, el } from '../dom';
import { lang, t } from '../i18n';
import { keepInAddress } from '../share';
import { cohort, projects, type CohortResult, type SuppressedCount } from '../queries';
import examples from './cohort-examples.json';

// The examples are files of the one cohort query format (docs/trajectories.md, Format): the GraphQL
// input plus "version". They live in a JSON file so that the server's tests run them through the
// API, the command line and the reader (app's CohortFormatIT) and check them against the schema.
const EXAMPLES: { id: string; label: { fr: string; en: string }; query: CohortQueryFile }[] = examples;

/** The format's version this page writes and reads (journeys' CohortQueries.VERSION). */
const VERSION = 1;

/** A cohort query file: the GraphQL input CohortQuery plus its format version. */
type CohortQueryFile = { version?: number; suppressBelow?: number; project?: string; pathways?: { categories?: unknown } } & Record<string, unknown>;

/**
 * The GraphQL input of a query file, and the file in the current format: an unversioned query's
 * pathway categories given as a map name -> event (the older shape) become the list of version 1,
 * as the server's reader migrates them; a newer version is refused.
 */
function toInput(file: CohortQueryFile): { input: Record<string, unknown>; current: CohortQueryFile; migrated: boolean } {
  const { version, ...input } = file;
  if (version !== undefined && version !== VERSION) throw new Error(t.cohort.unknownVersion(String(version), VERSION));
  let migrated = false;
  const categories = input.pathways?.categories;
  if (version === undefined && categories && typeof categories === 'object' && !Array.isArray(categories)) {
    input.pathways = { ...input.pathways, categories: Object.entries(categories).map(([name, event]) => ({ name, event })) };
    migrated = true;
  }
  return { input, current: { version: VERSION, ...input }, migrated };
}

function exampleText(i: number): string {
  return JSON.stringify(EXAMPLES[i].query, null, 2);
}

const DRAFT_KEY = 'healthgraph.cohort.draft';

export function cohortView(root: HTMLElement, params: URLSearchParams): void {
  const m = t.cohort;
  root.append(el('h1', {}, m.title), el('p', { class: 'muted' }, m.intro));
  const editor = el('textarea', { id: 'cohort-query', rows: '22', spellcheck: 'false', 'aria-label': m.editor });
  // A shared link carries the query (#/cohorte?q=...); otherwise the last draft, or the example.
  editor.value = params.get('q') ?? localStorage.getItem(DRAFT_KEY) ?? exampleText(0);
  const example = el('select', { id: 'cohort-example' },
    ...EXAMPLES.map((e, i) => el('option', { value: String(i) }, e.label[lang])));
  const run = el('button', { type: 'submit' }, m.run);
  const reset = el('button', { type: 'button', class: 'secondary' }, m.reset);
  const message = el('p', { class: 'error', role: 'alert', hidden: '' });
  const output = el('section', { class: 'cohort-result', 'aria-label': m.result });
  // The population: every patient, or one project's (an approved study's) patients only.
  const population = el('select', { id: 'cohort-project' }, el('option', { value: '' }, m.everyPatient));
  void projects().then((list) => {
    for (const p of list) {
      population.append(el('option', { value: p.code }, m.projectOption(p.code, shown(p.patients, 11), p.granted)));
    }
  }).catch(() => { /* not allowed to list them (no role): the select offers every patient only */ });
  const form = el('form', { class: 'cohort-form' },
    el('label', { for: 'cohort-project' }, m.project, ' ', population),
    el('label', { for: 'cohort-example' }, m.example, ' ', example), editor,
    el('div', { class: 'actions' }, run, reset), message);
  reset.addEventListener('click', () => { editor.value = exampleText(Number(example.value)); localStorage.removeItem(DRAFT_KEY); });
  example.addEventListener('change', () => { editor.value = exampleText(Number(example.value)); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.hidden = true;
    let query: Record<string, unknown>;
    let file: CohortQueryFile;
    try {
      const { input, current, migrated } = toInput(JSON.parse(editor.value) as CohortQueryFile);
      query = input;
      file = current;
      if (migrated) {
        editor.value = JSON.stringify(file, null, 2);
        message.classList.remove('error');
        showError(message, m.migrated);
      }
    } catch (e) {
      message.classList.add('error');
      showError(message, e instanceof SyntaxError ? m.invalidJson(e.message) : (e as Error).message);
      return;
    }
    if (population.value) { query.project = population.value; file.project = population.value; }
    localStorage.setItem(DRAFT_KEY, editor.value);
    keepInAddress(`#/cohorte?${new URLSearchParams({ q: JSON.stringify(file) }).toString()}`);
    run.disabled = true;
    clear(output);
    output.append(el('p', { class: 'muted loading' }, m.computing));
    try {
      const result = await cohort(query);
      clear(output);
      renderResult(output, result, typeof query.suppressBelow === 'number' ? query.suppressBelow : 11);
    } catch (e) {
      clear(output);
      message.classList.add('error');
      showError(message, t.common.error((e as Error).message));
    } finally {
      run.disabled = false;
    }
  });
  root.append(form, output);
}

function showError(message: HTMLElement, text: string): void {
  message.textContent = text;
  message.hidden = false;
}

function shown(c: SuppressedCount, threshold: number): string {
  return c.suppressed || c.value === null ? `< ${threshold}` : count(c.value);
}

function renderResult(output: HTMLElement, result: CohortResult, threshold: number): void {
  const m = t.cohort;
  output.append(el('p', { class: 'cohort-count' }, m.patients,
    el('strong', { class: 'count' }, shown(result.count, threshold))));
  const body = el('tbody', {});
  for (const row of result.attrition) {
    body.append(el('tr', {}, el('td', {}, String(row.step)),
      el('td', {}, row.step === 0 ? m.index : row.label),
      el('td', { class: 'num' }, shown(row.patients, threshold))));
  }
  output.append(el('h2', {}, m.attrition), el('table', { class: 'grid attrition' },
    el('thead', {}, el('tr', {}, el('th', {}, m.columns.step), el('th', {}, m.columns.rule), el('th', { class: 'num' }, m.columns.patients))), body));
  if (result.pathways) {
    output.append(el('h2', {}, m.pathways));
    if (result.pathways.nodes.length === 0) output.append(el('p', { class: 'muted' }, m.noPathway));
    else output.append(sankey(result.pathways, threshold));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A simple Sankey diagram: one column per step, node heights and link widths proportional to patients. */
function sankey(p: NonNullable<CohortResult['pathways']>, threshold: number): SVGSVGElement {
  const weight = (c: SuppressedCount): number => (c.suppressed || c.value === null ? threshold / 2 : c.value);
  const steps = [...new Set(p.nodes.map((n) => n.step))].sort((a, b) => a - b);
  const width = 960, height = 420, nodeWidth = 14, gap = 10, top = 24;
  const columnX = (step: number): number => 20 + (steps.indexOf(step) * (width - 220)) / Math.max(1, steps.length - 1);
  const totals = steps.map((s) => p.nodes.filter((n) => n.step === s).reduce((sum, n) => sum + weight(n.patients), 0));
  const scale = Math.min(...steps.map((s, i) => (height - top - gap * p.nodes.filter((n) => n.step === s).length) / Math.max(1, totals[i])));
  const box = new Map<string, { x: number; y: number; h: number; outY: number; inY: number }>();
  for (const s of steps) {
    let y = top;
    for (const n of p.nodes.filter((node) => node.step === s).sort((a, b) => weight(b.patients) - weight(a.patients))) {
      const h = Math.max(2, weight(n.patients) * scale);
      box.set(n.id, { x: columnX(s), y, h, outY: y, inY: y });
      y += h + gap;
    }
  }
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'sankey', role: 'img', 'aria-label': t.cohort.sankey });
  steps.forEach((s) => root.append(svg('text', { x: columnX(s), y: 14, class: 'step' }, t.cohort.step(s))));
  const links = svg('g', { class: 'links' });
  for (const l of [...p.links].sort((a, b) => weight(b.patients) - weight(a.patients))) {
    const a = box.get(l.source), b = box.get(l.target);
    if (!a || !b) continue;
    const w = Math.max(1, weight(l.patients) * scale);
    const x0 = a.x + nodeWidth, x1 = b.x, y0 = a.outY + w / 2, y1 = b.inY + w / 2, mid = (x0 + x1) / 2;
    a.outY += w;
    b.inY += w;
    const path = svg('path', { d: `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1}`, 'stroke-width': w, class: 'link' });
    path.append(svg('title', {}, t.cohort.linkTitle(l.source, l.target, shown(l.patients, threshold))));
    links.append(path);
  }
  root.append(links);
  for (const n of p.nodes) {
    const b = box.get(n.id)!;
    const g = svg('g', { class: 'node', 'data-id': n.id });
    g.append(svg('rect', { x: b.x, y: b.y, width: nodeWidth, height: b.h }),
      svg('text', { x: b.x + nodeWidth + 4, y: b.y + Math.min(b.h / 2, 12) + 4 }, `${n.label} (${shown(n.patients, threshold)})`));
    root.append(g);
  }
  return root;
}

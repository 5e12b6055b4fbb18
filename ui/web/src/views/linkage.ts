// Record linkage pages: the runs kept in the graph (#/appariements), a run's summary with its m/u
// table, estimates, weight histogram and pairs filtered by probability (#/appariement/RUN), and a
// pair's waterfall with both records side by side (#/paire/RUN/LEFT/RIGHT). Charts are SVG drawn
// here (no library); every text is set as text. The API serves all of it to stewards only.

import { gql } from '../api';
import { el, link, loading } from '../dom';
import { num, t } from '../i18n';

export interface Estimates { precision: number; recall: number; expectedMatches: number; counterpartShare: number | null }
export interface ReviewStatus { queued: number; pending: number; accepted: number; rejected: number; unsure: number; links: number; estimates: Estimates }
export interface Decision { verdict: string; comment: string | null; steward: string; at: string }
export interface PairField { field: string; left: string; right: string; level: string }
interface Step { field: string; level: string; weight: number; termFrequencyAdjustment: number }
interface RecordStep { weight: number; probability: number; adjustment: number; otherCandidates: number }
interface Waterfall { prior: number; steps: Step[]; weight: number; probability: number; recordStep: RecordStep | null }
export interface Pair {
  leftId: string; rightId: string; probability: number; recordProbability: number | null; decisionProbability: number;
  weight: number | null; method: string; linkedByEngine: boolean; linked: boolean; inReviewBand: boolean;
  decision: Decision | null; history: Decision[]; waterfall: Waterfall | null; fields: PairField[];
}
interface Run {
  id: string; startedAt: string; source: string; strategy: string; inputs: { name: string; records: number }[];
  blockingRules: { rule: string; pairs: number }[]; candidatePairs: number; engineLinks: number; threshold: number;
  reviewBand: { low: number; high: number }; prior: number | null; priorWeight: number | null;
  model: { field: string; level: string; m: number; u: number; weight: number }[]; estimates: Estimates; review: ReviewStatus;
  weightHistogram: { from: number; to: number; count: number }[];
}
interface PairPage { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Pair }[] }

export const PAIR_FIELDS = `leftId rightId probability recordProbability decisionProbability weight method linkedByEngine linked
  inReviewBand decision { verdict comment steward at } history { verdict comment steward at }
  waterfall { prior steps { field level weight termFrequencyAdjustment } weight probability
    recordStep { weight probability adjustment otherCandidates } }
  fields { field left right level }`;
const RUNS = `{ linkageRuns { id startedAt source strategy engineLinks review { queued pending } } }`;
const RUN = `query($id: ID!, $first: Int, $after: String, $min: Float, $max: Float) { linkageRun(id: $id) {
  id startedAt source strategy inputs { name records } blockingRules { rule pairs } candidatePairs engineLinks threshold
  reviewBand { low high } prior priorWeight model { field level m u weight }
  estimates { precision recall expectedMatches counterpartShare }
  review { queued pending accepted rejected unsure links estimates { precision recall expectedMatches counterpartShare } }
  weightHistogram { from to count }
  pairs(first: $first, after: $after, minProbability: $min, maxProbability: $max) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { leftId rightId decisionProbability weight method linked inReviewBand decision { verdict } } } } } }`;
const PAIR = `query($id: ID!, $left: ID!, $right: ID!) { linkageRun(id: $id) { id source pair(leftId: $left, rightId: $right) { ${PAIR_FIELDS} } } }`;

const f2 = (x: number) => x.toLocaleString(t.lang.locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const f4 = (x: number) => x.toLocaleString(t.lang.locale, { maximumFractionDigits: 4, minimumFractionDigits: 4 });

export function runHref(id: string): string {
  return `#/appariement/${encodeURIComponent(id)}`;
}

export function pairHref(run: string, left: string, right: string): string {
  return `#/paire/${encodeURIComponent(run)}/${encodeURIComponent(left)}/${encodeURIComponent(right)}`;
}

export function reviewHref(run: string): string {
  return `#/revue/${encodeURIComponent(run)}`;
}

/** The runs, newest first. */
export async function runsView(root: HTMLElement): Promise<void> {
  const l = t.linkage;
  root.append(el('h1', {}, l.runsTitle), el('p', { class: 'muted' }, l.runsIntro));
  const wait = loading(root);
  const data = await gql<{ linkageRuns: (Pick<Run, 'id' | 'startedAt' | 'source' | 'strategy' | 'engineLinks'> & { review: { queued: number; pending: number } })[] }>(RUNS);
  wait.remove();
  if (data.linkageRuns.length === 0) {
    root.append(el('p', {}, l.noRun));
    return;
  }
  root.append(el('table', { class: 'grid runs' }, el('thead', {}, el('tr', {}, el('th', {}, l.source), el('th', {}, l.started),
    el('th', {}, l.strategy), el('th', { class: 'num' }, l.links), el('th', {}, l.review))),
  el('tbody', {}, ...data.linkageRuns.map((r) => el('tr', { 'data-run': r.id },
    el('td', {}, link(runHref(r.id), r.source)), el('td', {}, new Date(r.startedAt).toLocaleString(t.lang.locale)),
    el('td', {}, r.strategy), el('td', { class: 'num' }, num(r.engineLinks)),
    el('td', {}, link(reviewHref(r.id), `${num(r.review.pending)} / ${num(r.review.queued)}`)))))));
}

/** A run's summary and its pairs, filtered by probability (min, max in the address) and paged (after). */
export async function runView(root: HTMLElement, params: URLSearchParams, path: string[]): Promise<void> {
  const l = t.linkage;
  const id = path[1] ?? '';
  const min = Number(params.get('min') ?? '0');
  const max = Number(params.get('max') ?? '1');
  const after = params.get('after');
  const wait = loading(root);
  const data = await gql<{ linkageRun: (Run & { pairs: PairPage }) | null }>(RUN,
    { id, first: 50, after, min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 1 });
  wait.remove();
  const r = data.linkageRun;
  if (!r) {
    root.append(el('p', { class: 'error' }, t.common.notFound));
    return;
  }
  root.append(el('h1', {}, l.runTitle(r.source)),
    el('dl', { class: 'state run-facts' },
      el('dt', {}, l.started), el('dd', {}, new Date(r.startedAt).toLocaleString(t.lang.locale)),
      el('dt', {}, l.strategy), el('dd', {}, r.strategy),
      el('dt', {}, l.inputs), el('dd', {}, r.inputs.map((i) => `${i.name} (${num(i.records)} ${l.records})`).join(' ; ')),
      el('dt', {}, l.candidatePairs), el('dd', {}, num(r.candidatePairs)),
      el('dt', {}, l.threshold), el('dd', {}, f2(r.threshold)),
      el('dt', {}, l.band), el('dd', {}, `[${f2(r.reviewBand.low)} ; ${f2(r.reviewBand.high)})`)),
    el('h2', {}, l.rules), el('table', { class: 'grid rules' }, el('thead', {}, el('tr', {}, el('th', {}, l.rule), el('th', { class: 'num' }, l.pairs))),
      el('tbody', {}, ...r.blockingRules.map((b) => el('tr', {}, el('td', {}, b.rule), el('td', { class: 'num' }, num(b.pairs)))))),
    estimatesTable(r),
    el('p', { class: 'review-state' }, l.reviewState(r.review.pending, r.review.accepted, r.review.rejected, r.review.unsure), ' ',
      link(reviewHref(r.id), l.openReview)));
  if (r.model.length > 0) {
    root.append(el('h2', {}, l.model), el('p', {}, l.prior(String(r.prior?.toPrecision(3)), f2(r.priorWeight ?? 0))),
      el('table', { class: 'grid model' }, el('thead', {}, el('tr', {}, el('th', {}, l.field), el('th', {}, l.level),
        el('th', { class: 'num' }, 'm'), el('th', { class: 'num' }, 'u'), el('th', { class: 'num' }, l.weight))),
      el('tbody', {}, ...r.model.map((m) => el('tr', {}, el('td', {}, m.field), el('td', {}, m.level), el('td', { class: 'num' }, f4(m.m)),
        el('td', { class: 'num' }, m.u.toPrecision(3)), el('td', { class: `num ${m.weight >= 0 ? 'pos' : 'neg'}` }, f2(m.weight)))))));
  }
  if (r.weightHistogram.length > 0) root.append(el('h2', {}, l.histogram), histogram(r.weightHistogram));
  root.append(pairsSection(r, min, max));
}

function estimatesTable(r: Run): HTMLElement {
  const l = t.linkage;
  const row = (name: string, e: Estimates, links: number) => el('tr', {}, el('th', {}, name), el('td', { class: 'num' }, f4(e.precision)),
    el('td', { class: 'num' }, f4(e.recall)), el('td', { class: 'num' }, f2(e.expectedMatches)), el('td', { class: 'num' }, num(links)));
  return el('div', {}, el('h2', {}, l.estimates), el('table', { class: 'grid estimates' },
    el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', { class: 'num' }, l.precision), el('th', { class: 'num' }, l.recall),
      el('th', { class: 'num' }, l.expectedMatches), el('th', { class: 'num' }, l.links))),
    el('tbody', {}, row(l.engine, r.estimates, r.engineLinks), el('tr', { class: 'after-review' }, ...Array.from(
      row(l.afterReview, r.review.estimates, r.review.links).childNodes)))));
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Bars of equal width, one per bin, with the bin's range and count as its title. */
function histogram(bins: { from: number; to: number; count: number }[]): SVGElement {
  const l = t.linkage;
  const width = 640;
  const height = 200;
  const pad = 28;
  const most = Math.max(1, ...bins.map((b) => b.count));
  const bar = (width - 2 * pad) / bins.length;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart histogram', role: 'img', 'aria-label': l.histogram });
  bins.forEach((b, i) => {
    const h = ((height - 2 * pad) * b.count) / most;
    const rect = svg('rect', { x: pad + i * bar + 1, y: height - pad - h, width: Math.max(1, bar - 2), height: h, class: 'bar' });
    rect.append(svg('title', {}, l.histogramBar(f2(b.from), f2(b.to), b.count)));
    chart.append(rect);
  });
  chart.append(svg('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, class: 'axis' }),
    svg('text', { x: pad, y: height - 8, class: 'tick' }, f2(bins[0].from)),
    svg('text', { x: width - pad, y: height - 8, class: 'tick end' }, f2(bins[bins.length - 1].to)),
    svg('text', { x: pad, y: pad - 10, class: 'tick' }, String(most)));
  return chart;
}

function pairsSection(r: Run & { pairs: PairPage }, min: number, max: number): HTMLElement {
  const l = t.linkage;
  const minInput = el('input', { id: 'pairs-min', type: 'number', min: '0', max: '1', step: '0.01', value: String(min) });
  const maxInput = el('input', { id: 'pairs-max', type: 'number', min: '0', max: '1', step: '0.01', value: String(max) });
  const form = el('form', { class: 'pairs-filter' }, el('label', { for: 'pairs-min' }, l.minProbability), minInput,
    el('label', { for: 'pairs-max' }, l.maxProbability), maxInput, el('button', { type: 'submit' }, l.filter));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `${runHref(r.id)}?min=${encodeURIComponent(minInput.value)}&max=${encodeURIComponent(maxInput.value)}`;
  });
  const page = r.pairs;
  const next = page.pageInfo.hasNextPage && page.pageInfo.endCursor
    ? link(`${runHref(r.id)}?min=${min}&max=${max}&after=${encodeURIComponent(page.pageInfo.endCursor)}`, l.next) : null;
  return el('section', { class: 'pairs' }, el('h2', {}, `${l.pairsTitle} (${num(page.totalCount)})`), form,
    el('table', { class: 'grid pairs-table' }, el('thead', {}, el('tr', {}, el('th', {}, l.left), el('th', {}, l.right),
      el('th', { class: 'num' }, l.probability), el('th', { class: 'num' }, l.weight), el('th', {}, l.linked), el('th', {}, l.decision))),
    el('tbody', {}, ...page.edges.map(({ node: p }) => el('tr', { class: p.inReviewBand ? 'in-band' : '' },
      el('td', {}, link(pairHref(r.id, p.leftId, p.rightId), p.leftId)), el('td', {}, p.rightId),
      el('td', { class: 'num' }, f4(p.decisionProbability)), el('td', { class: 'num' }, p.weight === null ? '' : f2(p.weight)),
      el('td', {}, p.linked ? l.yes : l.no), el('td', {}, p.decision ? l.verdicts[p.decision.verdict] ?? p.decision.verdict : ''))))),
    next);
}

/** A pair: its waterfall, both records side by side with each field's level, and its decisions. */
export async function pairView(root: HTMLElement, _params: URLSearchParams, path: string[]): Promise<void> {
  const [run = '', left = '', right = ''] = path.slice(1);
  const wait = loading(root);
  const data = await gql<{ linkageRun: { id: string; source: string; pair: Pair | null } | null }>(PAIR, { id: run, left, right });
  wait.remove();
  const p = data.linkageRun?.pair;
  if (!p) {
    root.append(el('p', { class: 'error' }, t.common.notFound));
    return;
  }
  const l = t.linkage;
  root.append(el('h1', {}, l.pairTitle(p.leftId, p.rightId)), el('p', {}, link(runHref(run), l.runTitle(data.linkageRun?.source ?? ''))),
    el('p', {}, l.pairProbability(f4(p.probability)), p.recordProbability !== null ? ` — ${l.recordProbability(f4(p.recordProbability))}` : ''));
  if (p.waterfall) root.append(el('h2', {}, l.waterfall), waterfallChart(p.waterfall));
  root.append(el('h2', {}, l.values), sideBySide(p));
  const history = decisionsList(p.history);
  if (history) root.append(history);
}

/** The records of a pair side by side, one row per compared field with its level. */
export function sideBySide(p: Pair): HTMLElement {
  const l = t.linkage;
  return el('table', { class: 'grid side-by-side' }, el('thead', {}, el('tr', {}, el('th', {}, l.field),
    el('th', {}, `${l.left} ${p.leftId}`), el('th', {}, `${l.right} ${p.rightId}`), el('th', {}, l.level))),
  el('tbody', {}, ...p.fields.map((f) => el('tr', { class: f.level === 'else' ? 'disagree' : '' }, el('td', {}, f.field),
    el('td', {}, f.left), el('td', {}, f.right), el('td', {}, f.level)))));
}

export function decisionsList(history: Decision[]): HTMLElement | null {
  const l = t.linkage;
  if (history.length === 0) return null;
  return el('div', { class: 'history' }, el('h3', {}, l.history), el('ul', {}, ...history.map((d) => el('li', {},
    `${l.verdicts[d.verdict] ?? d.verdict} — ${l.by(d.steward, new Date(d.at).toLocaleString(t.lang.locale))}`, d.comment ? ` : ${d.comment}` : ''))));
}

/**
 * The waterfall: from the prior, each field's contribution as a bar starting where the previous
 * ended (up in one colour, down in another), the pair's weight, then the record-level step.
 */
export function waterfallChart(w: Waterfall): SVGElement {
  const l = t.linkage;
  const rows: { label: string; from: number; to: number; kind: string; title: string }[] = [];
  rows.push({ label: l.waterfallPrior, from: 0, to: w.prior, kind: 'prior', title: `${l.waterfallPrior} ${f2(w.prior)}` });
  let at = w.prior;
  for (const s of w.steps) {
    rows.push({ label: `${s.field} (${s.level})`, from: at, to: at + s.weight, kind: s.weight >= 0 ? 'up' : 'down',
      title: `${s.field}: ${f2(s.weight)}${s.termFrequencyAdjustment !== 0 ? ` (${l.tf(f2(s.termFrequencyAdjustment))})` : ''}` });
    at += s.weight;
  }
  rows.push({ label: l.waterfallTotal, from: 0, to: w.weight, kind: 'total', title: `${l.waterfallTotal} ${f2(w.weight)}` });
  if (w.recordStep) {
    rows.push({ label: l.waterfallRecord, from: w.weight, to: w.recordStep.weight, kind: w.recordStep.adjustment >= 0 ? 'up' : 'down',
      title: `${l.waterfallRecord} ${f2(w.recordStep.weight)}` });
  }
  const lo = Math.min(0, ...rows.map((r) => Math.min(r.from, r.to)));
  const hi = Math.max(0, ...rows.map((r) => Math.max(r.from, r.to)));
  const width = 720;
  const labelWidth = 240;
  const rowHeight = 26;
  const height = rows.length * rowHeight + 30;
  const x = (v: number) => labelWidth + ((width - labelWidth - 70) * (v - lo)) / Math.max(1e-9, hi - lo);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart waterfall', role: 'img', 'aria-label': l.waterfall });
  chart.append(svg('line', { x1: x(0), y1: 0, x2: x(0), y2: height - 24, class: 'axis' }));
  rows.forEach((r, i) => {
    const y = i * rowHeight + 4;
    const left = x(Math.min(r.from, r.to));
    const rect = svg('rect', { x: left, y, width: Math.max(1, x(Math.max(r.from, r.to)) - left), height: rowHeight - 8, class: `step ${r.kind}` });
    rect.append(svg('title', {}, r.title));
    const value = r.kind === 'total' || r.kind === 'prior' ? r.to : r.to - r.from;
    chart.append(svg('text', { x: 4, y: y + rowHeight / 2 + 1, class: 'label' }, r.label), rect,
      svg('text', { x: x(Math.max(r.from, r.to)) + 4, y: y + rowHeight / 2 + 1, class: 'value' }, f2(value)));
  });
  chart.append(svg('text', { x: x(0), y: height - 8, class: 'tick' }, '0'));
  return chart;
}

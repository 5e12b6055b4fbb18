// Recherche: the home page. The query and the chosen facet values live in the URL
// (#/?q=date+de+deces&kind=VARIABLE&product=DCIR), so a result page can be shared. Without a query
// the page shows the catalog's products and tables (home.ts).

import { autocomplete } from '../autocomplete';
import { clear, count, el, link, renderHighlight } from '../dom';
import { FACET_LABEL, KIND_LABEL, hrefOf } from '../labels';
import { search, type Kind, type SearchFilters, type SearchHit, type SearchPage } from '../queries';
import { loadExamples } from '../catalog-index';
import { t } from '../i18n';
import { homeView } from './home';

const PAGE = 10;
const FACETS = ['kind', 'product', 'table', 'nomenclature', 'type', 'year'] as const;
type FacetName = (typeof FACETS)[number];

export async function searchView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const query = params.get('q') ?? '';
  root.append(el('h1', {}, t.home.title));
  const form = el('form', { class: 'search-form', role: 'search' });
  const { box, input } = autocomplete({
    id: 'q', label: t.search.label, value: query, placeholder: t.search.placeholder,
    onPick: (s) => { location.hash = hrefOf(s.kind, s.key); },
  });
  form.append(box, el('button', { type: 'submit' }, t.search.submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (input.value.trim()) next.set('q', input.value.trim());
    location.hash = `#/?${next.toString()}`;
  });
  root.append(form);
  void loadExamples().then((e) => { if (e.search.length) input.placeholder = t.search.placeholderWith(e.search); }).catch(() => undefined);
  if (!query) {
    input.focus();
    await homeView(root);
    return;
  }
  const filters = filtersOf(params);
  const layout = el('div', { class: 'search-layout' });
  const side = el('aside', { class: 'facets', 'aria-label': t.search.filters });
  const results = el('section', { class: 'results', 'aria-label': t.search.results });
  layout.append(side, results);
  root.append(layout);
  results.append(el('p', { class: 'muted loading' }, t.search.searching));
  const page = await search(query, filters, PAGE, null);
  clear(results);
  renderFacets(side, page, params);
  renderSummary(results, page, params);
  const list = el('ol', { class: 'hits' });
  results.append(list);
  appendPage(results, list, page, query, filters);
}

function filtersOf(params: URLSearchParams): SearchFilters {
  const filters: SearchFilters = {};
  const kinds = params.getAll('kind').filter((k): k is Kind => k in KIND_LABEL);
  if (kinds.length) filters.kinds = kinds;
  if (params.getAll('product').length) filters.products = params.getAll('product');
  if (params.getAll('table').length) filters.tables = params.getAll('table');
  if (params.getAll('nomenclature').length) filters.nomenclatures = params.getAll('nomenclature');
  if (params.getAll('type').length) filters.types = params.getAll('type');
  const years = params.getAll('year').map(Number).filter(Number.isInteger);
  if (years.length) filters.years = years;
  return filters;
}

function withToggled(params: URLSearchParams, name: FacetName, value: string): string {
  const next = new URLSearchParams(params);
  const values = next.getAll(name);
  next.delete(name);
  const kept = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  kept.forEach((v) => next.append(name, v));
  return `#/?${next.toString()}`;
}

function facetValueLabel(name: string, value: string): string {
  return name === 'kind' && value in KIND_LABEL ? KIND_LABEL[value as Kind] : value;
}

function renderFacets(side: HTMLElement, page: SearchPage, params: URLSearchParams): void {
  const byName = new Map(page.facets.map((f) => [f.name, f.values]));
  for (const name of FACETS) {
    const values = byName.get(name) ?? [];
    const chosen = params.getAll(name);
    if (values.length === 0 && chosen.length === 0) continue;
    const ul = el('ul', {});
    const shown = new Set<string>();
    for (const v of values) {
      shown.add(v.value);
      ul.append(facetItem(params, name, v.value, v.count, chosen.includes(v.value)));
    }
    for (const v of chosen.filter((c) => !shown.has(c))) ul.append(facetItem(params, name, v, 0, true));
    side.append(el('section', { class: 'facet', 'data-facet': name }, el('h2', {}, FACET_LABEL[name] ?? name), ul));
  }
}

function facetItem(params: URLSearchParams, name: FacetName, value: string, n: number, chosen: boolean): HTMLElement {
  const a = link(withToggled(params, name, value),
    el('span', { class: 'check', 'aria-hidden': 'true' }, chosen ? '☑' : '☐'), ' ',
    facetValueLabel(name, value), ' ', el('span', { class: 'muted' }, `(${count(n)})`));
  a.setAttribute('aria-pressed', String(chosen));
  return el('li', { class: chosen ? 'chosen' : '' }, a);
}

function renderSummary(results: HTMLElement, page: SearchPage, params: URLSearchParams): void {
  const n = page.totalCount;
  const words = n === 0 ? t.search.none : t.search.count(n, page.totalCountExact);
  const summary = el('p', { class: 'summary' }, words, t.search.forQuery(params.get('q') ?? ''));
  const chosen = FACETS.flatMap((name) => params.getAll(name).map((v) => ({ name, v })));
  if (chosen.length) {
    summary.append(t.search.chosenFilters);
    for (const { name, v } of chosen) {
      summary.append(link(withToggled(params, name, v), el('span', { class: 'chip' }, `${facetValueLabel(name, v)} ✕`)), ' ');
    }
  }
  results.append(summary);
  if (page.notice) results.append(el('p', { class: 'notice' }, page.notice));
}

function appendPage(results: HTMLElement, list: HTMLOListElement, page: SearchPage, query: string, filters: SearchFilters): void {
  for (const edge of page.edges) list.append(hitItem(edge.node));
  if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
    const more = el('button', { type: 'button', class: 'more' }, t.search.more);
    more.addEventListener('click', async () => {
      more.disabled = true;
      more.textContent = t.common.loading;
      try {
        const next = await search(query, filters, PAGE, page.pageInfo.endCursor);
        more.remove();
        appendPage(results, list, next, query, filters);
      } catch (e) {
        more.replaceWith(el('p', { class: 'error', role: 'alert' }, t.common.error((e as Error).message)));
      }
    });
    results.append(more);
  }
}

function hitItem(hit: SearchHit): HTMLElement {
  const context: (Node | string)[] = [];
  if (hit.product) context.push(hit.product);
  if (hit.table && hit.kind !== 'TABLE') context.push(link(`#/table/${encodeURIComponent(hit.table)}`, hit.table));
  if (hit.nomenclature && hit.kind !== 'NOMENCLATURE') context.push(link(`#/nomenclature/${encodeURIComponent(hit.nomenclature)}`, hit.nomenclature));
  if (hit.type) context.push(hit.type);
  if (hit.kind === 'DOCUMENT' && hit.path) context.push(el('span', { class: 'doc-path' }, hit.path));
  const meta = el('div', { class: 'meta muted' });
  context.forEach((c, i) => { if (i > 0) meta.append(' · '); meta.append(c); });
  const fragments = el('div', { class: 'highlights' });
  for (const h of hit.highlights) fragments.append(el('p', {}, renderHighlight(h)));
  return el('li', { class: 'hit', 'data-kind': hit.kind },
    el('div', { class: 'title' },
      el('span', { class: `badge kind-${hit.kind.toLowerCase()}` }, KIND_LABEL[hit.kind]),
      hit.kind === 'DOCUMENT'
        ? link(hrefOf(hit.kind, hit.key), el('span', { class: 'doc-title' }, hit.label || hit.key))
        : link(hrefOf(hit.kind, hit.key), el('span', { class: 'key' }, hit.key)),
      hit.label && hit.kind !== 'DOCUMENT' ? el('span', { class: 'label' }, ` ${hit.label}`) : null),
    meta,
    hit.highlights.length ? fragments : null);
}

// The table explorer: every table of the catalog with its product, title and numbers of variables
// and joins, filtered as one types (name or title, accents and case ignored) and by product. The
// filter is kept in the address (#/tables?q=pha&product=DCIR), so the filtered list can be shared.

import { allTables, loadExamples, loadIndex } from '../catalog-index';
import { count, el, link } from '../dom';
import { t } from '../i18n';
import { keepInAddress } from '../share';
import type { TableSummary } from '../queries';
import { tableHref } from './home';

/** Folds case and accents: "sejour" finds "Séjours". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export async function tablesView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  root.append(el('h1', {}, t.tables.title), el('p', { class: 'muted' }, t.tables.intro));
  const wait = el('p', { class: 'muted loading' }, t.common.loading);
  root.append(wait);
  const index = await loadIndex().finally(() => wait.remove());
  const tables = allTables(index);

  const input = el('input', { type: 'search', id: 'table-filter', autocomplete: 'off', placeholder: t.tables.filter });
  input.value = params.get('q') ?? '';
  const select = el('select', { id: 'table-product' }, el('option', { value: '' }, t.tables.allProducts),
    ...index.datasets.map((d) => el('option', { value: d.name }, `${d.name} (${count(d.tables.length)})`)));
  select.value = params.get('product') ?? '';
  const form = el('form', { class: 'filter-form', role: 'search' },
    el('label', { for: 'table-filter' }, t.tables.filter), input,
    el('label', { for: 'table-product' }, t.tables.product), select);
  form.addEventListener('submit', (event) => event.preventDefault());
  const summary = el('p', { class: 'summary', role: 'status' });
  const body = el('tbody', {});
  const grid = el('table', { class: 'grid tables' },
    el('thead', {}, el('tr', {}, el('th', {}, t.tables.name), el('th', {}, t.tables.titleColumn), el('th', {}, t.tables.productColumn),
      el('th', { class: 'num' }, t.tables.variables), el('th', { class: 'num' }, t.tables.joins))), body);
  root.append(form, summary, grid);

  const render = (): void => {
    const text = fold(input.value.trim());
    const product = select.value;
    const shown = tables.filter((tb) => (!product || tb.dataset === product)
      && (!text || fold(tb.name).includes(text) || fold(tb.title).includes(text)));
    body.replaceChildren(...shown.map(row));
    summary.textContent = shown.length ? t.tables.shown(shown.length, tables.length) : t.tables.none;
    const next = new URLSearchParams();
    if (input.value.trim()) next.set('q', input.value.trim());
    if (product) next.set('product', product);
    keepInAddress(`#/tables${next.toString() ? `?${next.toString()}` : ''}`);
  };
  input.addEventListener('input', render);
  select.addEventListener('change', render);
  render();
  void loadExamples().then((e) => { if (e.table) input.placeholder = t.tables.filterPlaceholder(e.table); }).catch(() => undefined);
}

function row(tb: TableSummary): HTMLTableRowElement {
  return el('tr', { 'data-table': tb.name },
    el('td', {}, link(tableHref(tb.name), el('span', { class: 'key' }, tb.name))),
    el('td', {}, tb.title),
    el('td', {}, tb.dataset),
    el('td', { class: 'num' }, count(tb.variables)),
    el('td', { class: 'num' }, count(tb.joins)));
}

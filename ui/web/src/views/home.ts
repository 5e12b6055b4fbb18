// The home page under the search box: what the catalog holds, and its products with their tables
// (title, number of variables), each product's full list one click away in the table explorer.

import { loadIndex } from '../catalog-index';
import { el, link } from '../dom';
import { t } from '../i18n';
import { stillBuilding } from '../readiness';

/** Tables listed per product on the home page; the rest are in the explorer. */
const SHOWN = 8;

export const tableHref = (name: string): string => `#/table/${encodeURIComponent(name)}`;
export const explorerHref = (product?: string): string =>
  product ? `#/tables?${new URLSearchParams({ product }).toString()}` : '#/tables';

export async function homeView(root: HTMLElement): Promise<void> {
  root.append(el('p', { class: 'muted intro' }, t.home.intro));
  const wait = el('p', { class: 'muted loading' }, t.common.loading);
  root.append(wait);
  const index = await loadIndex().finally(() => wait.remove());
  const s = index.stats;
  if (s.tables === 0) {
    // while the demo loads its dictionary the catalogue is empty for a while: say so, not "import one"
    root.append(await stillBuilding() ? el('p', { class: 'notice catalog-loading' }, t.home.stillLoading)
      : el('p', { class: 'notice' }, t.home.empty));
    return;
  }
  root.append(
    el('p', { class: 'stats' }, t.home.stats(s.datasets, s.tables, s.variables, s.nomenclatures, s.codes, s.joins)),
    el('h2', {}, t.home.products, ' ', el('span', { class: 'muted small' }, '· ', link(explorerHref(), t.home.explorer))),
  );
  const grid = el('div', { class: 'products' });
  for (const d of index.datasets) {
    const list = el('ul', { class: 'product-tables' });
    for (const table of d.tables.slice(0, SHOWN)) {
      list.append(el('li', { title: table.title },
        link(tableHref(table.name), el('span', { class: 'key' }, table.name)), ' ',
        el('span', { class: 'muted small' }, t.home.variablesShort(table.variables)), ' ',
        el('span', { class: 'table-title' }, table.title)));
    }
    const card = el('section', { class: 'product', 'data-product': d.name, 'aria-label': d.name },
      el('h3', {}, d.name, ' ', el('span', { class: 'muted small' }, t.home.tablesOf(d.tables.length))),
      d.title ? el('p', { class: 'muted' }, d.title) : null,
      list);
    if (d.tables.length > SHOWN) card.append(el('p', { class: 'more-tables' }, link(explorerHref(d.name), t.home.allTables(d.tables.length, d.name))));
    grid.append(card);
  }
  root.append(grid);
}

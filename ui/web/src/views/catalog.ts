// Pages of catalog entries: a table, a variable, a code list (with its codes paged by cursor).

import { clear, count, el, link, loading } from '../dom';
import { nomenclature, table, variable, type Join, type NomenclatureDetail, type VariableSummary } from '../queries';

const tableHref = (name: string): string => `#/table/${encodeURIComponent(name)}`;
const nomenclatureHref = (name: string): string => `#/nomenclature/${encodeURIComponent(name)}`;
const variableHref = (t: string, name: string): string => `#/variable/${encodeURIComponent(t)}/${encodeURIComponent(name)}`;

function notFound(root: HTMLElement, what: string): void {
  root.append(el('h1', {}, what), el('p', { class: 'error', role: 'alert' }, 'Introuvable dans le catalogue.'),
    el('p', {}, link('#/', 'Retour à la recherche')));
}

function dl(rows: [string, Node | string | null][]): HTMLDListElement {
  const list = el('dl', { class: 'facts' });
  for (const [term, value] of rows) {
    if (value === null || value === '') continue;
    list.append(el('dt', {}, term), el('dd', {}, value));
  }
  return list;
}

function variablesTable(variables: VariableSummary[], showTable: boolean): HTMLElement {
  if (variables.length === 0) return el('p', { class: 'muted' }, 'Aucune variable.');
  const head = el('tr', {}, showTable ? el('th', {}, 'Table') : null, el('th', {}, 'Variable'),
    el('th', {}, 'Description'), el('th', {}, 'Type'), el('th', {}, 'Nomenclature'));
  const body = el('tbody', {});
  for (const v of variables) {
    body.append(el('tr', {},
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

export async function tableView(root: HTMLElement, _params: URLSearchParams, path: string[]): Promise<void> {
  const name = path[1] ?? '';
  const wait = loading(root);
  const t = await table(name);
  wait.remove();
  if (!t) { notFound(root, name); return; }
  root.append(
    el('p', { class: 'crumbs muted' }, link('#/', 'Recherche'), ' › ', t.dataset, ' › ', t.name),
    el('h1', {}, el('span', { class: 'badge kind-table' }, 'Table'), el('span', { class: 'key' }, t.name), ' ', t.title),
    dl([['Produit', t.dataset], ['Clé primaire', t.primaryKey.join(', ')], ['Variables', count(t.variables.totalCount)]]),
    el('p', {}, link(`#/jointure?from=${encodeURIComponent(t.name)}`, 'Chemin de jointure depuis cette table')),
    el('h2', {}, 'Variables'),
    variablesTable(t.variables.edges.map((e) => e.node), false),
    el('h2', {}, 'Jointures'),
  );
  if (t.variables.totalCount > t.variables.edges.length) {
    root.querySelector('table.variables')?.after(
      el('p', { class: 'muted' }, `${count(t.variables.edges.length)} premières variables sur ${count(t.variables.totalCount)}.`));
  }
  const joins = t.joins.edges.map((e) => e.node);
  if (joins.length === 0) { root.append(el('p', { class: 'muted' }, 'Aucune jointure déclarée.')); return; }
  const body = el('tbody', {});
  for (const j of joins) {
    const other = j.from === t.name ? j.to : j.from;
    body.append(el('tr', {},
      el('td', {}, link(tableHref(other), el('span', { class: 'key' }, other))),
      el('td', {}, j.from === t.name ? 'vers' : 'depuis'),
      el('td', {}, el('code', {}, keys(j))),
      el('td', {}, link(`#/jointure?from=${encodeURIComponent(t.name)}&to=${encodeURIComponent(other)}`, 'chemin'))));
  }
  root.append(el('table', { class: 'grid joins' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Table'), el('th', {}, 'Sens'), el('th', {}, 'Clés'), el('th', {}, ''))), body));
  if (t.joins.totalCount > joins.length) {
    root.append(el('p', { class: 'muted' }, `${count(joins.length)} premières jointures sur ${count(t.joins.totalCount)}.`));
  }
}

export async function variableView(root: HTMLElement, _params: URLSearchParams, path: string[]): Promise<void> {
  const [tableName, name] = [path[1] ?? '', path[2] ?? ''];
  const wait = loading(root);
  const v = await variable(tableName, name);
  wait.remove();
  if (!v) { notFound(root, `${tableName}.${name}`); return; }
  root.append(
    el('p', { class: 'crumbs muted' }, link('#/', 'Recherche'), ' › ', link(tableHref(v.table), v.table), ' › ', v.name),
    el('h1', {}, el('span', { class: 'badge kind-variable' }, 'Variable'), el('span', { class: 'key' }, v.key)),
    el('p', { class: 'lead' }, v.description),
    dl([
      ['Table', link(tableHref(v.table), v.table)],
      ['Type', v.type],
      ['Longueur', v.length],
      ['Format', v.format],
      ['Position', String(v.position)],
      ['Nomenclature', v.nomenclature ? link(nomenclatureHref(v.nomenclature.name), v.nomenclature.name) : null],
      ['Colonne de la nomenclature', v.nomenclatureColumn],
    ]),
  );
}

const CODES_PAGE = 50;

export async function nomenclatureView(root: HTMLElement, params: URLSearchParams, path: string[]): Promise<void> {
  const name = path[1] ?? '';
  const wait = loading(root);
  const n = await nomenclature(name, CODES_PAGE, null);
  wait.remove();
  if (!n) { notFound(root, name); return; }
  const wanted = params.get('code');
  root.append(
    el('p', { class: 'crumbs muted' }, link('#/', 'Recherche'), ' › ', n.source, ' › ', n.name),
    el('h1', {}, el('span', { class: 'badge kind-nomenclature' }, 'Nomenclature'), el('span', { class: 'key' }, n.name), ' ', n.title),
    dl([['Source', n.source], ['Codes', count(n.codes.totalCount)]]),
    el('h2', {}, 'Colonnes'),
    el('table', { class: 'grid columns' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Colonne'), el('th', {}, 'Type'), el('th', {}, 'Rôle'))),
      el('tbody', {}, ...n.columns.map((c) => el('tr', {}, el('td', {}, el('span', { class: 'key' }, c.name)),
        el('td', {}, c.type), el('td', {}, roleLabel(c.role)))))),
    el('h2', {}, 'Codes'),
  );
  renderCodes(root, n, wanted);
  root.append(el('h2', {}, 'Variables codées par cette nomenclature'), codedVariables(n.variables));
}

function codedVariables(keys: string[]): HTMLElement {
  if (keys.length === 0) return el('p', { class: 'muted' }, 'Aucune variable.');
  const body = el('tbody', {});
  for (const key of keys) {
    const dot = key.indexOf('.');
    const [t, v] = [key.slice(0, dot), key.slice(dot + 1)];
    body.append(el('tr', {}, el('td', {}, link(tableHref(t), el('span', { class: 'key' }, t))),
      el('td', {}, link(variableHref(t, v), el('span', { class: 'key' }, v)))));
  }
  return el('table', { class: 'grid variables' }, el('thead', {}, el('tr', {}, el('th', {}, 'Table'), el('th', {}, 'Variable'))), body);
}

function roleLabel(role: string): string {
  return ({ CODE: 'code', LABEL: 'libellé', OTHER: 'autre' } as Record<string, string>)[role] ?? role.toLowerCase();
}

function renderCodes(root: HTMLElement, first: NomenclatureDetail, wanted: string | null): void {
  const extra = first.columns.filter((c) => c.role !== 'CODE' && c.role !== 'LABEL').map((c) => c.name).slice(0, 4);
  const body = el('tbody', {});
  const table_ = el('table', { class: 'grid codes' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Code'), el('th', {}, 'Libellé'), ...extra.map((c) => el('th', {}, c)))), body);
  const footer = el('div', { class: 'pager' });
  const shown = el('span', { class: 'muted' });
  let loaded = 0;
  const add = (page: NomenclatureDetail['codes']): void => {
    for (const { node } of page.edges) {
      const values = new Map(node.columns.map((c) => [c.column, c.value]));
      const row = el('tr', { 'data-code': node.code }, el('td', {}, el('span', { class: 'key' }, node.code)), el('td', {}, node.label),
        ...extra.map((c) => el('td', {}, values.get(c) ?? '')));
      if (node.code === wanted) row.classList.add('wanted');
      body.append(row);
    }
    loaded += page.edges.length;
    shown.textContent = `${count(loaded)} codes affichés sur ${count(page.totalCount)}`;
    clear(footer);
    footer.append(shown);
    if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      const more = el('button', { type: 'button', class: 'more' }, 'Codes suivants');
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          const next = await nomenclature(first.name, CODES_PAGE, page.pageInfo.endCursor);
          if (next) add(next.codes);
        } catch (e) {
          footer.append(el('p', { class: 'error', role: 'alert' }, `Erreur : ${(e as Error).message}`));
        }
      });
      footer.append(' ', more);
    }
  };
  add(first.codes);
  root.append(table_, footer);
  if (wanted) root.querySelector('tr.wanted')?.scrollIntoView({ block: 'center' });
}

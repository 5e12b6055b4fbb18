// A code's page (#/code/IR_CIM_V/I21): its label, its list, its parents and children where the list's
// codes form a prefix hierarchy (ICD-10, ATC), its row, and the variables its list codes. A code the
// patient data brought under a list the catalog does not describe has a page too (the search finds it).

import { el, link, loading } from '../dom';
import { t } from '../i18n';
import { codeDetail } from '../queries';
import { codeHref } from './catalog';
import { documentationSection } from './documentation';

const listHref = (name: string, code?: string): string =>
  `#/nomenclature/${encodeURIComponent(name)}${code ? `?code=${encodeURIComponent(code)}` : ''}`;

export async function codeView(root: HTMLElement, _params: URLSearchParams, path: string[]): Promise<void> {
  const [list, code] = [path[1] ?? '', path.slice(2).join('/')];
  const wait = loading(root);
  const found = await codeDetail(list, code).finally(() => wait.remove());
  const c = found.code;
  if (!c) {
    root.append(el('h1', {}, `${list}:${code}`), el('p', { class: 'error', role: 'alert' }, t.common.notFound),
      el('p', {}, link('#/', t.common.backToCatalogue)));
    return;
  }
  const m = t.code;
  const listCell = found.list
    ? link(listHref(found.list.name), el('span', { class: 'key' }, found.list.name), ` ${found.list.title}`)
    : el('span', {}, m.unknownList(list));
  root.append(
    el('p', { class: 'crumbs muted' }, link('#/', t.nav.catalogue), ' › ',
      found.list ? link(listHref(list), list) : list, ' › ', c.code),
    el('h1', {}, el('span', { class: 'badge kind-code' }, t.kind.CODE), el('span', { class: 'key' }, c.code), ' ',
      c.label || el('span', { class: 'muted' }, m.noLabel)),
    facts([[m.list, listCell], [m.label, c.label || m.noLabel]]),
  );
  if (found.list) root.append(el('p', {}, link(listHref(list, c.code), m.inList)));
  root.append(
    el('h2', {}, m.parents),
    c.parents.length ? codeList(list, c.parents, 'parents') : el('p', { class: 'muted' }, m.noParent),
    el('h2', {}, m.children),
    c.children.length ? codeList(list, c.children, 'children') : el('p', { class: 'muted' }, m.noChild),
    el('p', { class: 'muted note' }, m.hierarchyNote),
  );
  if (c.columns.length) {
    root.append(el('h2', {}, m.columns), facts(c.columns.map((v) => [v.column, v.value])));
  }
  root.append(el('h2', {}, m.variables), variables(c.variables.edges.map((e) => e.node.key)),
    documentationSection('CODE', c.key));
}

function facts(rows: [string, Node | string][]): HTMLDListElement {
  const list = el('dl', { class: 'facts' });
  for (const [term, value] of rows) {
    if (value === '') continue;
    list.append(el('dt', {}, term), el('dd', {}, value));
  }
  return list;
}

function codeList(list: string, codes: { code: string; label: string }[], kind: string): HTMLElement {
  return el('ul', { class: `codes-${kind}` }, ...codes.map((c) =>
    el('li', { 'data-code': c.code }, link(codeHref(list, c.code), el('span', { class: 'key' }, c.code)), ` ${c.label}`)));
}

function variables(keys: string[]): HTMLElement {
  if (keys.length === 0) return el('p', { class: 'muted' }, t.common.noVariable);
  return el('ul', { class: 'coded-variables' }, ...keys.map((key) => {
    const dot = key.indexOf('.');
    return el('li', {}, link(`#/variable/${encodeURIComponent(key.slice(0, dot))}/${encodeURIComponent(key.slice(dot + 1))}`,
      el('span', { class: 'key' }, key)));
  }));
}

// The documentation kept with the catalog: a page (#/doc/fiches/sejours?s=anchor) rendered from its
// stored plain text (every text through textContent, never markup), the catalog entries it names as
// links to their pages, the pages it links to and from; the glossary (#/glossaire?lettre=A&q=mco),
// browsable by letter and searchable; and the "Documentation" section of a table's, variable's,
// code list's or code's page, listing the sections that name it.

import { clear, el, link, loading } from '../dom';
import { t } from '../i18n';
import { docHref, hrefOf, KIND_LABEL } from '../labels';
import { documentPage, entryDocumentation, glossary, type DocLink, type DocPage, type Kind } from '../queries';

/** Renders plain text kept with blank lines between blocks and line breaks inside tables: paragraphs, lines. */
function textBlocks(text: string): HTMLElement[] {
  return text.split(/\n{2,}/).map((b) => b.trim()).filter((b) => b.length > 0).map((block) => {
    const lines = block.split('\n');
    const p = el('p', {});
    lines.forEach((line, i) => { if (i > 0) p.append(el('br')); p.append(line); });
    return p;
  });
}

export async function docView(root: HTMLElement, params: URLSearchParams, path: string[]): Promise<void> {
  const page = path.slice(1).join('/');
  const anchor = params.get('s') ?? '';
  const wait = loading(root);
  const doc = await documentPage(page).finally(() => wait.remove());
  const m = t.doc;
  if (!doc) {
    root.append(el('h1', {}, page), el('p', { class: 'error', role: 'alert' }, t.common.notFound),
      el('p', {}, link('#/glossaire', m.glossary), ' · ', link('#/', t.common.backToCatalogue)));
    return;
  }
  root.append(
    el('p', { class: 'crumbs muted' }, link('#/', t.nav.catalogue), ' › ', m.page, ' › ', doc.page),
    el('h1', {}, el('span', { class: 'badge kind-document' }, t.kind.DOCUMENT), doc.title),
    el('p', { class: 'muted doc-source' }, `${m.file} : `, el('span', { class: 'key' }, doc.sourcePath),
      doc.tags.length ? ` · ${m.tags} : ${doc.tags.join(', ')}` : ''),
  );
  if (doc.term) {
    root.append(el('p', { class: 'doc-term' }, el('strong', {}, `${m.term} : `), el('span', { class: 'key' }, doc.term.name),
      doc.term.expansion ? ` — ${doc.term.expansion}` : ''));
  }
  const layout = el('div', { class: 'doc-layout' });
  const body = el('article', { class: 'doc-text' }, ...textBlocks(doc.text));
  for (const s of doc.sections) {
    const level = Math.min(6, s.depth + 1) as 2 | 3 | 4 | 5 | 6;
    body.append(el(`h${level}`, { id: `s-${s.anchor}`, 'data-anchor': s.anchor }, s.title), ...textBlocks(s.text));
  }
  const side = el('aside', { class: 'doc-side' });
  renderSide(side, doc);
  layout.append(body, side);
  root.append(layout);
  if (anchor) document.getElementById(`s-${anchor}`)?.scrollIntoView();
}

function renderSide(side: HTMLElement, doc: DocPage): void {
  const m = t.doc;
  if (doc.sections.length) {
    side.append(el('h2', {}, m.contents), el('ul', { class: 'doc-contents' }, ...doc.sections.filter((s) => s.depth <= 2)
      .map((s) => el('li', { class: `depth-${s.depth}` }, link(docHref(s.path), s.title)))));
  }
  side.append(el('h2', {}, m.mentions));
  if (doc.mentions.length === 0) side.append(el('p', { class: 'muted' }, m.noMention));
  else {
    side.append(el('ul', { class: 'doc-mentions' }, ...doc.mentions.map((r) => el('li', { 'data-kind': r.kind, 'data-key': r.key },
      el('span', { class: `badge kind-${r.kind.toLowerCase()}` }, KIND_LABEL[r.kind]), link(hrefOf(r.kind, r.key), el('span', { class: 'key' }, r.key))))));
  }
  pageLinks(side, m.linksTo, doc.linksTo, 'doc-links-to');
  pageLinks(side, m.linkedFrom, doc.linkedFrom, 'doc-linked-from');
}

function pageLinks(side: HTMLElement, title: string, links: DocLink[], cls: string): void {
  if (links.length === 0) return;
  side.append(el('h2', {}, title), el('ul', { class: cls }, ...links.map((l) => el('li', {}, link(docHref(l.path), l.title)))));
}

const GLOSSARY_PAGE = 100;

export async function glossaryView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const m = t.doc;
  const letter = (params.get('lettre') ?? '').slice(0, 1).toUpperCase();
  const q = params.get('q') ?? '';
  root.append(el('h1', {}, m.glossary), el('p', { class: 'lead' }, m.glossaryIntro));
  const letters = el('nav', { class: 'letters', 'aria-label': m.glossary },
    link('#/glossaire', m.allLetters),
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => {
      const a = link(`#/glossaire?lettre=${l}`, l);
      if (l === letter) a.setAttribute('aria-current', 'true');
      return a;
    }));
  const form = el('form', { class: 'filter glossary-filter', role: 'search' });
  const input = el('input', { type: 'search', id: 'glossary-q', autocomplete: 'off' });
  input.value = q;
  form.append(el('label', { for: 'glossary-q' }, m.glossaryFilter), ' ', input, ' ', el('button', { type: 'submit' }, t.search.submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = input.value.trim() ? `#/glossaire?q=${encodeURIComponent(input.value.trim())}` : '#/glossaire';
  });
  root.append(letters, form);
  const list = el('dl', { class: 'glossary' });
  const summary = el('p', { class: 'muted', role: 'status' });
  root.append(summary, list);
  const wait = loading(root);
  const found = await glossary(q || letter, GLOSSARY_PAGE, null).finally(() => wait.remove());
  clear(list);
  summary.textContent = found.totalCount === 0 ? m.glossaryNone : m.glossaryCount(found.totalCount);
  for (const { node } of found.edges) {
    list.append(el('dt', { 'data-term': node.name }, link(docHref(node.path), el('span', { class: 'key' }, node.name)),
      node.expansion ? ` — ${node.expansion}` : ''),
    el('dd', {}, node.definition.length > 300 ? `${node.definition.slice(0, 300)}…` : node.definition));
  }
}

/**
 * The "Documentation" section of an entry's page, filled when its sections have come (the rest of the
 * page does not wait for them).
 */
export function documentationSection(kind: Exclude<Kind, 'DOCUMENT'>, key: string): HTMLElement {
  const m = t.doc;
  const section = el('section', { class: 'entry-documentation', 'aria-labelledby': 'doc-title' },
    el('h2', { id: 'doc-title' }, m.section));
  const wait = el('p', { class: 'muted loading' }, t.common.loading);
  section.append(wait);
  void entryDocumentation(kind, key).then((mentions) => {
    wait.remove();
    if (mentions.length === 0) { section.append(el('p', { class: 'muted none' }, m.none)); return; }
    section.append(el('p', { class: 'muted' }, m.sectionIntro), el('ul', { class: 'doc-sections' }, ...mentions.map((d) =>
      el('li', { 'data-path': d.path }, link(docHref(d.path), d.title), d.passage ? el('p', { class: 'passage' }, d.passage) : null))));
  }).catch((e: unknown) => {
    wait.replaceWith(el('p', { class: 'error', role: 'alert' }, t.common.error((e as Error).message)));
  });
  return section;
}

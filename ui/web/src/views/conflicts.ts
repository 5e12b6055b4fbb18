// Import conflicts (#/conflits), for stewards: values an import brought for fields that stewards had
// curated, which the curated values kept. Each can be proposed as the new value (a prefilled
// proposal on the entry's current version, reviewed like any other).

import { gql } from '../api';
import { el, link } from '../dom';
import { t } from '../i18n';
import { entryHref, entryState, propose, proposedMessage, refusal, type CuratedKind } from './edit';

interface ImportConflict {
  id: string; kind: CuratedKind; key: string; field: string; curatedValue: string; importedValue: string; source: string; at: string;
}

const CONFLICTS = `query($after: String) { importConflicts(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id kind key field curatedValue importedValue source at } } } }`;

export async function conflictsView(root: HTMLElement): Promise<void> {
  const m = t.edit.conflicts;
  root.append(el('h1', {}, m.title), el('p', { class: 'muted' }, m.intro));
  const data = await gql<{ importConflicts: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: ImportConflict }[] } }>(CONFLICTS, { after: null });
  const conflicts = data.importConflicts.edges.map((e) => e.node);
  if (conflicts.length === 0) { root.append(el('p', { class: 'queue-empty' }, m.none)); return; }
  root.append(el('p', {}, m.count(data.importConflicts.totalCount)));
  const body = el('tbody', {});
  for (const c of conflicts) body.append(...conflictRows(c));
  root.append(el('table', { class: 'grid conflicts' }, el('thead', {}, el('tr', {}, el('th', {}, t.curation.entry),
    el('th', {}, t.curation.field), el('th', {}, m.kept), el('th', {}, m.imported), el('th', {}, m.source), el('th', {}, t.curation.when),
    el('th', {}, ''))), body));
  if (data.importConflicts.pageInfo.hasNextPage) root.append(el('p', { class: 'muted' }, m.more(conflicts.length)));
}

/** The conflict's row, and a row under it where its proposal is written when asked. */
function conflictRows(c: ImportConflict): HTMLTableRowElement[] {
  const m = t.edit.conflicts;
  const button = el('button', { type: 'button', class: 'secondary propose-imported' }, m.propose);
  const row = el('tr', { 'data-conflict': c.id },
    el('td', {}, link(entryHref(c.kind, c.key), el('span', { class: 'key' }, c.key))), el('td', {}, c.field),
    el('td', { class: 'long' }, c.curatedValue), el('td', { class: 'long' }, c.importedValue), el('td', { class: 'muted' }, c.source),
    el('td', {}, new Date(c.at).toLocaleString()), el('td', {}, button));
  const cell = el('td', { colspan: '7' });
  const extra = el('tr', { class: 'conflict-proposal', hidden: '' }, cell);
  button.addEventListener('click', () => {
    button.disabled = true;
    extra.hidden = false;
    const reason = el('input', { type: 'text', id: `reason-${c.id}`, value: m.reason(c.source) });
    const status = el('p', { class: 'form-status', role: 'status' });
    const send = el('button', { type: 'submit' }, t.edit.send);
    const form = el('form', { class: 'conflict-form' }, el('span', {}, m.will(c.field), ' '), el('q', { class: 'long' }, c.importedValue),
      el('label', { for: `reason-${c.id}` }, t.edit.reason), reason, send, status);
    cell.replaceChildren(form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send.disabled = true;
      entryState(c.kind, c.key)
        .then((state) => propose(reason.value.trim() || m.reason(c.source), [{ kind: c.kind, key: c.key, version: state.version,
          ...importedChange(c) }]))
        .then((p) => { proposedMessage(status, p.id); send.hidden = true; })
        .catch((e: unknown) => { status.classList.add('error'); status.textContent = refusal(e); send.disabled = false; });
    });
  });
  return [row, extra];
}

/** The imported value as the proposal's field (tags come as "a, b", a code list as codedBy). */
function importedChange(c: ImportConflict): Record<string, unknown> {
  switch (c.field) {
    case 'tags': return { tags: c.importedValue.split(',').map((x) => x.trim()).filter((x) => x.length > 0) };
    case 'codedBy': return { codeList: c.importedValue };
    default: return { [c.field]: c.importedValue };
  }
}

// Curation from the catalog's own pages (docs/graphql.md, Curation): a steward turns an entry's
// title, description, tags or code list into inputs where they are shown, proposes a new or removed
// join from a table's page, and the change goes to another steward's review with the version shown.
// Non-stewards never see these controls (the API would refuse them anyway). Every value is set as
// text (el, .value), so markup typed in a description stays text.

import { ApiError, gql } from '../api';
import { autocomplete } from '../autocomplete';
import { el, link } from '../dom';
import { t } from '../i18n';
import { hrefOf } from '../labels';
import { me } from '../session';

export type CuratedKind = 'DATASET' | 'TABLE' | 'VARIABLE' | 'NOMENCLATURE';
export type CuratedField = 'title' | 'description' | 'tags' | 'codeList';

export interface EntryState { version: number; title: string; description: string; tags: string[]; codeList: string; joins: string[] }

const STATE = `query($kind: CuratedKind!, $key: String!) { catalogEntryHistory(kind: $kind, key: $key) {
  version current { version title description tags codeList joins } } }`;
const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { proposal { id entryCount } } }`;

/** True when the logged-in caller may propose and review changes. */
export async function isSteward(): Promise<boolean> {
  const who = await me();
  return who.authenticated && (who.roles.includes('STEWARD') || who.roles.includes('ADMIN'));
}

/** An entry's curated fields now, with the version a proposal must name. */
export async function entryState(kind: CuratedKind, key: string): Promise<EntryState> {
  const data = await gql<{ catalogEntryHistory: { version: number; current: EntryState } | null }>(STATE, { kind, key });
  if (!data.catalogEntryHistory) throw new ApiError([{ message: t.common.notFound }]);
  return { ...data.catalogEntryHistory.current, version: data.catalogEntryHistory.version };
}

/** Sends a proposal; its id and number of entries. */
export async function propose(reason: string, changes: Record<string, unknown>[]): Promise<{ id: string; entryCount: number }> {
  const data = await gql<{ proposeChange: { proposal: { id: string; entryCount: number } } }>(PROPOSE, { input: { reason, changes } });
  return data.proposeChange.proposal;
}

/** The entry's page where it has one (datasets have none: their history). */
export function entryHref(kind: CuratedKind, key: string): string {
  return kind === 'DATASET' ? `#/historique/DATASET/${encodeURIComponent(key)}` : hrefOf(kind, key);
}

export const reviewHref = (id: string): string => `#/relecture?id=${encodeURIComponent(id)}`;

/** The API's refusal in the page's language, with the server's own detail (which names the rule). */
export function refusal(e: unknown): string {
  const m = t.edit;
  if (!(e instanceof ApiError)) return t.common.error((e as Error).message);
  const kinds = e.errors.map((x) => x.extensions?.classification);
  const detail = e.errors.map((x) => x.message).join(' ; ');
  if (kinds.includes('CONFLICT')) return m.conflict(detail);
  if (kinds.includes('BAD_REQUEST')) return m.badRequest(detail);
  if (kinds.includes('NOT_FOUND')) return m.notFound(detail);
  return t.common.error(detail);
}

/** "Proposition enregistrée", with a link to the proposal in the review queue. */
export function proposedMessage(into: HTMLElement, id: string): void {
  into.classList.remove('error');
  into.replaceChildren(t.edit.proposed, ' ', link(reviewHref(id), t.edit.seeProposal));
}

export interface InPlace {
  kind: CuratedKind;
  key: string;
  fields: CuratedField[];
  /** The elements showing the values, hidden while the form stands in their place. */
  shown: HTMLElement[];
}

/**
 * A "Proposer une modification" button for stewards (nothing for anyone else). A click reads the
 * entry's current values and version and shows them as inputs in place of the shown values.
 */
export function editControl(target: InPlace): HTMLElement {
  const holder = el('span', { class: 'edit-control' });
  void isSteward().then((steward) => {
    if (!steward) return;
    const button = el('button', { type: 'button', class: 'secondary edit-open' }, t.edit.open);
    button.addEventListener('click', () => {
      button.disabled = true;
      entryState(target.kind, target.key)
        .then((state) => {
          const form = editForm(target, state, () => {
            form.remove();
            target.shown.forEach((s) => { s.hidden = false; });
            button.disabled = false;
          });
          target.shown.forEach((s) => { s.hidden = true; });
          target.shown[0].before(form);
          (form.querySelector('input, textarea') as HTMLElement | null)?.focus();
        })
        .catch((e: unknown) => {
          button.disabled = false;
          holder.append(el('span', { class: 'error', role: 'alert' }, ` ${refusal(e)}`));
        });
    });
    holder.append(button);
  });
  return holder;
}

const splitTags = (text: string): string[] => text.split(',').map((x) => x.trim()).filter((x) => x.length > 0);

function editForm(target: InPlace, state: EntryState, close: () => void): HTMLFormElement {
  const m = t.edit;
  const id = (f: string): string => `edit-${f}`;
  const inputs: Partial<Record<CuratedField, HTMLInputElement | HTMLTextAreaElement>> = {};
  const rows: Node[] = [];
  for (const field of target.fields) {
    let input: HTMLInputElement | HTMLTextAreaElement;
    let box: HTMLElement;
    if (field === 'description') {
      input = el('textarea', { id: id(field), rows: '4' });
      box = input;
    } else if (field === 'codeList') {
      const ac = autocomplete({ id: id(field), placeholder: m.codeListPlaceholder, label: m.fields.codeList, kinds: ['NOMENCLATURE'],
        value: state.codeList, onPick: (s, i) => { i.value = s.key; } });
      input = ac.input;
      box = ac.box;
    } else {
      input = el('input', { id: id(field), type: 'text' });
      box = input;
    }
    input.value = field === 'tags' ? state.tags.join(', ') : field === 'codeList' ? state.codeList : state[field];
    inputs[field] = input;
    rows.push(el('label', { for: id(field) }, m.fields[field]), box);
  }
  const reason = el('input', { id: id('reason'), type: 'text', placeholder: m.reasonPlaceholder });
  const status = el('p', { class: 'form-status', role: 'status' });
  const send = el('button', { type: 'submit' }, m.send);
  const cancel = el('button', { type: 'button', class: 'secondary' }, m.cancel);
  cancel.addEventListener('click', close);
  const form = el('form', { class: 'propose edit-in-place', 'data-version': String(state.version) },
    el('h2', {}, m.title(state.version)), ...rows, el('label', { for: id('reason') }, m.reason), reason,
    el('div', { class: 'actions' }, send, cancel), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const change: Record<string, unknown> = { kind: target.kind, key: target.key, version: state.version };
    let changed = 0;
    for (const [field, input] of Object.entries(inputs) as [CuratedField, HTMLInputElement | HTMLTextAreaElement][]) {
      if (field === 'tags') {
        const tags = splitTags(input.value);
        if (tags.join(', ') !== state.tags.join(', ')) { change.tags = tags; changed++; }
      } else if (input.value !== (field === 'codeList' ? state.codeList : state[field])) {
        change[field] = field === 'codeList' ? input.value.trim() : input.value;
        changed++;
      }
    }
    status.classList.add('error');
    if (changed === 0) { status.textContent = m.nothing; return; }
    if (reason.value.trim() === '') { status.textContent = m.reasonNeeded; reason.focus(); return; }
    send.disabled = true;
    propose(reason.value.trim(), [change])
      .then((p) => {
        proposedMessage(status, p.id);
        form.querySelectorAll('input, textarea').forEach((i) => i.setAttribute('readonly', ''));
        send.hidden = true;
        cancel.textContent = m.close;
      })
      .catch((e: unknown) => {
        status.textContent = refusal(e);
        send.disabled = false;
      });
  });
  return form;
}

/**
 * On a table's page, for stewards: propose a join to another table (its key pairs) and the removal
 * of joins declared from this table (by their ids, FROM(keys)->TO(keys)).
 */
export function joinsControl(table: string): HTMLElement {
  const section = el('section', { class: 'join-edit', hidden: '' });
  void isSteward().then(async (steward) => {
    if (!steward) return;
    section.hidden = false;
    const open = el('button', { type: 'button', class: 'secondary' }, t.edit.joins.open);
    section.append(open);
    open.addEventListener('click', () => {
      open.disabled = true;
      entryState('TABLE', table).then((state) => {
        open.remove();
        section.append(joinsForm(table, state));
      }).catch((e: unknown) => {
        open.disabled = false;
        section.append(el('p', { class: 'error', role: 'alert' }, refusal(e)));
      });
    });
  });
  return section;
}

function joinsForm(table: string, state: EntryState): HTMLFormElement {
  const m = t.edit.joins;
  const referred = autocomplete({ id: 'join-to', placeholder: m.toPlaceholder, label: m.to, kinds: ['TABLE'],
    onPick: (s, i) => { i.value = s.key; } });
  const pairs = el('div', { class: 'key-pairs' });
  const addPair = (): void => {
    const n = pairs.children.length;
    pairs.append(el('div', { class: 'key-pair' },
      el('input', { type: 'text', class: 'join-from', 'aria-label': m.fromKey(table, n + 1), placeholder: m.fromKey(table, n + 1) }),
      ' = ',
      el('input', { type: 'text', class: 'join-to-key', 'aria-label': m.toKey(n + 1), placeholder: m.toKey(n + 1) })));
  };
  addPair();
  const more = el('button', { type: 'button', class: 'secondary add-pair' }, m.addPair);
  more.addEventListener('click', addPair);
  const removals = state.joins.map((id) => el('label', { class: 'remove-join' },
    el('input', { type: 'checkbox', value: id }), ' ', el('code', {}, id)));
  const reason = el('input', { id: 'join-reason', type: 'text', placeholder: t.edit.reasonPlaceholder });
  const status = el('p', { class: 'form-status', role: 'status' });
  const send = el('button', { type: 'submit' }, t.edit.send);
  const form = el('form', { class: 'propose join-form-edit' }, el('h2', {}, m.title),
    el('label', { for: 'join-to' }, m.to), referred.box,
    el('span', { class: 'label' }, m.keys), el('div', {}, pairs, more),
    el('span', { class: 'label' }, m.remove), removals.length > 0 ? el('div', { class: 'removals' }, ...removals) : el('p', { class: 'muted' }, m.noneDeclared),
    el('label', { for: 'join-reason' }, t.edit.reason), reason, el('div', { class: 'actions' }, send), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.classList.add('error');
    const keys = Array.from(pairs.querySelectorAll('.key-pair')).map((p) => ({
      from: (p.querySelector('.join-from') as HTMLInputElement).value.trim(),
      to: (p.querySelector('.join-to-key') as HTMLInputElement).value.trim() })).filter((k) => k.from || k.to);
    const removed = removals.map((r) => r.querySelector('input') as HTMLInputElement).filter((c) => c.checked).map((c) => c.value);
    const to = referred.input.value.trim();
    const change: Record<string, unknown> = { kind: 'TABLE', key: table, version: state.version };
    if (to || keys.length > 0) change.addJoins = [{ to, keys }];
    if (removed.length > 0) change.removeJoins = removed;
    if (!change.addJoins && !change.removeJoins) { status.textContent = t.edit.nothing; return; }
    if (reason.value.trim() === '') { status.textContent = t.edit.reasonNeeded; reason.focus(); return; }
    send.disabled = true;
    propose(reason.value.trim(), [change])
      .then((p) => { proposedMessage(status, p.id); send.hidden = true; })
      .catch((e: unknown) => { status.textContent = refusal(e); send.disabled = false; });
  });
  return form;
}

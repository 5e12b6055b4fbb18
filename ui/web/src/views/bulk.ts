// A bulk change on a table's page, for stewards: variables ticked in the variables' grid get one tag
// added or removed, or one code list, all in a single proposal (one review, applied at once). Each
// variable's change names the version read just before sending, so a concurrent edit is a CONFLICT.

import { gql } from '../api';
import { autocomplete } from '../autocomplete';
import { el } from '../dom';
import { t } from '../i18n';
import { isSteward, proposedMessage, propose, refusal } from './edit';

type Action = 'addTag' | 'removeTag' | 'codeList';

/** Adds a checkbox to each row of the grid (rows appended later too) and the form under it. */
export function bulkControl(grid: HTMLTableElement, table: string): HTMLElement {
  const section = el('section', { class: 'bulk', hidden: '' });
  void isSteward().then((steward) => {
    if (!steward) return;
    const m = t.edit.bulk;
    const head = grid.tHead?.rows[0];
    head?.prepend(el('th', { class: 'pick' }, el('span', { class: 'visually-hidden' }, m.pick)));
    const tick = (row: HTMLTableRowElement): void => {
      if (row.querySelector('input.pick')) return;
      const name = row.dataset.variable ?? '';
      row.prepend(el('td', { class: 'pick' }, el('input', { type: 'checkbox', class: 'pick', value: name, 'aria-label': m.pickOne(name) })));
    };
    const body = grid.tBodies[0];
    Array.from(body.rows).forEach(tick);
    new MutationObserver(() => Array.from(body.rows).forEach(tick)).observe(body, { childList: true });
    section.hidden = false;
    section.append(bulkForm(body, table));
  });
  return section;
}

function bulkForm(body: HTMLTableSectionElement, table: string): HTMLFormElement {
  const m = t.edit.bulk;
  const action = el('select', { id: 'bulk-action' },
    el('option', { value: 'addTag' }, m.addTag), el('option', { value: 'removeTag' }, m.removeTag), el('option', { value: 'codeList' }, m.codeList));
  const value = autocomplete({ id: 'bulk-value', placeholder: m.valuePlaceholder, label: m.value, kinds: ['NOMENCLATURE'],
    onPick: (s, i) => { i.value = s.key; } });
  const reason = el('input', { id: 'bulk-reason', type: 'text', placeholder: t.edit.reasonPlaceholder });
  const count = el('span', { class: 'muted bulk-count' }, m.selected(0));
  const status = el('p', { class: 'form-status', role: 'status' });
  const send = el('button', { type: 'submit' }, t.edit.send);
  const picked = (): string[] => Array.from(body.querySelectorAll<HTMLInputElement>('input.pick:checked')).map((c) => c.value);
  body.addEventListener('change', () => { count.textContent = m.selected(picked().length); });
  const form = el('form', { class: 'propose bulk-form' }, el('h2', {}, m.title), el('p', { class: 'muted wide' }, m.intro), count,
    el('label', { for: 'bulk-action' }, m.action), action, el('label', { for: 'bulk-value' }, m.value), value.box,
    el('label', { for: 'bulk-reason' }, t.edit.reason), reason, el('div', { class: 'actions' }, send), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.classList.add('error');
    const names = picked();
    const wanted = value.input.value.trim();
    const what = action.value as Action;
    if (names.length === 0) { status.textContent = m.noneSelected; return; }
    if (wanted === '' && what !== 'codeList') { status.textContent = m.valueNeeded; value.input.focus(); return; }
    if (reason.value.trim() === '') { status.textContent = t.edit.reasonNeeded; reason.focus(); return; }
    send.disabled = true;
    states(names.map((n) => `${table}.${n}`))
      .then((found) => propose(reason.value.trim(), found.map(({ key, version, tags }) => {
        const change: Record<string, unknown> = { kind: 'VARIABLE', key, version };
        if (what === 'codeList') change.codeList = wanted;
        else if (what === 'addTag') change.tags = tags.includes(wanted) ? tags : [...tags, wanted];
        else change.tags = tags.filter((x) => x !== wanted);
        return change;
      })))
      .then((p) => { proposedMessage(status, p.id); status.prepend(m.done(p.entryCount), ' '); })
      .catch((e: unknown) => { status.textContent = refusal(e); })
      .finally(() => { send.disabled = false; });
  });
  return form;
}

/** Variables read per request: each aliased field counts in the request's cost (healthgraph.graphql.max-complexity). */
const CHUNK = 25;

/** The versions and tags of many variables, CHUNK a request (one aliased field each). */
async function states(keys: string[]): Promise<{ key: string; version: number; tags: string[] }[]> {
  const out: { key: string; version: number; tags: string[] }[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) out.push(...await chunk(keys.slice(i, i + CHUNK)));
  return out;
}

async function chunk(keys: string[]): Promise<{ key: string; version: number; tags: string[] }[]> {
  const fields = keys.map((_, i) => `e${i}: catalogEntryHistory(kind: VARIABLE, key: $k${i}) { version current { tags } }`);
  const query = `query(${keys.map((_, i) => `$k${i}: String!`).join(', ')}) { ${fields.join(' ')} }`;
  const data = await gql<Record<string, { version: number; current: { tags: string[] } } | null>>(query,
    Object.fromEntries(keys.map((k, i) => [`k${i}`, k])));
  return keys.map((key, i) => {
    const h = data[`e${i}`];
    if (!h) throw new Error(t.edit.missing(key));
    return { key, version: h.version, tags: h.current.tags };
  });
}

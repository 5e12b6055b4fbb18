// A concept set: the codes of an event criterion as chips (system, code, label, "and descendants"),
// each removable, filled from the catalog's code suggestions or by typing a code of a known system
// (a code the catalog has no label for yet, e.g. an ATC class before its labels are imported).
// A code always covers its descendants: the format's pattern is a prefix (docs/trajectories.md).

import { autocomplete } from '../autocomplete';
import { el } from '../dom';
import { t } from '../i18n';
import { codeLabel, search as searchCatalog, suggest, type Suggestion } from '../queries';
import { SYSTEMS, patternOfKey, type CodePattern } from './cohort-model';

/** Labels already asked for, by catalog key ('' when the catalog has none). */
const labels = new Map<string, Promise<string>>();

function labelOf(p: CodePattern): Promise<string> {
  const key = `${SYSTEMS[p.system] ?? p.system}:${p.prefix}`;
  let label = labels.get(key);
  if (!label) {
    label = codeLabel(key).catch(() => '');
    labels.set(key, label);
  }
  return label;
}

/**
 * Codes of a known system for what is typed: the catalog's suggestions (codes and labels starting
 * with it), else its search restricted to codes (words anywhere in a label: "statine").
 */
async function codesFor(text: string): Promise<Suggestion[]> {
  const known = (s: Suggestion): boolean => s.kind === 'CODE' && patternOfKey(s.key) !== null;
  const suggested = (await suggest(text, 20)).filter(known);
  if (suggested.length > 0) return suggested.slice(0, 8);
  const page = await searchCatalog(text, { kinds: ['CODE'] }, 20, null);
  return page.edges.map((e): Suggestion => ({ text: e.node.name, kind: 'CODE', key: e.node.key, label: e.node.label }))
    .filter(known).slice(0, 8);
}

let pickers = 0;

/**
 * The picker of a criterion's codes: `codes()` reads the current list, `set(list)` stores it (an
 * empty list removes the field), `changed()` tells the builder that the query changed.
 */
export function conceptPicker(codes: () => CodePattern[], set: (list: CodePattern[]) => void, changed: () => void): HTMLElement {
  const m = t.cohort.builder;
  const id = `concepts-${++pickers}`;
  const chips = el('ul', { class: 'concept-chips', 'aria-label': m.concepts });
  const problem = el('p', { class: 'error', role: 'alert', hidden: '' });

  const draw = (): void => {
    chips.replaceChildren();
    const list = codes();
    if (list.length === 0) chips.append(el('li', { class: 'muted empty' }, m.noConcept));
    list.forEach((p, i) => {
      const label = el('span', { class: 'label' });
      void labelOf(p).then((text) => { label.textContent = text ? ` ${text}` : ''; });
      const remove = el('button', { type: 'button', class: 'remove', title: m.removeCode(p.prefix), 'aria-label': m.removeCode(p.prefix) }, '×');
      remove.addEventListener('click', () => {
        set(codes().filter((_, j) => j !== i));
        draw();
        changed();
      });
      chips.append(el('li', { class: 'chip concept', 'data-system': p.system, 'data-prefix': p.prefix },
        el('span', { class: 'badge' }, p.system), el('code', {}, p.prefix), label,
        el('span', { class: 'muted descendants', title: m.descendantsTitle(p.prefix) }, ` ${m.descendants}`), remove));
    });
  };
  const add = (p: CodePattern, label?: string): void => {
    problem.hidden = true;
    if (label) labels.set(`${SYSTEMS[p.system]}:${p.prefix}`, Promise.resolve(label));
    const list = codes();
    if (!list.some((c) => c.system === p.system && c.prefix === p.prefix)) set([...list, p]);
    draw();
    changed();
  };

  const search = autocomplete({
    id: `${id}-search`, placeholder: m.searchPlaceholder, label: m.searchCode, kinds: ['CODE'], source: codesFor,
    onPick: (s, input) => {
      const p = patternOfKey(s.key);
      if (!p) return;
      add(p, s.label);
      input.value = '';
    },
  });
  search.box.classList.add('concept-search');

  const system = el('select', { class: 'concept-system', 'aria-label': m.system },
    ...Object.keys(SYSTEMS).map((s) => el('option', { value: s }, s)));
  const code = el('input', { type: 'text', class: 'concept-code', 'aria-label': m.code, placeholder: 'C10AA', size: '10' });
  const addTyped = el('button', { type: 'button', class: 'secondary concept-add' }, m.addCode);
  const typed = (): void => {
    const value = code.value.trim().toUpperCase().replace(/\./g, '');
    if (!/^[A-Z0-9]{1,64}$/.test(value)) {
      problem.textContent = m.badCode;
      problem.hidden = false;
      return;
    }
    add({ system: system.value, prefix: value });
    code.value = '';
  };
  addTyped.addEventListener('click', typed);
  code.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); typed(); } });

  draw();
  return el('div', { class: 'concept-picker' },
    el('span', { class: 'field-title' }, m.concepts), chips,
    el('div', { class: 'concept-inputs' },
      el('label', { class: 'grow' }, el('span', {}, m.searchCode), search.box),
      el('span', { class: 'typed' }, el('span', {}, m.typedCode), system, code, addTyped)),
    problem);
}

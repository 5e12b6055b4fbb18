// An input with a list of completions fetched as one types (debounced; stale answers dropped),
// navigable with the arrow keys, Enter and Escape (WAI-ARIA combobox pattern).

import { clear, el } from './dom';
import { KIND_LABEL } from './labels';
import { suggest, type Kind, type Suggestion } from './queries';

export interface AutocompleteOptions {
  id: string;
  placeholder: string;
  label: string;
  value?: string;
  /** Only suggestions of these kinds are shown (all when absent). */
  kinds?: Kind[];
  /** Where completions come from (the catalog's suggestions when absent). */
  source?: (prefix: string) => Promise<Suggestion[]>;
  /** Called when a suggestion is chosen. */
  onPick: (s: Suggestion, input: HTMLInputElement) => void;
}

let instances = 0;

export function autocomplete(options: AutocompleteOptions): { box: HTMLElement; input: HTMLInputElement } {
  const listId = `${options.id}-list-${++instances}`;
  const input = el('input', {
    type: 'search', id: options.id, placeholder: options.placeholder, autocomplete: 'off',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-label': options.label,
  });
  input.value = options.value ?? '';
  const list = el('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: '' });
  const box = el('div', { class: 'autocomplete' }, input, list);
  let items: Suggestion[] = [];
  let active = -1;
  let timer: number | undefined;
  let sequence = 0;

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const pick = (s: Suggestion): void => {
    close();
    options.onPick(s, input);
  };
  const show = (found: Suggestion[]): void => {
    items = options.kinds ? found.filter((s) => options.kinds!.includes(s.kind)) : found;
    clear(list);
    active = -1;
    items.forEach((s, i) => {
      const option = el('li', { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', 'data-key': s.key },
        el('span', { class: `badge kind-${s.kind.toLowerCase()}` }, KIND_LABEL[s.kind]), s.text,
        s.label ? el('span', { class: 'label' }, ` ${s.label}`) : null,
        s.text !== s.key ? el('span', { class: 'muted' }, ` ${s.key}`) : null);
      // mousedown, not click: it comes before the input's blur closes the list
      option.addEventListener('mousedown', (event) => { event.preventDefault(); pick(s); });
      list.append(option);
    });
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
  };
  const highlight = (index: number): void => {
    const options_ = list.querySelectorAll('li');
    options_.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index >= 0) input.setAttribute('aria-activedescendant', `${listId}-${index}`);
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const prefix = input.value.trim();
    if (prefix.length < 2) { close(); return; }
    timer = window.setTimeout(async () => {
      const mine = ++sequence;
      try {
        const found = await (options.source ?? ((p: string) => suggest(p, 8)))(prefix);
        if (mine === sequence && document.activeElement === input) show(found);
      } catch {
        close();
      }
    }, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); highlight(Math.max(active - 1, -1)); }
    else if (event.key === 'Escape') { close(); }
    else if (event.key === 'Enter' && active >= 0) { event.preventDefault(); pick(items[active]); }
  });
  input.addEventListener('blur', () => close());
  return { box, input };
}

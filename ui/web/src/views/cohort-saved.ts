// Cohort definitions saved in the graph, the caller's own: save the builder's query under a name
// (an existing name gets its next version), list them, and open one (any version) in the builder.

import { el } from '../dom';
import { lang, t } from '../i18n';
import { cohortDefinition, cohortDefinitions, saveCohortDefinition, type CohortDefinition } from '../queries';
import { me } from '../session';
import { readQuery, toInput, type CohortFile } from './cohort-model';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'short', timeStyle: 'short' });
}

/**
 * The panel; `current` gives the builder's query, `open` loads a saved one into it with a message and
 * the stored text, `saved` receives the stored text of a definition just saved.
 */
export function savedDefinitions(current: () => CohortFile, open: (file: CohortFile, message: string, json: string) => void,
  saved: (json: string) => void): HTMLElement {
  const m = t.cohort.saved;
  const name = el('input', { type: 'text', id: 'cohort-save-name', maxlength: '100', autocomplete: 'off' });
  const description = el('input', { type: 'text', id: 'cohort-save-description', maxlength: '1000' });
  const save = el('button', { type: 'button', class: 'save-definition' }, m.save);
  const status = el('p', { class: 'save-status', role: 'status', hidden: '' });
  const list = el('div', { class: 'definitions' });
  const say = (text: string, error: boolean): void => {
    status.textContent = text;
    status.classList.toggle('error', error);
    status.hidden = false;
  };

  const refresh = async (): Promise<void> => {
    // Without RESEARCHER the list is not asked for: the refusal would only fill the audit trail.
    const who = await me();
    if (!who.roles.some((r) => r === 'RESEARCHER' || r === 'ADMIN')) {
      save.disabled = true;
      list.replaceChildren(el('p', { class: 'muted' }, t.session.forbidden));
      return;
    }
    save.disabled = false;
    let found: CohortDefinition[];
    try {
      found = await cohortDefinitions();
    } catch (e) {
      list.replaceChildren(el('p', { class: 'muted' }, (e as Error).message));
      return;
    }
    if (found.length === 0) { list.replaceChildren(el('p', { class: 'muted' }, m.none)); return; }
    const body = el('tbody', {});
    for (const d of found) {
      const version = el('select', { class: 'definition-version', 'aria-label': `${m.versions} ${d.name}` },
        ...[...d.versions].reverse().map((v) => el('option', { value: String(v) }, m.version(v))));
      version.value = String(d.version);
      const openButton = el('button', { type: 'button', class: 'secondary open-definition' }, m.open);
      openButton.addEventListener('click', async () => {
        try {
          const chosen = await cohortDefinition(d.name, Number(version.value));
          name.value = chosen.name;
          description.value = chosen.description;
          open(readQuery(chosen.json).file, m.opened(chosen.name, chosen.version), chosen.json);
        } catch (e) {
          say((e as Error).message, true);
        }
      });
      body.append(el('tr', { 'data-name': d.name }, el('td', { class: 'name' }, d.name), el('td', {}, version),
        el('td', {}, when(d.savedAt)), el('td', { class: 'muted' }, d.description), el('td', {}, openButton)));
    }
    list.replaceChildren(el('table', { class: 'grid saved-definitions' },
      el('thead', {}, el('tr', {}, el('th', {}, m.name), el('th', {}, m.versions), el('th', {}, m.savedAt), el('th', {}, m.description), el('th', {}))),
      body));
  };

  save.addEventListener('click', async () => {
    const chosen = name.value.trim();
    if (chosen.length === 0 || chosen.length > 100) { say(m.badName, true); return; }
    save.disabled = true;
    try {
      const done = await saveCohortDefinition(chosen, description.value.trim(), toInput(current()));
      saved(done.json);
      say(m.savedAs(done.name, done.version), false);
      await refresh();
    } catch (e) {
      say((e as Error).message, true);
    } finally {
      save.disabled = false;
    }
  });
  void refresh();
  return el('section', { class: 'cohort-saved', 'aria-label': m.title }, el('h2', {}, m.title),
    el('div', { class: 'row' },
      el('label', { for: 'cohort-save-name', class: 'field' }, el('span', {}, m.name), name),
      el('label', { for: 'cohort-save-description', class: 'field grow' }, el('span', {}, m.description), description), save),
    status, list);
}

// Cohorte: the cohort builder. Forms for the whole query (cohort-builder.ts) and, beside them, the
// same query in the one format's JSON (docs/trajectories.md, version 1) for experts, kept in sync
// both ways; its count, its attrition with percentages, its pathways as a Sankey diagram
// (cohort-results.ts), exports, and definitions saved in the graph. Small counts come back
// suppressed and are shown as "< threshold".

import { el } from '../dom';
import { lang, t } from '../i18n';
import { keepInAddress } from '../share';
import { cohort, projects, type CohortResult } from '../queries';
import examples from './cohort-examples.json';
import { drawBuilder } from './cohort-builder';
import { QueryTextError, emptyQuery, readQuery, toInput, writeQuery, type CohortFile } from './cohort-model';
import { download, renderResult, resultsCsv, resultsJson, shown } from './cohort-results';
import { savedDefinitions } from './cohort-saved';

// The examples are files of the one cohort query format (docs/trajectories.md, Format): the GraphQL
// input plus "version". They live in a JSON file so that the server's tests run them through the
// API, the command line and the reader (app's CohortFormatIT) and check them against the schema.
const EXAMPLES: { id: string; label: { fr: string; en: string }; query: unknown }[] = examples;

const DRAFT_KEY = 'healthgraph.cohort.draft';

function exampleText(i: number): string {
  return JSON.stringify(EXAMPLES[i].query, null, 2);
}

/** The query to open: a shared link's (#/cohorte?q=...), else the last draft, else the first example. */
function initial(params: URLSearchParams): { file: CohortFile; problem: string | null; migrated: boolean } {
  for (const text of [params.get('q'), localStorage.getItem(DRAFT_KEY), exampleText(0)]) {
    if (text === null) continue;
    try {
      const { file, migrated } = readQuery(text);
      return { file, problem: null, migrated };
    } catch (e) {
      if (!(e instanceof QueryTextError)) throw e;
    }
  }
  return { file: emptyQuery(), problem: null, migrated: false };
}

export function cohortView(root: HTMLElement, params: URLSearchParams): void {
  const m = t.cohort;
  const b = m.builder;
  root.append(el('h1', {}, m.title), el('p', { class: 'muted' }, m.intro));
  const start = initial(params);
  let file = start.file;
  let lastResult: CohortResult | null = null;

  const example = el('select', { id: 'cohort-example' },
    el('option', { value: '' }, '—'), ...EXAMPLES.map((e, i) => el('option', { value: String(i) }, e.label[lang])));
  const fresh = el('button', { type: 'button', class: 'secondary new-query' }, b.newQuery);
  // The population: every patient, or one project's (an approved study's) patients only.
  const population = el('select', { id: 'cohort-project' }, el('option', { value: '' }, m.everyPatient));
  void projects().then((list) => {
    for (const p of list) population.append(el('option', { value: p.code }, m.projectOption(p.code, shown(p.patients, 11), p.granted)));
    population.value = file.project ?? '';
  }).catch(() => { /* not allowed to list them (no role): the select offers every patient only */ });

  const forms = el('div', { class: 'builder-forms' });
  const editor = el('textarea', { id: 'cohort-query', rows: '30', spellcheck: 'false', 'aria-label': m.editor });
  const jsonState = el('p', { class: 'json-state', role: 'status', 'aria-live': 'polite' });
  const run = el('button', { type: 'submit', class: 'run' }, m.run);
  const message = el('p', { class: 'error', role: 'alert', hidden: '' });
  const output = el('section', { class: 'cohort-result', 'aria-label': m.result });

  const say = (text: string, error: boolean): void => {
    message.textContent = text;
    message.classList.toggle('error', error);
    message.classList.toggle('notice', !error);
    message.hidden = false;
  };
  // Form -> JSON: every edit rewrites the JSON view, the draft and the shareable address.
  const changed = (): void => {
    editor.value = writeQuery(file);
    editor.classList.remove('invalid');
    jsonState.textContent = '';
    localStorage.setItem(DRAFT_KEY, editor.value);
    keepInAddress(`#/cohorte?${new URLSearchParams({ q: JSON.stringify(file) }).toString()}`);
  };
  const open = (next: CohortFile): void => {
    file = next;
    population.value = file.project ?? '';
    drawBuilder(forms, file, changed);
    changed();
  };
  // JSON -> form: a valid edit replaces the query and redraws the forms; an invalid one says where.
  let typing: number | undefined;
  editor.addEventListener('input', () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => {
      try {
        const { file: next, migrated } = readQuery(editor.value);
        file = next;
        population.value = file.project ?? '';
        drawBuilder(forms, file, changed);
        editor.classList.remove('invalid');
        jsonState.textContent = migrated ? m.migrated : b.jsonApplied;
        jsonState.classList.remove('error');
        localStorage.setItem(DRAFT_KEY, editor.value);
        keepInAddress(`#/cohorte?${new URLSearchParams({ q: JSON.stringify(file) }).toString()}`);
      } catch (e) {
        if (!(e instanceof QueryTextError)) throw e;
        editor.classList.add('invalid');
        jsonState.textContent = e.message;
        jsonState.classList.add('error');
      }
    }, 300);
  });
  example.addEventListener('change', () => {
    if (example.value !== '') open(readQuery(exampleText(Number(example.value))).file);
  });
  fresh.addEventListener('click', () => { example.value = ''; open(emptyQuery()); });
  population.addEventListener('change', () => {
    if (population.value) file.project = population.value;
    else delete file.project;
    changed();
  });

  const exportDefinition = el('button', { type: 'button', class: 'secondary export-definition' }, m.exportDefinition);
  // A definition saved or opened and not changed since is exported as the server stored it (journeys'
  // CohortQueries writer), so that the exported file and the saved definition are one text.
  let stored: { text: string; as: string } | null = null;
  const remember = (text: string): void => { stored = { text, as: writeQuery(readQuery(text).file) }; };
  exportDefinition.addEventListener('click', () => {
    const current = writeQuery(file);
    download('cohorte.json', stored && stored.as === current ? stored.text : current + '\n', 'application/json');
  });
  const exportCsv = el('button', { type: 'button', class: 'secondary export-csv', disabled: '' }, m.exportCsv);
  const exportJson = el('button', { type: 'button', class: 'secondary export-json', disabled: '' }, m.exportJson);
  const threshold = (): number => (typeof file.suppressBelow === 'number' ? file.suppressBelow : 11);
  exportCsv.addEventListener('click', () => { if (lastResult) download('cohorte-resultats.csv', resultsCsv(lastResult, threshold()), 'text/csv'); });
  exportJson.addEventListener('click', () => { if (lastResult) download('cohorte-resultats.json', resultsJson(lastResult, threshold()), 'application/json'); });

  const form = el('form', { class: 'cohort-form' },
    el('div', { class: 'row top' },
      el('label', { for: 'cohort-example', class: 'field' }, el('span', {}, m.example), example), fresh,
      el('label', { for: 'cohort-project', class: 'field' }, el('span', {}, m.project), population)),
    el('div', { class: 'builder' },
      forms,
      el('section', { class: 'builder-json', 'aria-label': b.jsonTab },
        el('h2', {}, b.jsonTab), el('p', { class: 'muted' }, b.jsonHelp), editor, jsonState)),
    el('div', { class: 'actions' }, run,
      el('span', { class: 'exports' }, el('span', { class: 'muted' }, m.exportTitle), exportDefinition, exportCsv, exportJson)),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.hidden = true;
    run.disabled = true;
    output.replaceChildren(el('p', { class: 'muted loading' }, m.computing));
    try {
      const result = await cohort(toInput(file));
      lastResult = result;
      output.replaceChildren();
      renderResult(output, result, threshold());
      exportCsv.disabled = false;
      exportJson.disabled = false;
    } catch (e) {
      output.replaceChildren();
      say(t.common.error((e as Error).message), true);
    } finally {
      run.disabled = false;
    }
  });
  root.append(form, savedDefinitions(() => file, (next, text, json) => { example.value = ''; open(next); remember(json); say(text, false); }, remember), output);
  open(file);
  if (start.migrated) say(m.migrated, false);
}

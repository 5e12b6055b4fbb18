// The cohort builder's forms: the index event, the inclusion rules (an event in a window before or
// after an anchor, counted at least / at most / exactly / none, or a group all / any / at least N of
// conditions), the pathways' categories and settings, and the threshold. Every control edits the
// query object in place (cohort-model.ts): a field it does not show is never dropped, and a field
// left empty is removed, so that the JSON stays the format's defaults.

import { el } from '../dom';
import { t } from '../i18n';
import { conceptPicker } from './concept-picker';
import {
  CODE_ROLES, COUNTS, DIRECTIONS, EVENT_TYPES, GROUPS, OCCURRENCES, SIDES,
  type Category, type CohortFile, type Condition, type EventCriterion, type Json, type Rule,
} from './cohort-model';

/** What the builder calls: `changed` after a value changed, `redraw` after the form's shape changed. */
interface Hooks { changed: () => void; redraw: () => void }

/** Sets or removes a field: undefined, '' and empty lists are removed. */
function put(target: Json, key: string, value: unknown): void {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete target[key];
  else target[key] = value;
}

let fields = 0;

/** A labelled control; the label's text is also the control's accessible name. */
function labelled(text: string, control: HTMLElement, cls = ''): HTMLElement {
  const id = `cb-${++fields}`;
  control.id = id;
  return el('label', { for: id, class: `field ${cls}`.trim() }, el('span', {}, text), control);
}

function numberField(target: Json, key: string, text: string, hooks: Hooks, min = '0'): HTMLElement {
  const input = el('input', { type: 'number', min, step: '1', 'data-field': key });
  if (typeof target[key] === 'number') input.value = String(target[key]);
  input.addEventListener('input', () => {
    const n = input.value === '' ? undefined : Number(input.value);
    put(target, key, n !== undefined && Number.isFinite(n) ? Math.trunc(n) : undefined);
    hooks.changed();
  });
  return labelled(text, input, 'number');
}

function textField(target: Json, key: string, text: string, hooks: Hooks, cls = ''): HTMLElement {
  const input = el('input', { type: 'text', 'data-field': key });
  if (typeof target[key] === 'string') input.value = target[key] as string;
  input.addEventListener('input', () => { put(target, key, input.value.trim() === '' ? undefined : input.value); hooks.changed(); });
  return labelled(text, input, cls);
}

/** A select of an enumeration; the empty option is the format's default (the field is then absent). */
function enumField(target: Json, key: string, text: string, values: readonly string[], names: Record<string, string>,
  hooks: Hooks, fallback: string, onChange?: () => void): HTMLElement {
  const select = el('select', { 'data-field': key },
    ...values.map((v) => el('option', { value: v }, names[v] ?? v)));
  select.value = typeof target[key] === 'string' ? (target[key] as string) : fallback;
  select.addEventListener('change', () => {
    put(target, key, select.value === fallback && target[key] === undefined ? undefined : select.value);
    hooks.changed();
    onChange?.();
  });
  return labelled(text, select);
}

function checkField(target: Json, key: string, text: string, hooks: Hooks, onChange?: () => void): HTMLElement {
  const box = el('input', { type: 'checkbox', 'data-field': key });
  box.checked = target[key] === true;
  box.addEventListener('change', () => { put(target, key, box.checked ? true : undefined); hooks.changed(); onChange?.(); });
  const id = `cb-${++fields}`;
  box.id = id;
  return el('label', { for: id, class: 'check' }, box, ` ${text}`);
}

/** Checkboxes of a list of enumeration values (event types, roles); none checked removes the field. */
function multiField(target: Json, key: string, text: string, values: readonly string[], names: Record<string, string>, hooks: Hooks): HTMLElement {
  const chosen = new Set(Array.isArray(target[key]) ? (target[key] as string[]) : []);
  const boxes = values.map((v) => {
    const box = el('input', { type: 'checkbox', value: v });
    box.checked = chosen.has(v);
    box.addEventListener('change', () => {
      const kept = Array.isArray(target[key]) ? (target[key] as string[]) : [];
      // the order of the values as the format lists them, unknown values kept at the end
      const next = values.filter((x) => (x === v ? box.checked : kept.includes(x)));
      put(target, key, [...next, ...kept.filter((x) => !values.includes(x))]);
      hooks.changed();
    });
    return el('label', { class: 'check' }, box, ` ${names[v] ?? v}`);
  });
  return el('fieldset', { class: `multi ${key}`, 'data-field': key }, el('legend', {}, text), ...boxes);
}

/** What an event must be: types, codes, roles, ages. */
function criterionForm(event: EventCriterion, hooks: Hooks): HTMLElement {
  const m = t.cohort.builder;
  return el('div', { class: 'criterion' },
    multiField(event, 'types', m.types, EVENT_TYPES, m.eventTypes, hooks),
    conceptPicker(() => event.codes ?? [], (list) => put(event, 'codes', list), hooks.changed),
    el('details', { class: 'more' }, el('summary', {}, `${m.roles}, ${m.minAge.toLowerCase()}, ${m.maxAge.toLowerCase()}`),
      multiField(event, 'roles', m.roles, CODE_ROLES, m.codeRoles, hooks),
      el('div', { class: 'row' }, numberField(event, 'minAge', m.minAge, hooks), numberField(event, 'maxAge', m.maxAge, hooks))));
}

function indexForm(file: CohortFile, hooks: Hooks): HTMLElement {
  const m = t.cohort.builder;
  const index = file.index;
  return el('fieldset', { class: 'builder-index' }, el('legend', {}, m.indexTitle),
    criterionForm(index.event, hooks),
    el('div', { class: 'row' },
      enumField(index, 'occurrence', m.occurrence, OCCURRENCES, m.occurrences, hooks, 'FIRST'),
      numberField(index, 'washoutDays', m.washoutDays, hooks),
      numberField(index, 'priorObservationDays', m.priorObservationDays, hooks)));
}

/** An occurrence condition or a group of conditions; `top` conditions may be named. */
function conditionForm(condition: Condition, hooks: Hooks, top: boolean): HTMLElement {
  const m = t.cohort.builder;
  // the server's writer gives every condition its defaults, "conditions": [] included: a group has a kind or members
  const isGroup = (condition.group !== undefined && condition.group !== null) || (condition.conditions?.length ?? 0) > 0;
  const kind = el('select', { class: 'condition-kind' },
    el('option', { value: 'event' }, m.kindEvent), el('option', { value: 'group' }, m.kindGroup));
  kind.value = isGroup ? 'group' : 'event';
  kind.addEventListener('change', () => {
    if (kind.value === 'group') {
      condition.group = 'ALL';
      condition.conditions = [{ event: condition.event ?? {} }];
      delete condition.event;
    } else {
      condition.event = condition.conditions?.[0]?.event ?? {};
      delete condition.group;
      delete condition.conditions;
    }
    hooks.changed();
    hooks.redraw();
  });
  const box = el('div', { class: `condition ${isGroup ? 'group' : 'occurrence'}` }, labelled(m.kind, kind));
  if (isGroup) {
    const list = (condition.conditions ??= []);
    const times = numberField(condition, 'times', m.groupTimes, hooks, '1');
    times.hidden = condition.group !== 'AT_LEAST';
    box.append(el('div', { class: 'row' },
      enumField(condition, 'group', m.group, GROUPS, m.groups, hooks, 'ALL', () => { times.hidden = condition.group !== 'AT_LEAST'; }), times));
    const items = el('ol', { class: 'conditions' });
    list.forEach((c, i) => {
      const remove = el('button', { type: 'button', class: 'secondary remove-condition' }, m.remove);
      remove.addEventListener('click', () => { list.splice(i, 1); hooks.changed(); hooks.redraw(); });
      items.append(el('li', {}, el('div', { class: 'item-head' }, el('strong', {}, m.conditionN(i + 1)), remove), conditionForm(c, hooks, false)));
    });
    const add = el('button', { type: 'button', class: 'secondary add-condition' }, m.addCondition);
    add.addEventListener('click', () => { list.push({ event: {} }); hooks.changed(); hooks.redraw(); });
    box.append(items, add);
  } else {
    const event = (condition.event ??= {});
    box.append(criterionForm(event, hooks));
    const windowRow = el('div', { class: 'row window' },
      enumField(condition, 'direction', m.direction, DIRECTIONS, m.directions, hooks, 'AFTER'),
      numberField(condition, 'minDays', m.minDays, hooks), numberField(condition, 'maxDays', m.maxDays, hooks),
      textField(condition, 'anchor', m.anchor, hooks), enumField(condition, 'anchorSide', m.anchorSide, SIDES, m.sides, hooks, 'START'),
      enumField(condition, 'eventSide', m.eventSide, SIDES, m.sides, hooks, 'START'));
    const times = numberField(condition, 'times', m.times, hooks);
    times.hidden = condition.count === 'NONE';
    box.append(
      el('div', { class: 'row count' },
        enumField(condition, 'count', m.count, COUNTS, m.counts, hooks, 'AT_LEAST', () => { times.hidden = condition.count === 'NONE'; }), times),
      el('fieldset', { class: 'window' }, el('legend', {}, m.window), windowRow,
        checkField(condition, 'sameStay', m.sameStay, hooks)));
  }
  if (top) box.append(textField(condition, 'name', m.name, hooks, 'name'));
  return box;
}

function rulesForm(file: CohortFile, hooks: Hooks): HTMLElement {
  const m = t.cohort.builder;
  // an absent list stays absent until a rule is added (the JSON keeps the format's defaults)
  const rules = file.rules ?? [];
  const list = el('ol', { class: 'rules' });
  rules.forEach((rule: Rule, i) => {
    const actions = el('span', { class: 'item-actions' });
    const move = (to: number): void => { const [r] = rules.splice(i, 1); rules.splice(to, 0, r); hooks.changed(); hooks.redraw(); };
    if (i > 0) actions.append(button(m.up, 'up', () => move(i - 1)));
    if (i < rules.length - 1) actions.append(button(m.down, 'down', () => move(i + 1)));
    actions.append(button(m.remove, 'remove-rule', () => { rules.splice(i, 1); hooks.changed(); hooks.redraw(); }));
    rule.condition ??= { event: {} };
    list.append(el('li', { class: 'rule', 'data-rule': String(i + 1) },
      el('div', { class: 'item-head' }, el('strong', {}, m.rule(i + 1)), actions),
      textField(rule, 'label', m.ruleLabel, hooks, 'rule-label'),
      conditionForm(rule.condition, hooks, true)));
  });
  const add = button(m.addRule, 'add-rule', () => {
    rules.push({ condition: { event: {} } });
    file.rules = rules;
    hooks.changed();
    hooks.redraw();
  });
  return el('fieldset', { class: 'builder-rules' }, el('legend', {}, m.rulesTitle),
    rules.length === 0 ? el('p', { class: 'muted' }, m.noRule) : list, add);
}

function pathwaysForm(file: CohortFile, hooks: Hooks): HTMLElement {
  const m = t.cohort.builder;
  const on = el('input', { type: 'checkbox', id: `cb-${++fields}`, class: 'with-pathways' });
  on.checked = file.pathways !== undefined;
  on.addEventListener('change', () => {
    if (on.checked) file.pathways = { categories: [{ name: m.untitledCategory(1), event: {} }] };
    else delete file.pathways;
    hooks.changed();
    hooks.redraw();
  });
  const box = el('fieldset', { class: 'builder-pathways' }, el('legend', {}, m.pathwaysTitle),
    el('label', { for: on.id, class: 'check' }, on, ` ${m.withPathways}`));
  const spec = file.pathways;
  if (!spec) return box;
  const categories = (spec.categories ??= []);
  const list = el('ol', { class: 'categories' });
  categories.forEach((c: Category, i) => {
    c.event ??= {};
    list.append(el('li', { class: 'category' },
      el('div', { class: 'item-head' }, el('strong', {}, m.category(i + 1)),
        button(m.remove, 'remove-category', () => { categories.splice(i, 1); hooks.changed(); hooks.redraw(); })),
      textField(c, 'name', m.categoryName, hooks, 'category-name'), criterionForm(c.event, hooks)));
  });
  box.append(list,
    button(m.addCategory, 'add-category', () => {
      categories.push({ name: m.untitledCategory(categories.length + 1), event: {} });
      hooks.changed();
      hooks.redraw();
    }),
    el('div', { class: 'row' },
      numberField(spec, 'depth', m.depth, hooks, '1'), numberField(spec, 'combinationDays', m.combinationDays, hooks),
      numberField(spec, 'maxDaysAfter', m.maxDaysAfter, hooks), checkField(spec, 'collapseRepeats', m.collapseRepeats, hooks)));
  return box;
}

function button(text: string, cls: string, click: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: `secondary ${cls}` }, text);
  b.addEventListener('click', click);
  return b;
}

/**
 * Draws the forms of `file` into `root` (replacing what was there); `changed` is called after every
 * edit, once the object is up to date. Returns nothing: the object is the state.
 */
export function drawBuilder(root: HTMLElement, file: CohortFile, changed: () => void): void {
  const hooks: Hooks = {
    changed,
    redraw: () => {
      const y = window.scrollY;
      drawBuilder(root, file, changed);
      window.scrollTo(0, y);
    },
  };
  root.replaceChildren(indexForm(file, hooks), rulesForm(file, hooks), pathwaysForm(file, hooks),
    el('div', { class: 'row' }, numberField(file, 'suppressBelow', t.cohort.builder.suppressBelow, hooks, '1')));
}

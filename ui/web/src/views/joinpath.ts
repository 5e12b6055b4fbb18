// Chemin de jointure: how to join one table to another, hop by hop with the key pairs
// (#/jointure?from=ER_PHA_F&to=IR_BEN_R).

import { autocomplete } from '../autocomplete';
import { el, link, loading } from '../dom';
import { joinPath, type Join } from '../queries';

const tableHref = (name: string): string => `#/table/${encodeURIComponent(name)}`;

export async function joinPathView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const from = (params.get('from') ?? '').trim();
  const to = (params.get('to') ?? '').trim();
  root.append(el('h1', {}, 'Chemin de jointure'),
    el('p', { class: 'muted' }, 'Comment relier deux tables : les tables à traverser et les clés à égaler à chaque étape.'));
  const tableOnly = (id: string, label: string, value: string) => autocomplete({
    id, label, value, placeholder: 'Nom de table (ex. : ER_PHA_F)', kinds: ['TABLE'],
    onPick: (s, input) => { input.value = s.key; },
  });
  const a = tableOnly('from', 'Table de départ', from);
  const b = tableOnly('to', 'Table d’arrivée', to);
  const form = el('form', { class: 'join-form' },
    el('label', { for: 'from' }, 'De'), a.box, el('label', { for: 'to' }, 'à'), b.box,
    el('button', { type: 'submit' }, 'Trouver le chemin'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (a.input.value.trim()) next.set('from', a.input.value.trim().toUpperCase());
    if (b.input.value.trim()) next.set('to', b.input.value.trim().toUpperCase());
    location.hash = `#/jointure?${next.toString()}`;
  });
  root.append(form);
  if (!from || !to) {
    (from ? b.input : a.input).focus();
    return;
  }
  const wait = loading(root);
  const result = await joinPath(from, to);
  wait.remove();
  const section = el('section', { class: 'paths', 'aria-label': 'Chemins' });
  root.append(section);
  if (!result.found || result.paths.length === 0) {
    section.append(el('p', { class: 'notice', role: 'status' },
      `Aucun chemin de jointure entre ${from} et ${to} dans la limite de 6 étapes : `,
      'ces tables ne sont reliées par aucune suite de clés étrangères déclarées.'));
    return;
  }
  if (from === to) {
    section.append(el('p', { class: 'notice' }, 'Les deux tables sont la même : aucune jointure n’est nécessaire.'));
    return;
  }
  const n = result.paths.length;
  section.append(el('p', { class: 'summary' },
    n === 1 ? 'Un chemin le plus court' : `${n} chemins les plus courts`,
    ` (${result.paths[0].hops.length} étape${result.paths[0].hops.length > 1 ? 's' : ''}) :`));
  result.paths.forEach((p, i) => section.append(pathCard(p.hops, i + 1)));
}

function pathCard(hops: Join[], index: number): HTMLElement {
  const chain = el('p', { class: 'chain' });
  hops.forEach((h, i) => {
    if (i === 0) chain.append(link(tableHref(h.from), el('span', { class: 'key' }, h.from)));
    chain.append(' → ', link(tableHref(h.to), el('span', { class: 'key' }, h.to)));
  });
  const body = el('tbody', {});
  hops.forEach((h, i) => body.append(el('tr', {},
    el('td', {}, String(i + 1)),
    el('td', {}, link(tableHref(h.from), el('span', { class: 'key' }, h.from))),
    el('td', {}, link(tableHref(h.to), el('span', { class: 'key' }, h.to))),
    el('td', {}, ...h.keys.flatMap((k, j) => [j > 0 ? el('br', {}) : null,
      el('code', {}, `${h.from}.${k.left} = ${h.to}.${k.right}`)])))));
  return el('article', { class: 'path' }, el('h2', {}, `Chemin ${index}`), chain,
    el('table', { class: 'grid hops' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Étape'), el('th', {}, 'De'), el('th', {}, 'Vers'), el('th', {}, 'Clés'))), body));
}

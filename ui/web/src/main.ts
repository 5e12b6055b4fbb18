import { gql } from './api';
import { clear, el } from './dom';
import { nomenclatureView, tableView, variableView } from './views/catalog';
import { cohortView } from './views/cohort';
import { joinPathView } from './views/joinpath';
import { searchView } from './views/search';

type View = (root: HTMLElement, params: URLSearchParams, path: string[]) => void | Promise<void>;

const views: Record<string, View> = {
  '': searchView,
  table: tableView,
  variable: variableView,
  nomenclature: nomenclatureView,
  jointure: joinPathView,
  cohorte: cohortView,
};

const TITLES: Record<string, string> = {
  '': 'Recherche', table: 'Table', variable: 'Variable', nomenclature: 'Nomenclature',
  jointure: 'Chemin de jointure', cohorte: 'Cohorte',
};

let generation = 0;

async function route(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  const mine = ++generation;
  const [pathPart, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const path = pathPart.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  const name = path[0] ?? '';
  const view = views[name] ?? notFound;
  // A view renders into a detached node that replaces the page only if no newer route started meanwhile.
  const page = el('div', { class: `view view-${name || 'recherche'}` });
  clear(root);
  root.append(page);
  document.title = `${TITLES[name] ?? 'healthgraph'}${path[1] ? ` ${path.slice(1).join('.')}` : ''} — healthgraph`;
  document.querySelectorAll('header nav a').forEach((a) => {
    const target = (a.getAttribute('href') ?? '').replace(/^#\/?/, '');
    a.classList.toggle('active', target === name);
  });
  try {
    await view(page, new URLSearchParams(query), path);
  } catch (e) {
    if (mine === generation) page.append(el('p', { class: 'error', role: 'alert' }, `Erreur : ${(e as Error).message}`));
  }
}

function notFound(root: HTMLElement): void {
  root.append(el('p', { class: 'error' }, 'Page inconnue.'));
}

async function status(): Promise<void> {
  const footer = document.getElementById('status') as HTMLElement;
  try {
    const data = await gql<{ version: { healthgraph: string; graph: string } }>('{ version { healthgraph graph } }');
    footer.textContent = `healthgraph ${data.version.healthgraph} — graphe : ${data.version.graph}`;
  } catch {
    footer.textContent = 'API indisponible';
  }
}

window.addEventListener('hashchange', () => void route());
void route();
void status();

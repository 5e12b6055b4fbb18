import { gql } from './api';
import { clear, el } from './dom';

type View = (root: HTMLElement, params: URLSearchParams, path: string[]) => void | Promise<void>;

const views: Record<string, View> = {
  '': home,
};

async function home(root: HTMLElement): Promise<void> {
  root.append(
    el('h1', {}, 'Catalogue des données de santé'),
    el('p', {}, 'Tables, variables, nomenclatures et codes, leurs jointures, et les parcours de soins.'),
  );
}

async function route(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  clear(root);
  const [pathPart, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const path = pathPart.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  const view = views[path[0] ?? ''] ?? notFound;
  try {
    await view(root, new URLSearchParams(query), path);
  } catch (e) {
    root.append(el('p', { class: 'error', role: 'alert' }, `Erreur : ${(e as Error).message}`));
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

export function register(name: string, view: View): void {
  views[name] = view;
}

window.addEventListener('hashchange', () => void route());
void route();
void status();

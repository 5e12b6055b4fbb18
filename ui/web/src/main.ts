import { clear, el } from './dom';
import { lang, setLang, t } from './i18n';
import { forgetIndex } from './catalog-index';
import { version } from './queries';
import { readiness } from './readiness';
import { askLogin, logout, me } from './session';
import { shareControl } from './share';
import { nomenclatureView, tableView, variableView } from './views/catalog';
import { codeView } from './views/code';
import { cohortView } from './views/cohort';
import { conflictsView } from './views/conflicts';
import { docView, glossaryView } from './views/documentation';
import { historyView, reviewView } from './views/curation';
import { joinPathView } from './views/joinpath';
import { pairView, runView, runsView } from './views/linkage';
import { loginView } from './views/login';
import { reviewQueueView } from './views/review';
import { searchView } from './views/search';
import { tablesView } from './views/tables';

type View = (root: HTMLElement, params: URLSearchParams, path: string[]) => void | Promise<void>;

// Routes: #/<name>/<path...>?<params>. Every view keeps its state in the address (share.ts).
// Reserved for the next parts of the workbench: `cohorte/<id>` (the cohort builder's saved definitions).
const views: Record<string, View> = {
  '': searchView,
  tables: tablesView,
  table: tableView,
  variable: variableView,
  nomenclature: nomenclatureView,
  code: codeView,
  jointure: joinPathView,
  cohorte: cohortView,
  relecture: reviewView,
  historique: historyView,
  conflits: conflictsView,
  connexion: loginView,
  appariements: runsView,
  appariement: runView,
  paire: pairView,
  revue: reviewQueueView,
  doc: docView,
  glossaire: glossaryView,
};

function title(name: string): string {
  const n = t.nav;
  return ({ '': n.catalogue, tables: n.tables, table: t.kind.TABLE, variable: t.kind.VARIABLE, nomenclature: t.kind.NOMENCLATURE, code: t.kind.CODE,
    jointure: n.joinPath, cohorte: n.cohort, relecture: n.review, conflits: n.conflicts, historique: t.curation.historyTitle(''),
    connexion: t.session.title, appariements: t.linkage.runsTitle, appariement: t.linkage.nav, paire: t.linkage.nav,
    revue: t.linkage.queueTitle, doc: t.doc.page, glossaire: t.doc.glossary } as Record<string, string>)[name] ?? 'healthgraph';
}

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
  root.append(el('div', { class: 'page-tools' }, shareControl()), page);
  document.title = `${title(name)}${path[1] ? ` ${path.slice(1).join('.')}` : ''} — healthgraph`;
  document.querySelectorAll('header nav a').forEach((a) => {
    const target = (a.getAttribute('href') ?? '').replace(/^#\/?/, '');
    a.classList.toggle('active', target === name || (name === 'table' && target === 'tables')
      || (['appariement', 'paire', 'revue'].includes(name) && target === 'appariements'));
  });
  try {
    await view(page, new URLSearchParams(query), path);
  } catch (e) {
    if (mine === generation) {
      page.querySelectorAll('.loading').forEach((l) => l.remove());
      page.append(el('p', { class: 'error', role: 'alert' }, t.common.error((e as Error).message)));
    }
  }
}

function notFound(root: HTMLElement): void {
  root.append(el('p', { class: 'error' }, t.common.unknownPage));
}

/** The header's links and language switch, in the current language. */
function header(): void {
  const n = t.nav;
  const nav = document.getElementById('nav') as HTMLElement;
  nav.setAttribute('aria-label', n.label);
  nav.replaceChildren(
    el('a', { href: '#/' }, n.catalogue), el('a', { href: '#/tables' }, n.tables), el('a', { href: '#/jointure' }, n.joinPath),
    el('a', { href: '#/cohorte' }, n.cohort), el('a', { href: '#/glossaire' }, n.glossary), el('a', { href: '#/relecture' }, n.review),
    el('a', { href: '#/conflits', class: 'steward-only', hidden: '' }, n.conflicts), el('a', { href: '#/appariements' }, t.linkage.nav),
    el('a', { href: 'graphiql', target: '_blank', rel: 'noopener' }, n.api));
  const skip = document.querySelector('a.skip');
  if (skip) skip.textContent = n.skip;
  const other = lang === 'fr' ? 'en' : 'fr';
  const button = el('button', { type: 'button', class: 'lang secondary', lang: other, title: t.lang.switchLabel, 'aria-label': t.lang.switchLabel },
    t.lang.switchTo);
  button.addEventListener('click', () => {
    setLang(other);
    header();
    void status();
    void route();
  });
  const session = el('span', { class: 'session', title: t.session.badgeTitle });
  (document.getElementById('tools') as HTMLElement).replaceChildren(session, button);
  void badge(session);
}

/** Who is logged in, with a logout button; or a login link. */
async function badge(into: HTMLElement): Promise<void> {
  const m = t.session;
  const who = await me();
  if (who.authenticated && who.name) {
    if (who.roles.includes('STEWARD') || who.roles.includes('ADMIN')) {
      document.querySelectorAll<HTMLElement>('header nav a.steward-only').forEach((a) => { a.hidden = false; });
    }
    const roles = who.roles.filter((r) => !(who.roles.includes('ADMIN') && r !== 'ADMIN'))
      .filter((r) => !(r === 'READER' && who.roles.length > 1)).map((r) => m.roles[r] ?? r).join(', ');
    const out = el('button', { type: 'button', class: 'secondary logout' }, m.logout);
    out.addEventListener('click', async () => {
      await logout();
      header();
      if (who.anonymousAccess === 'NONE') askLogin(); else void route();
    });
    into.replaceChildren(el('span', { class: 'user', 'data-user': who.name }, m.badge(who.name, roles)), out);
  } else {
    into.replaceChildren(el('span', { class: 'muted' }, m.anonymous), ' ', el('a', { href: '#/connexion', class: 'login' }, m.login));
  }
}

async function status(): Promise<void> {
  const footer = document.getElementById('status') as HTMLElement;
  try {
    footer.textContent = t.footer.version(await version());
  } catch {
    footer.textContent = t.common.apiDown;
  }
}

/**
 * A banner while the server is still loading (the demo's data, an index being built): read from
 * the public health endpoint every 2 s while something builds, gone when everything is ready.
 */
async function loadingBanner(polls = 0): Promise<void> {
  const banner = document.getElementById('server-loading') as HTMLElement;
  const building = Object.entries(await readiness()).flatMap(([name, r]) => {
    if (r.state === 'FAILED') return [t.loading.failed(t.loading.steps[name] ?? name)];
    if (r.state !== 'BUILDING') return [];
    return [name === 'demo data' ? t.loading.demo(t.loading.steps[r.detail ?? ''] ?? r.detail ?? '', r.done ?? 0, r.total ?? 0)
      : t.loading.index(t.loading.steps[name] ?? name, r.done ?? 0, r.total ?? 0)];
  });
  banner.hidden = building.length === 0;
  banner.replaceChildren(...building.map((line) => el('p', {}, line)));
  // at most an hour of polling (1,800 polls), only while something is still being built
  if (building.length > 0 && polls < 1800) {
    window.setTimeout(() => void loadingBanner(polls + 1), 2000);
  }
}

document.documentElement.lang = lang;
header();
window.addEventListener('hashchange', () => void route());
// a page drawn while the server was loading (the home page's "the catalogue is loading") is drawn again
window.addEventListener('healthgraph:ready', () => {
  forgetIndex();
  if (document.querySelector('.catalog-loading')) void route();
});
window.addEventListener('healthgraph:session', () => header());
void route();
void status();
void loadingBanner();

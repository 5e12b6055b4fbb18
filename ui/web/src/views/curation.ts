// Curation: the stewards' review queue with each proposal's diff (#/relecture), and an entry's
// history with its state at any version and a form to propose a change (#/historique/KIND/KEY).
// Every text is set as text (el), so markup in a description shows as typed. The browser sends its
// session cookie by itself; a caller without the STEWARD role gets the API's FORBIDDEN message.

import { ApiError, gql } from '../api';
import { el, link } from '../dom';
import { t } from '../i18n';
import { me } from '../session';
import { entryHref, isSteward, refusal, type CuratedKind } from './edit';

interface FieldChange { field: string; oldValue: string; newValue: string }
interface EntryChange { kind: string; key: string; baseVersion: number; fields: FieldChange[] }
interface Proposal {
  id: string; status: 'OPEN' | 'APPROVED' | 'REJECTED'; author: string; createdAt: string; reason: string; entryCount: number;
  changes: { totalCount: number; edges: { node: EntryChange }[] };
  review: { reviewer: string; at: string; comment: string } | null;
}
interface EntryState { version: number; title: string; description: string; tags: string[]; codeList: string; joins: string[] }
interface Revision { version: number; field: string; oldValue: string; newValue: string; author: string; reviewer: string; at: string; reason: string }
interface EntryHistory {
  version: number; current: EntryState; atVersion: EntryState;
  revisions: { totalCount: number; edges: { node: Revision }[] };
}

// The query's cost counts each page size (healthgraph.graphql.max-complexity): the queue shows 20
// entries of each proposal, one proposal's own page 100.
const PROPOSAL_FIELDS = (entries: number): string => `id status author createdAt reason entryCount review { reviewer at comment }
  changes(first: ${entries}) { totalCount edges { node { kind key baseVersion fields { field oldValue newValue } } } }`;
const QUEUE = `{ reviewQueue(first: 20) { totalCount edges { node { ${PROPOSAL_FIELDS(20)} } } } }`;
const ONE = `query($id: ID!) { proposal(id: $id) { ${PROPOSAL_FIELDS(100)} } }`;
const REVIEW = (mutation: string) => `mutation($input: ReviewProposalInput!) { ${mutation}(input: $input) { proposal { id status } } }`;
const HISTORY = `query($kind: CuratedKind!, $key: String!, $at: Int!) { catalogEntryHistory(kind: $kind, key: $key) {
  version current { version title description tags codeList joins } atVersion(version: $at) { version title description tags codeList joins }
  revisions(first: 100) { totalCount edges { node { version field oldValue newValue author reviewer at reason } } } } }`;
const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { proposal { id } } }`;

/**
 * The review queue: one section per open proposal, its diff, a comment, approve and reject
 * (#/relecture?id=... shows one proposal, open or reviewed: the link given to its author).
 */
export async function reviewView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const c = t.curation;
  const id = params.get('id');
  const self = await me();
  const mine = (p: Proposal): boolean => self.name !== null && (p.author === `user:${self.name}` || p.author === self.name);
  root.append(el('h1', {}, c.queueTitle), el('p', { class: 'muted' }, c.queueIntro));
  if (id) {
    const data = await gql<{ proposal: Proposal | null }>(ONE, { id });
    root.append(el('p', {}, link('#/relecture', t.edit.wholeQueue)));
    root.append(data.proposal ? proposalSection(data.proposal, mine(data.proposal)) : el('p', { class: 'error' }, t.common.notFound));
    return;
  }
  const data = await gql<{ reviewQueue: { totalCount: number; edges: { node: Proposal }[] } }>(QUEUE);
  const proposals = data.reviewQueue.edges.map((e) => e.node);
  if (proposals.length === 0) {
    root.append(el('p', { class: 'queue-empty' }, c.queueEmpty));
    return;
  }
  root.append(el('p', { class: 'queue-count' }, t.edit.waiting(data.reviewQueue.totalCount)));
  for (const p of proposals) root.append(proposalSection(p, mine(p)));
}

function proposalSection(p: Proposal, own: boolean): HTMLElement {
  const c = t.curation;
  const m = t.edit;
  const rows = p.changes.edges.flatMap(({ node }) => node.fields.map((f) => el('tr', { 'data-key': node.key, 'data-field': f.field },
    el('td', {}, link(historyHref(node.kind, node.key), el('span', { class: 'key' }, node.key)), ` (${c.version(node.baseVersion)})`),
    el('td', {}, m.fieldName(f.field)), el('td', { class: 'diff-old long' }, f.oldValue), el('td', { class: 'diff-new long' }, f.newValue))));
  const more = p.changes.totalCount - p.changes.edges.length;
  const status = el('p', { role: 'status' });
  const section = el('section', { class: 'proposal', 'data-proposal': p.id, 'data-status': p.status },
    el('h2', {}, p.reason), el('p', { class: 'muted' }, c.by(p.author.replace(/^user:/, ''), new Date(p.createdAt).toLocaleString()),
      ' · ', m.entries(p.entryCount)),
    el('table', { class: 'grid diff' }, el('thead', {}, el('tr', {}, el('th', {}, c.entry), el('th', {}, c.field),
      el('th', {}, c.before), el('th', {}, c.after))), el('tbody', {}, ...rows)),
    more > 0 ? el('p', { class: 'muted' }, m.moreEntries(more)) : null);
  if (p.status !== 'OPEN') {
    const r = p.review;
    section.append(el('p', { class: 'review-outcome' }, p.status === 'APPROVED' ? c.approved : c.rejected,
      r ? ` ${m.reviewedBy(r.reviewer.replace(/^user:/, ''), new Date(r.at).toLocaleString(), r.comment)}` : ''));
    return section;
  }
  const comment = el('textarea', { id: `comment-${p.id}`, rows: '2' });
  const approve = el('button', { type: 'button', class: 'approve' }, c.approve);
  const reject = el('button', { type: 'button', class: 'secondary reject' }, own ? m.withdraw : c.reject);
  section.append(el('label', { for: `comment-${p.id}` }, c.comment), comment,
    el('div', { class: 'actions' }, own ? el('span', { class: 'muted own' }, m.own) : approve, reject), status);
  const review = (mutation: string, done: string) => async () => {
    approve.disabled = true;
    reject.disabled = true;
    status.classList.remove('error');
    try {
      await gql(REVIEW(mutation), { input: { id: p.id, comment: comment.value } });
      status.replaceChildren(done, ...(mutation === 'approveProposal' ? [' ', ...entryLinks(p)] : []));
      section.classList.add('reviewed');
      section.dataset.status = mutation === 'approveProposal' ? 'APPROVED' : 'REJECTED';
    } catch (e) {
      status.classList.add('error');
      const forbidden = e instanceof ApiError && e.errors.some((x) => x.extensions?.classification === 'FORBIDDEN');
      status.textContent = forbidden ? (own ? m.ownRefused : t.session.forbidden) : refusal(e);
      approve.disabled = false;
      reject.disabled = false;
    }
  };
  approve.addEventListener('click', () => void review('approveProposal', c.approved)());
  reject.addEventListener('click', () => void review('rejectProposal', c.rejected)());
  return section;
}

/** Links to the pages of the entries an approval changed (at most five). */
function entryLinks(p: Proposal): Node[] {
  const out: Node[] = [];
  p.changes.edges.slice(0, 5).forEach(({ node }, i) => {
    if (i > 0) out.push(document.createTextNode(', '));
    out.push(link(entryHref(node.kind as CuratedKind, node.key), el('span', { class: 'key' }, node.key)));
  });
  return out;
}

export function historyHref(kind: string, key: string): string {
  return `#/historique/${encodeURIComponent(kind)}/${encodeURIComponent(key)}`;
}

/** An entry's versions and revisions, its state at a chosen version, and a form to propose a change. */
export async function historyView(root: HTMLElement, params: URLSearchParams, path: string[]): Promise<void> {
  const c = t.curation;
  const [kind = '', key = ''] = path.slice(1);
  const at = Number(params.get('version') ?? '0');
  const data = await gql<{ catalogEntryHistory: EntryHistory | null }>(HISTORY, { kind, key, at: Number.isFinite(at) ? at : 0 });
  const h = data.catalogEntryHistory;
  root.append(el('h1', {}, c.historyTitle(key)));
  if (!h) {
    root.append(el('p', { class: 'error' }, t.common.notFound));
    return;
  }
  root.append(el('p', {}, c.currentVersion(h.version)));
  const select = el('select', { id: 'state-version' },
    ...Array.from({ length: h.version + 1 }, (_, v) => el('option', { value: String(v) }, String(v))));
  select.value = String(h.atVersion.version);
  select.addEventListener('change', () => { location.hash = `${historyHref(kind, key)}?version=${select.value}`; });
  root.append(el('label', { for: 'state-version' }, c.stateAt), select, stateList(h.atVersion));
  const revisions = h.revisions.edges.map((e) => e.node);
  root.append(revisions.length === 0 ? el('p', { class: 'muted' }, c.noRevision)
    : el('table', { class: 'grid revisions' }, el('thead', {}, el('tr', {}, el('th', {}, 'v'), el('th', {}, c.field),
      el('th', {}, c.before), el('th', {}, c.after), el('th', {}, c.author), el('th', {}, c.reviewer), el('th', {}, c.when),
      el('th', {}, c.reason))), el('tbody', {}, ...revisions.map((r) => el('tr', {}, el('td', { class: 'num' }, String(r.version)),
      el('td', {}, r.field), el('td', { class: 'diff-old' }, r.oldValue), el('td', { class: 'diff-new' }, r.newValue),
      el('td', {}, r.author.replace(/^user:/, '')), el('td', {}, r.reviewer.replace(/^user:/, '')), el('td', {}, new Date(r.at).toLocaleString()), el('td', {}, r.reason))))));
  if (await isSteward()) root.append(proposeForm(kind, key, h));
}

function stateList(s: EntryState): HTMLElement {
  const c = t.curation;
  return el('dl', { class: 'state' },
    el('dt', {}, c.titleField), el('dd', {}, s.title), el('dt', {}, c.description), el('dd', { class: 'description' }, s.description),
    el('dt', {}, c.tags), el('dd', {}, s.tags.join(', ')));
}

/** Edit in place: the current values, changed and sent as a proposal on the version shown. */
function proposeForm(kind: string, key: string, h: EntryHistory): HTMLElement {
  const c = t.curation;
  const description = el('textarea', { id: 'propose-description', rows: '4' });
  description.value = h.current.description;
  const title = el('input', { id: 'propose-title', type: 'text' });
  title.value = h.current.title;
  const tags = el('input', { id: 'propose-tags', type: 'text' });
  tags.value = h.current.tags.join(', ');
  const reason = el('input', { id: 'propose-reason', type: 'text', required: '' });
  const status = el('p', { role: 'status' });
  const form = el('form', { class: 'propose' }, el('h2', {}, c.propose),
    kind === 'VARIABLE' || kind === 'DATASET' ? el('label', { for: 'propose-description' }, c.description) : null,
    kind === 'VARIABLE' || kind === 'DATASET' ? description : null,
    kind !== 'VARIABLE' ? el('label', { for: 'propose-title' }, c.titleField) : null, kind !== 'VARIABLE' ? title : null,
    el('label', { for: 'propose-tags' }, c.tags), tags, el('label', { for: 'propose-reason' }, c.reason), reason,
    el('button', { type: 'submit' }, c.send), el('p', { class: 'muted' }, c.stewardOnly), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const change: Record<string, unknown> = { kind, key, version: h.version,
      tags: tags.value.split(',').map((x) => x.trim()).filter((x) => x.length > 0) };
    if (kind === 'VARIABLE' || kind === 'DATASET') change.description = description.value;
    if (kind !== 'VARIABLE') change.title = title.value;
    gql(PROPOSE, { input: { reason: reason.value, changes: [change] } })
      .then(() => { status.textContent = c.proposed; })
      .catch((e: Error) => { status.textContent = t.common.error(e.message); });
  });
  return form;
}

// Clerical review of a linkage run (#/revue/RUN): the pairs of the uncertain band not yet decided,
// each with both records side by side and the comparison level of each field, its waterfall on
// demand, a comment and accept / reject / unsure. A decision links or unlinks the pair at once;
// the run's summary then shows the estimates with the decisions counted.

import { gql } from '../api';
import { el, link, loading } from '../dom';
import { t } from '../i18n';
import { type Pair, PAIR_FIELDS, decisionsList, pairHref, runHref, sideBySide, type ReviewStatus } from './linkage';

const QUEUE = `query($id: ID!) { linkageRun(id: $id) { id source review { queued pending accepted rejected unsure links
  estimates { precision recall expectedMatches counterpartShare } }
  reviewQueue(first: 20, pendingOnly: true) { totalCount edges { node { ${PAIR_FIELDS} } } } } }`;
const DECIDE = `mutation($input: ReviewLinkagePairInput!) { reviewLinkagePair(input: $input) {
  decision { verdict } review { pending accepted rejected unsure } } }`;

export async function reviewQueueView(root: HTMLElement, _params: URLSearchParams, path: string[]): Promise<void> {
  const l = t.linkage;
  const run = path[1] ?? '';
  const wait = loading(root);
  const data = await gql<{ linkageRun: { id: string; source: string; review: ReviewStatus;
    reviewQueue: { totalCount: number; edges: { node: Pair }[] } } | null }>(QUEUE, { id: run });
  wait.remove();
  const r = data.linkageRun;
  if (!r) {
    root.append(el('p', { class: 'error' }, t.common.notFound));
    return;
  }
  const state = el('p', { class: 'review-state', role: 'status' },
    l.reviewState(r.review.pending, r.review.accepted, r.review.rejected, r.review.unsure));
  root.append(el('h1', {}, `${l.queueTitle} — ${r.source}`), el('p', {}, link(runHref(r.id), l.runTitle(r.source))),
    el('p', { class: 'muted' }, l.queueIntro), state);
  const pairs = r.reviewQueue.edges.map((e) => e.node);
  if (pairs.length === 0) {
    root.append(el('p', { class: 'queue-empty' }, l.queueEmpty));
    return;
  }
  pairs.forEach((p, i) => root.append(pairSection(r.id, p, i, state)));
}

function pairSection(run: string, p: Pair, index: number, state: HTMLElement): HTMLElement {
  const l = t.linkage;
  const id = `review-${index}`;
  const comment = el('textarea', { id: `${id}-comment`, rows: '2' });
  const status = el('p', { role: 'status', class: 'decided' });
  const buttons = [
    el('button', { type: 'button', class: 'accept', 'data-verdict': 'ACCEPT' }, l.accept),
    el('button', { type: 'button', class: 'secondary reject', 'data-verdict': 'REJECT' }, l.reject),
    el('button', { type: 'button', class: 'secondary unsure', 'data-verdict': 'UNSURE' }, l.unsure),
  ];
  const section = el('section', { class: 'review-pair', 'data-left': p.leftId, 'data-right': p.rightId },
    el('h2', {}, link(pairHref(run, p.leftId, p.rightId), l.pairTitle(p.leftId, p.rightId))),
    el('p', {}, `${l.probability} ${p.decisionProbability.toFixed(4)} — ${l.linked} : ${p.linked ? l.yes : l.no}`),
    sideBySide(p), decisionsList(p.history),
    el('label', { for: `${id}-comment` }, l.comment), comment, el('div', { class: 'actions' }, ...buttons), status);
  for (const b of buttons) {
    b.addEventListener('click', async () => {
      const verdict = b.getAttribute('data-verdict') ?? 'UNSURE';
      buttons.forEach((x) => { x.disabled = true; });
      try {
        const out = await gql<{ reviewLinkagePair: { decision: { verdict: string }; review: ReviewStatus } }>(DECIDE,
          { input: { run, leftId: p.leftId, rightId: p.rightId, verdict, comment: comment.value || null } });
        const s = out.reviewLinkagePair.review;
        status.textContent = l.decided(l.verdicts[out.reviewLinkagePair.decision.verdict] ?? verdict);
        state.textContent = l.reviewState(s.pending, s.accepted, s.rejected, s.unsure);
        section.classList.add('reviewed');
      } catch (e) {
        status.textContent = t.common.error((e as Error).message);
        buttons.forEach((x) => { x.disabled = false; });
      }
    });
  }
  return section;
}

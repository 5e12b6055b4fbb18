// End-to-end check of curation in a real browser (Debian's chromium, driven by playwright-core; no
// browser is ever downloaded), run like browse.mjs:
//   node e2e/curate.mjs <base url> <screenshot folder> [chromium path]
// Two stewards (gestionnaire and relecteur, password: the name followed by "-test"): the first edits
// a variable's description in place with markup in it and proposes it, proposes a bulk tag change
// over two variables, a join, and the imported value of an import conflict; logs out; the second
// sees the proposals with their diffs, approves the first with a comment and rejects the bulk one;
// the variable page, search and the history then show the new description, as text. A second
// browser context, opened before the approval, then sends a stale version (CONFLICT) and a too long
// description (BAD_REQUEST): both are explained in French next to the form, the input kept.
// Prints one line per check and "CURATION E2E OK" at the end; exits 1 on the first failure. Every
// request to anything but the application is refused. Screenshots: NN-page-1400.png and -800.png.

import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, check, failed, finish, offline, oneLine, scriptArgs, shoot as shootAt } from './harness.mjs';

const { base, shots, executablePath, origin } = scriptArgs('curate.mjs');
const VARIABLE = 'PAT_IDT_R.PAT_NAI_ANN';
const VARIABLE_PAGE = `${base}#/variable/PAT_IDT_R/PAT_NAI_ANN`;
// Markup a careless page would run or render; it must show as typed everywhere.
const DESCRIPTION = 'Année de naissance <b>recoupée</b> avec l’état civil <script>alert(1)</script> & <img src=x onerror=alert(2)>';

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: CHROMIUM_ARGS,
  timeout: 60_000,
});
const outside = [];
const problems = [];
let refusalsExpected = 0;

/** A browser context of its own (its own cookies: one logged-in user), the network off but for the application. */
async function context() {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
  await ctx.route('**/*', offline(origin, outside));
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog opened: ${d.message()}`); void d.dismiss(); });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // the GraphQL refusals asked for below are HTTP 200 with errors; any 4xx or 5xx is a problem unless expected
    if (refusalsExpected > 0 && /status of 4\d\d/.test(m.text())) return;
    problems.push(`console error: ${m.text()}`);
  });
  return { ctx, page };
}


const shoot = (page, name) => shootAt(page, shots, name);

async function login(page, user, back) {
  await page.goto(`${base}#/connexion?retour=${encodeURIComponent(back)}`);
  await page.locator('#login-user').fill(user);
  await page.locator('#login-password').fill(`${user}-test`);
  await page.locator('form.login-form button[type=submit]').click();
  await page.locator(`header .session .user[data-user="${user}"]`).waitFor();
}

/** The proposal's id from the "Voir la proposition" link of a form's status. */
async function proposalId(status) {
  const href = await status.locator('a', { hasText: 'Voir la proposition' }).getAttribute('href');
  return new URL(href, base).hash.split('id=')[1];
}

try {
  const { page } = await context();

  // 1. Anonymous (a reader): the variable page has no "Proposer une modification"
  await page.goto(VARIABLE_PAGE);
  await page.locator('p.lead').waitFor();
  const before = await page.locator('p.lead').innerText();
  await page.waitForLoadState('networkidle');
  check(await page.locator('button.edit-open').count() === 0, 'no edit control for a caller who is not a steward');
  check(await page.locator('header nav a[href="#/conflits"]').isHidden(), 'no import conflicts link for a caller who is not a steward');
  console.log(`reader: ${VARIABLE} "${before}" without an edit control`);

  // 2. The first steward edits the description in place, with markup, and proposes it
  await login(page, 'gestionnaire', 'variable/PAT_IDT_R/PAT_NAI_ANN');
  await page.locator('p.lead').waitFor();
  await page.locator('button.edit-open').click();
  const form = page.locator('form.edit-in-place');
  await form.waitFor();
  check(await page.locator('p.lead').isHidden(), 'the shown description gives its place to the form');
  check(await page.locator('#edit-description').inputValue() === before, 'the form starts from the current description');
  const version = Number(await form.getAttribute('data-version'));
  await page.locator('#edit-description').fill(DESCRIPTION);
  await form.locator('button[type=submit]').click();
  await form.locator('.form-status', { hasText: 'motif' }).waitFor();
  await page.locator('#edit-reason').fill('Précision de la source');
  await shoot(page, '12-modification');
  await form.locator('button[type=submit]').click();
  const status = form.locator('.form-status');
  await status.locator('a', { hasText: 'Voir la proposition' }).waitFor();
  const edited = await proposalId(status);
  check((await status.innerText()).includes('attend la relecture'), `proposed: "${await status.innerText()}"`);
  console.log(`edit in place: ${VARIABLE} at version ${version}, description with markup proposed as ${edited}: "${oneLine(await status.innerText())}"`);

  // 3. A second context: the same steward opens the same form now (version shown: the current one) and sends it after the approval
  const stale = await context();
  await login(stale.page, 'gestionnaire', 'variable/PAT_IDT_R/PAT_NAI_ANN');
  await stale.page.locator('button.edit-open').click();
  await stale.page.locator('#edit-tags').fill('naissance, état civil');
  await stale.page.locator('#edit-reason').fill('Étiquettes');

  // 4. A bulk change: two variables of PAT_IDT_R ticked, one tag added to both, one proposal
  await page.goto(`${base}#/table/PAT_IDT_R`);
  await page.locator('table.variables tbody input.pick').first().waitFor();
  await page.locator('table.variables tbody tr[data-variable="PAT_SEX_COD"] input.pick').check();
  await page.locator('table.variables tbody tr[data-variable="PAT_RES_DPT"] input.pick').check();
  await page.locator('form.bulk-form .bulk-count', { hasText: '2 variables' }).waitFor();
  await page.locator('#bulk-action').selectOption('addTag');
  await page.locator('#bulk-value').fill('démographie');
  await page.locator('#bulk-reason').fill('Étiquette commune');
  await page.locator('form.bulk-form button[type=submit]').click();
  const bulkStatus = page.locator('form.bulk-form .form-status');
  await bulkStatus.locator('a', { hasText: 'Voir la proposition' }).waitFor();
  const bulk = await proposalId(bulkStatus);
  console.log(`bulk change: "${oneLine(await bulkStatus.innerText())}" (${bulk})`);

  // 5. A join proposed from the table's page: PAT_IDT_R to SEJ_HOS_C on the patient's id
  await page.locator('section.join-edit button').click();
  await page.locator('form.join-form-edit').waitFor();
  await page.locator('#join-to').fill('SEJ_HOS_C');
  await page.locator('form.join-form-edit input.join-from').fill('PAT_IDT');
  await page.locator('form.join-form-edit input.join-to-key').fill('PAT_IDT');
  await page.locator('#join-reason').fill('Séjours du patient');
  await page.locator('form.join-form-edit button[type=submit]').click();
  const joinStatus = page.locator('form.join-form-edit .form-status');
  await joinStatus.locator('a, .error').first().waitFor();
  console.log(`join proposal: "${oneLine(await joinStatus.innerText())}"`);
  await shoot(page, '13-table-modification');
  // and the removal of a join declared from SEJ_HOS_C (left open: the other tests follow that join)
  await page.goto(`${base}#/table/SEJ_HOS_C`);
  await page.locator('section.join-edit button').click();
  const removal = page.locator('form.join-form-edit label.remove-join', { hasText: '->PAT_IDT_R(' });
  const removedJoin = await removal.innerText();
  await removal.locator('input').check();
  await page.locator('#join-reason').fill('Jointure en double');
  await page.locator('form.join-form-edit button[type=submit]').click();
  const removalStatus = page.locator('form.join-form-edit .form-status');
  await removalStatus.locator('a', { hasText: 'Voir la proposition' }).waitFor();
  const removed = await proposalId(removalStatus);
  console.log(`join removal proposed: ${oneLine(removedJoin)} (${removed})`);

  // 6. Import conflicts: the value an import brought for a curated description, proposed from there
  await page.goto(`${base}#/conflits`);
  await page.locator('h1', { hasText: 'Conflits d’import' }).waitFor();
  await page.locator('table.conflicts, p.queue-empty').first().waitFor();
  const conflicts = await page.locator('table.conflicts tbody tr[data-conflict]').allInnerTexts();
  if (conflicts.length > 0) {
    await page.locator('table.conflicts button.propose-imported').first().click();
    await page.locator('form.conflict-form button[type=submit]').click();
    await page.locator('form.conflict-form .form-status a', { hasText: 'Voir la proposition' }).waitFor();
  }
  console.log(`import conflicts: ${conflicts.length} (${conflicts.map(oneLine).join(' | ')})`);
  await shoot(page, '14-conflits');

  // 7. Own proposals in the queue: no approve button, a withdraw one
  await page.goto(`${base}#/relecture?id=${edited}`);
  await page.locator(`section.proposal[data-proposal="${edited}"]`).waitFor();
  check(await page.locator(`section.proposal[data-proposal="${edited}"] button.approve`).count() === 0
    && (await page.locator(`section.proposal[data-proposal="${edited}"] .own`).innerText()).includes('un autre'), 'no approval of one’s own proposal');
  console.log('own proposal: not offered for approval');

  // 8. Logs out; the other steward logs in, reads the queue and its diffs
  await page.locator('header .session button.logout').click();
  await page.locator('header .session a.login').waitFor();
  await login(page, 'relecteur', 'relecture');
  const mine = page.locator(`section.proposal[data-proposal="${edited}"]`);
  await mine.waitFor();
  const queued = await page.locator('section.proposal').count();
  const diff = mine.locator('table.diff tbody tr[data-field="description"]');
  const [oldValue, newValue] = [await diff.locator('td.diff-old').innerText(), await diff.locator('td.diff-new').innerText()];
  check(oldValue === before && newValue === DESCRIPTION, `diff of ${edited}: "${oldValue}" → "${newValue}"`);
  check(await mine.locator('table.diff b, table.diff script, table.diff img').count() === 0, 'the diff shows markup as text');
  const bulkRows = await page.locator(`section.proposal[data-proposal="${bulk}"] table.diff tbody tr`).evaluateAll((rows) =>
    rows.map((r) => `${r.getAttribute('data-key')} ${r.getAttribute('data-field')}`));
  check(bulkRows.length === 2 && bulkRows.every((r) => r.endsWith(' tags')), `bulk diff ${bulkRows}`);
  const removalDiff = page.locator(`section.proposal[data-proposal="${removed}"] table.diff tbody tr[data-field="join"]`);
  check(oneLine(await removalDiff.locator('td.diff-old').innerText()) === oneLine(removedJoin)
    && await removalDiff.locator('td.diff-new').innerText() === '', `the join removal's diff: ${await removalDiff.innerText()}`);
  console.log(`review queue: ${queued} proposals; ${edited} description "${oldValue}" → "${newValue}"; bulk ${bulkRows.join(', ')}`);
  await shoot(page, '15-relecture');

  // 9. Approves the edit with a comment; rejects the bulk change with one
  await mine.locator('textarea').fill('Vérifié avec la documentation');
  await mine.locator('button.approve').click();
  await mine.locator('[role=status]', { hasText: 'approuvée' }).waitFor();
  const bulkSection = page.locator(`section.proposal[data-proposal="${bulk}"]`);
  await bulkSection.locator('textarea').fill('Étiquette trop vague');
  await bulkSection.locator('button.reject').click();
  await bulkSection.locator('[role=status]', { hasText: 'rejetée' }).waitFor();
  check(await bulkSection.getAttribute('data-status') === 'REJECTED' && await mine.getAttribute('data-status') === 'APPROVED', 'statuses shown');
  console.log(`review: ${edited} approved, ${bulk} rejected, each with a comment`);
  await shoot(page, '16-relecture-faite');
  await page.goto(`${base}#/relecture?id=${bulk}`);
  const outcome = await page.locator('p.review-outcome').innerText();
  check(outcome.includes('rejetée') && outcome.includes('relecteur') && outcome.includes('Étiquette trop vague'), `rejected proposal "${outcome}"`);

  // 10. The variable page shows the new description at once, as text; search finds it; the history lists the revision
  await page.goto(VARIABLE_PAGE);
  await page.locator('p.lead').waitFor();
  const after = await page.locator('p.lead').innerText();
  check(after === DESCRIPTION && await page.locator('p.lead b, p.lead script, p.lead img').count() === 0,
    `the variable page shows the new description as text: "${after}"`);
  console.log(`variable page after approval: "${after}"`);
  await shoot(page, '17-variable-modifiee');
  await page.goto(`${base}#/?q=recoup%C3%A9e`);
  await page.locator('li.hit').first().waitFor();
  const hits = (await page.locator('li.hit').allInnerTexts()).map(oneLine);
  check(hits.some((h) => h.includes('PAT_NAI_ANN')), `search "recoupée" finds ${VARIABLE}: ${hits}`);
  check(await page.locator('li.hit script, li.hit img, li.hit b').count() === 0, 'search results show markup as text');
  console.log(`search after approval: "recoupée" finds ${hits.map((h) => h.slice(0, 60)).join(' | ')}`);
  await page.goto(`${base}#/historique/VARIABLE/${VARIABLE}`);
  await page.locator('table.revisions').waitFor();
  const revisions = await page.locator('table.revisions tbody tr').allInnerTexts();
  check(revisions.some((r) => r.includes('gestionnaire') && r.includes('relecteur') && r.includes('Précision de la source')
    && r.includes('<b>recoupée</b>')), `history: ${revisions.map(oneLine).join(' | ')}`);
  console.log(`history: ${revisions.map(oneLine).join(' | ')}`);
  await shoot(page, '18-historique-revision');

  // 11. The form opened before the approval names an old version: CONFLICT, in French, the input kept
  refusalsExpected++;
  await stale.page.locator('form.edit-in-place button[type=submit]').click();
  const conflict = await stale.page.locator('form.edit-in-place .form-status.error', { hasText: 'Conflit' }).innerText();
  check(conflict.startsWith('Conflit : l’entrée a changé') && await stale.page.locator('#edit-tags').inputValue() === 'naissance, état civil',
    `stale version refused in French, input kept: "${conflict}"`);
  console.log(`stale version: "${oneLine(conflict)}"`);
  await shoot(stale.page, '19-conflit-version');
  // a description over the limit: BAD_REQUEST, in French, the input kept
  await stale.page.reload(); // the same address: a reload shows the page anew, at the current version
  await stale.page.locator('button.edit-open').click();
  const huge = 'x'.repeat(100_001);
  await stale.page.locator('#edit-description').fill(huge);
  await stale.page.locator('#edit-reason').fill('Trop long');
  await stale.page.locator('form.edit-in-place button[type=submit]').click();
  const bad = await stale.page.locator('form.edit-in-place .form-status.error', { hasText: 'refusée' }).innerText();
  check(bad.startsWith('Proposition refusée') && (await stale.page.locator('#edit-description').inputValue()).length === huge.length,
    `too long description refused in French, input kept: "${bad.slice(0, 200)}"`);
  refusalsExpected--;
  console.log(`too long description: "${oneLine(bad).slice(0, 160)}"`);

  finish('CURATION E2E', outside, problems);
} catch (e) {
  await failed('CURATION E2E', e, browser.contexts().flatMap((c) => c.pages()), shots, 'curation-failure.png', problems, outside);
} finally {
  await browser.close();
}

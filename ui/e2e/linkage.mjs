// End-to-end check of the linkage pages and the clerical review loop in a real browser (Debian's
// chromium, driven by playwright-core; no browser is ever downloaded), against an application that
// holds the demo's linkage run.
//   node e2e/linkage.mjs <base url> <screenshot folder> [chromium path]
// A steward logs in, opens the run's summary, a pair's waterfall and the review queue, accepts one
// pair and rejects another; the summary then shows the decisions and the estimates after review.
// Prints one line per check and "LINKAGE E2E OK" at the end; exits 1 on the first failure. Every
// request to anything but the application is refused.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, check, failed, finish, offline, oneLine, scriptArgs, shoot as shootAt } from './harness.mjs';

const { base, shots, executablePath, origin } = scriptArgs('linkage.mjs');
const profile = mkdtempSync(join(tmpdir(), 'healthgraph-ui-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: CHROMIUM_ARGS,
  timeout: 60_000,
  viewport: { width: 1400, height: 900 },
  locale: 'fr-FR',
});
const outside = [];
await browser.route('**/*', offline(origin, outside));
const problems = [];


const shoot = (page, name) => shootAt(page, shots, name);

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  // 1. A steward logs in and lands on the linkage runs
  await page.goto(`${base}#/connexion?retour=appariements`);
  await page.locator('#login-user').fill('relecteur');
  await page.locator('#login-password').fill('relecteur-test');
  await page.locator('form.login-form button[type=submit]').click();
  await page.locator('header .session .user[data-user="relecteur"]').waitFor();
  await page.goto(`${base}#/appariements`);
  const row = page.locator('table.runs tbody tr').filter({ hasText: 'DEMO_COHORT' }).first();
  await row.waitFor();
  const runId = await row.getAttribute('data-run');
  console.log(`runs: ${oneLine(await row.innerText())}`);

  // 2. The run's summary: rules, m/u table with weights, estimates, the weight histogram, the pairs
  await row.locator('a').first().click();
  await page.locator('table.model tbody tr').first().waitFor();
  const modelRows = await page.locator('table.model tbody tr').count();
  const bars = await page.locator('svg.histogram rect.bar').count();
  const before = oneLine(await page.locator('p.review-state').innerText());
  const engine = oneLine(await page.locator('table.estimates tbody tr').first().innerText());
  check(modelRows > 3 && bars > 0, `m/u table ${modelRows} rows, histogram ${bars} bars`);
  check(/0 acceptées, 0 rejetées/.test(before), `no decision yet: "${before}"`);
  console.log(`run summary: ${modelRows} m/u rows, ${bars} histogram bars, estimates "${engine}", review "${before}"`);
  await shoot(page, '20-appariement');

  // 3. The pairs filtered by probability, then a pair's waterfall with both records side by side
  await page.locator('#pairs-min').fill('0.2');
  await page.locator('#pairs-max').fill('0.9');
  await page.locator('form.pairs-filter button[type=submit]').click();
  await page.waitForFunction(() => location.hash.includes('min=0.2'));
  await page.locator('table.pairs-table tbody tr').first().waitFor();
  const filtered = await page.locator('table.pairs-table tbody tr').count();
  const probabilities = (await page.locator('table.pairs-table tbody tr td.num:nth-child(3)').allInnerTexts())
    .map((p) => Number(p.replace(',', '.')));
  check(filtered > 0 && probabilities.every((p) => p >= 0.2 && p <= 0.9), `filtered pairs in [0.2, 0.9]: ${probabilities}`);
  console.log(`pairs filter: ${filtered} pairs with probability in [0.2, 0.9]`);
  await page.locator('table.pairs-table tbody tr a').first().click();
  await page.locator('svg.waterfall rect.step').first().waitFor();
  const steps = await page.locator('svg.waterfall rect.step').count();
  const fields = await page.locator('table.side-by-side tbody tr').count();
  check(steps >= fields + 2 && fields > 0, `waterfall ${steps} steps for ${fields} fields`);
  console.log(`waterfall: ${steps} steps (prior, ${fields} fields, pair weight, record level)`);
  await shoot(page, '21-paire');

  // 4. The review queue: accept the first pair, reject the second
  await page.goto(`${base}#/revue/${encodeURIComponent(runId)}`);
  await page.locator('section.review-pair').first().waitFor();
  const queued = await page.locator('section.review-pair').count();
  check(queued >= 2, `at least two pairs to review: ${queued}`);
  await shoot(page, '22-revue');
  const first = page.locator('section.review-pair').nth(0);
  const second = page.locator('section.review-pair').nth(1);
  await first.locator('textarea').fill('même personne, nom d’usage');
  await first.locator('button.accept').click();
  await first.locator('p.decided', { hasText: 'acceptée' }).waitFor();
  await second.locator('button.reject').click();
  await second.locator('p.decided', { hasText: 'rejetée' }).waitFor();
  const state = oneLine(await page.locator('p.review-state').innerText());
  check(/1 acceptées, 1 rejetées/.test(state), `queue state after two decisions: "${state}"`);
  console.log(`review: ${queued} pairs queued; accepted one, rejected another: "${state}"`);
  await shoot(page, '23-revue-decidee');

  // 5. The run's summary reflects the decisions
  await page.goto(`${base}#/appariement/${encodeURIComponent(runId)}`);
  await page.locator('table.estimates tbody tr.after-review').waitFor();
  const after = oneLine(await page.locator('p.review-state').innerText());
  const afterReview = oneLine(await page.locator('table.estimates tbody tr.after-review').innerText());
  check(/1 acceptées, 1 rejetées/.test(after), `summary after review: "${after}"`);
  check(afterReview !== engine.replace('Moteur', 'Après relecture'), `estimates after review differ: "${afterReview}" vs "${engine}"`);
  console.log(`summary after review: "${after}"; estimates "${afterReview}"`);
  await shoot(page, '24-appariement-apres-relecture');

  finish('LINKAGE E2E', outside, problems);
} catch (e) {
  await failed('LINKAGE E2E', e, browser.pages(), shots, 'linkage-failure.png', problems, outside);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

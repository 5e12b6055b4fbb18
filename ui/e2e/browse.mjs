// End-to-end check of the web interface in a real browser (Debian's chromium, driven by
// playwright-core; no browser is ever downloaded).
//   node e2e/browse.mjs <base url> <screenshot folder> [chromium path]
// Prints one line per check and "E2E OK" at the end; exits 1 on the first failure.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node e2e/browse.mjs <base url> <screenshot folder> [chromium path]');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'healthgraph-ui-chromium-'));
// A persistent context is how playwright passes a fresh --user-data-dir (the profile folder).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  timeout: 60_000,
  viewport: { width: 1280, height: 900 },
  locale: 'fr-FR',
});
const problems = [];

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });

  // 1. Recherche: autocomplete while typing, then the results with facets
  await page.goto(`${base}#/`);
  await page.locator('#q').pressSequentially('séjours hosp', { delay: 40 });
  const suggestions = page.locator('ul.suggestions li');
  await suggestions.first().waitFor();
  console.log(`autocomplete: ${await suggestions.count()} suggestions, first "${(await suggestions.first().innerText()).replace(/\s+/g, ' ')}"`);
  await page.locator('#q').press('Escape');
  await page.locator('#q').fill('séjours hospitaliers');
  await page.locator('form.search-form button[type=submit]').click();
  await page.locator('li.hit').first().waitFor();
  check(new URL(page.url()).hash.includes('q=s%C3%A9jours+hospitaliers'), `the query is in the URL (${page.url()})`);
  const badges = await page.locator('li.hit .badge').allInnerTexts();
  check(badges.length > 0 && badges.every((b) => ['Table', 'Variable', 'Nomenclature', 'Code'].includes(b)), `French badges: ${badges}`);
  const summary = await page.locator('p.summary').innerText();
  check(/résultat/.test(summary), `summary "${summary}"`);
  const facetTitles = await page.locator('.facets h2').allInnerTexts();
  check(facetTitles.length > 0, 'facets are shown');
  const marks = await page.locator('li.hit mark').count();
  console.log(`search: hits with French kind badges (${[...new Set(badges)].join(', ')}); ${summary}; facets ${facetTitles.join(', ')}; ${marks} highlighted words`);
  check(!(await page.locator('body').innerText()).includes('{"'), 'no raw JSON on the page');
  await page.screenshot({ path: join(shots, '1-recherche.png'), fullPage: true });

  // a facet filter narrows the results and is kept in the URL
  const tableFacet = page.locator('.facet[data-facet=kind] a', { hasText: 'Table' });
  await tableFacet.first().click();
  await page.waitForFunction(() => location.hash.includes('kind=TABLE'));
  await page.locator('li.hit').first().waitFor();
  const kinds = await page.locator('li.hit').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
  check(kinds.length > 0 && kinds.every((k) => k === 'TABLE'), `only tables after the filter: ${kinds}`);
  console.log(`facet filter: ${kinds.length} table hits`);

  // 2. Table page, reached by clicking the hit
  await page.locator('li.hit[data-kind=TABLE] .title a', { hasText: 'SEJ_HOS_C' }).click();
  await page.locator('table.variables tbody tr').first().waitFor();
  const title = await page.locator('h1').innerText();
  check(title.includes('SEJ_HOS_C'), `table title "${title}"`);
  const variables = await page.locator('table.variables tbody tr').count();
  const joins = await page.locator('table.joins tbody tr').count();
  check(variables > 0 && joins > 0, `variables ${variables}, joins ${joins}`);
  check(await page.locator('a', { hasText: 'Chemin de jointure depuis cette table' }).count() === 1, 'join path link');
  console.log(`table page: SEJ_HOS_C "${title.replace(/\s+/g, ' ')}" with ${variables} variables and ${joins} joins`);
  await page.screenshot({ path: join(shots, '2-table.png'), fullPage: true });

  // 3. A code list, from a coded variable of a table
  await page.goto(`${base}#/table/SEJ_DIA_D`);
  await page.locator('table.variables a[href^="#/nomenclature/"]').first().click();
  await page.locator('table.codes tbody tr').first().waitFor();
  const codeList = await page.locator('h1').innerText();
  const codes = await page.locator('table.codes tbody tr').count();
  const coded = await page.locator('table.variables tbody tr').count();
  check(codeList.includes('NOM_CIM') && codes > 0 && coded > 0, `code list "${codeList}", ${codes} codes, ${coded} variables`);
  console.log(`code list page: NOM_CIM with ${codes} codes shown (${await page.locator('.pager .muted').innerText()}), coding ${coded} variables`);
  await page.screenshot({ path: join(shots, '3-nomenclature.png'), fullPage: true });

  // 4. Join path between two tables four joins apart, then between a table and an unknown name
  await page.goto(`${base}#/jointure?from=SV_MED_F&to=SEJ_DIA_D`);
  await page.locator('article.path').first().waitFor();
  const hops = await page.locator('article.path').first().locator('table.hops tbody tr').count();
  const chain = await page.locator('article.path .chain').first().innerText();
  check(hops === 4, `4 hops expected, got ${hops}: ${chain}`);
  console.log(`join path: ${hops} hops ${chain}`);
  await page.screenshot({ path: join(shots, '4-jointure.png'), fullPage: true });

  await page.goto(`${base}#/variable/PAT_IDT_R/PAT_DCD_DTE`);
  await page.locator('dl.facts').waitFor();
  const variable = await page.locator('h1').innerText();
  check(variable.includes('PAT_IDT_R.PAT_DCD_DTE'), `variable page "${variable}"`);
  console.log(`variable page: ${variable.replace(/\s+/g, ' ')}`);
  await page.screenshot({ path: join(shots, '5-variable.png'), fullPage: true });

  // 5. Cohorte: the example query (MI then statin within 30 days), its attrition and pathways
  await page.goto(`${base}#/cohorte`);
  await page.locator('#cohort-query').waitFor();
  await page.locator('form.cohort-form button[type=submit]').click();
  await page.locator('table.attrition tbody tr').first().waitFor({ timeout: 60_000 });
  const attrition = await page.locator('table.attrition tbody tr').evaluateAll((rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
  const cohortCount = await page.locator('.cohort-count .count').innerText();
  check(attrition.length === 3, `3 attrition rows: ${attrition.join(' | ')}`);
  check(/^(< 11|[0-9][0-9\u202f\u00a0 ]*)$/.test(cohortCount), `cohort count "${cohortCount}"`);
  const sankeyNodes = await page.locator('svg.sankey g.node').count();
  check(sankeyNodes > 0, 'pathway nodes drawn');
  console.log(`cohort: attrition ${attrition.join(' | ')}; count ${cohortCount}; ${sankeyNodes} pathway nodes`);
  await page.screenshot({ path: join(shots, '6-cohorte.png'), fullPage: true });

  check(problems.length === 0, `no browser errors: ${problems.join(' | ')}`);
  console.log('E2E OK');
} catch (e) {
  console.log(`E2E FAILED: ${e.message}`);
  for (const p of browser.pages()) {
    for (const text of await p.locator('.error').allInnerTexts().catch(() => [])) console.log(`shown error: ${text}`);
  }
  for (const p of problems) console.log(p);
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

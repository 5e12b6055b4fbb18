// The documentation in a real browser (Debian's chromium, playwright-core, no network but the
// application), over the demo dictionary and the demo's documentation pages: a glossary acronym
// typed in the search box finds its glossary page among the document hits, with a passage; the hit
// opens the document page, whose mentions link to the catalog; a mention leads to a table's page,
// whose "Documentation" section lists the sections naming it; the glossary browses by letter and
// searches.
//   node e2e/docs.mjs <base url> <screenshot folder> [chromium path]
// Prints one line per check and "E2E OK" at the end; screenshots 40- to 43- at 1400 and 800 px.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, check, failed, finish, offline, oneLine, scriptArgs, shoot as shootAt } from './harness.mjs';

const { base, shots, executablePath, origin } = scriptArgs('docs.mjs');
const profile = mkdtempSync(join(tmpdir(), 'healthgraph-ui-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000, viewport: { width: 1400, height: 900 }, locale: 'fr-FR',
});
const outside = [];
await browser.route('**/*', offline(origin, outside));
const problems = [];
const shoot = (page, name) => shootAt(page, shots, name);

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });

  // 1. A glossary acronym in the search box: document hits with their passage and path
  await page.goto(`${base}#/?q=MCO`);
  await page.locator('ol.hits li').first().waitFor();
  const docHits = page.locator('ol.hits li[data-kind="DOCUMENT"]');
  const n = await docHits.count();
  check(n > 0, `the search for MCO has document hits: ${oneLine(await page.locator('ol.hits').innerText())}`);
  const paths = await docHits.locator('.doc-path').allInnerTexts();
  const glossaryHit = docHits.filter({ has: page.locator('.doc-path', { hasText: 'glossaire/MCO.md' }) });
  check(await glossaryHit.count() === 1, `a hit for glossaire/MCO.md among ${paths.join(', ')}`);
  const passage = oneLine(await glossaryHit.locator('.highlights').innerText());
  const marked = await glossaryHit.locator('.highlights mark').count();
  check(passage.length > 0, 'the glossary hit shows a passage');
  console.log(`search: "MCO" has ${n} document hit(s) (${paths.join(', ')}); glossaire/MCO.md passage "${passage}" (${marked} mark(s))`);
  await shoot(page, '40-doc-recherche');

  // 2. The hit opens the document page; its mentions are links to the catalog
  await glossaryHit.locator('.title a').click();
  await page.locator('ul.doc-mentions li').first().waitFor();
  const title = oneLine(await page.locator('h1').innerText());
  const mentions = await page.locator('ul.doc-mentions li').evaluateAll((items) => items.map((i) => i.getAttribute('data-key')));
  const html = await page.locator('article.doc-text').innerHTML();
  check(page.url().endsWith('#/doc/glossaire/MCO') && /MCO/.test(title), `document page ${page.url()}: "${title}"`);
  check(mentions.includes('SEJ_HOS_C'), `the page's mentions: ${mentions}`);
  check(!/<(script|img|iframe)/i.test(html), 'the page text holds no markup but paragraphs');
  console.log(`document: ${page.url().slice(base.length)} "${title}" names ${mentions.join(', ')}`);
  await shoot(page, '41-doc-page');

  // 3. A mention leads to the table's page, whose Documentation section lists the sections naming it
  await page.locator('ul.doc-mentions li[data-key="SEJ_HOS_C"] a').click();
  await page.locator('section.entry-documentation ul.doc-sections li').first().waitFor();
  const sections = await page.locator('section.entry-documentation ul.doc-sections li').evaluateAll((items) => items.map((i) => i.getAttribute('data-path')));
  check(page.url().includes('#/table/SEJ_HOS_C') && sections.includes('fiches/sejours-hospitaliers'), `table page ${page.url()} lists ${sections}`);
  const firstPassage = oneLine(await page.locator('section.entry-documentation .passage').first().innerText());
  console.log(`table: ${page.url().slice(base.length)} lists ${sections.length} documentation section(s): ${sections.join(', ')}; first passage "${firstPassage}"`);
  await page.locator('section.entry-documentation').scrollIntoViewIfNeeded();
  await shoot(page, '42-doc-table');

  // 4. The glossary: a letter, then a search by expansion
  await page.goto(`${base}#/glossaire?lettre=C`);
  await page.locator('dl.glossary dt').first().waitFor();
  const byLetter = await page.locator('dl.glossary dt').evaluateAll((items) => items.map((i) => i.getAttribute('data-term')));
  check(byLetter.includes('CIP') && byLetter.includes('CIM-10') && !byLetter.includes('MCO'), `letter C: ${byLetter}`);
  await page.locator('#glossary-q').fill('médecine');
  await page.locator('#glossary-q').press('Enter');
  await page.waitForFunction(() => location.hash.includes('q=m'));
  await page.locator('dl.glossary dt[data-term="MCO"]').waitFor();
  const bySearch = await page.locator('dl.glossary dt').evaluateAll((items) => items.map((i) => i.getAttribute('data-term')));
  console.log(`glossary: letter C lists ${byLetter.join(', ')}; "médecine" finds ${bySearch.join(', ')}`);
  await shoot(page, '43-glossaire');

  finish('E2E', outside, problems);
} catch (e) {
  await failed('E2E', e, browser.pages(), shots, 'failure-docs.png', problems, outside);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

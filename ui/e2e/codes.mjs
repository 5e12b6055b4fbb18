// Reaching a code of a long code list in a real browser (Debian's chromium, playwright-core, no network
// but the application): the ICD-10 list IR_CIM_V (18,334 codes) from the search box, from the code
// list's filter (a code prefix, then words of a label, kept in the address), a deep link ?code=I21
// that opens on I21's page with the row highlighted, and a code's page with its parents and children.
//   node e2e/codes.mjs <base url> <screenshot folder> [chromium path]
// Prints one line per check and "E2E OK" at the end; screenshots 30- to 33- at 1400 and 800 px.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, check, failed, finish, offline, oneLine, scriptArgs, shoot as shootAt } from './harness.mjs';

const { base, shots, executablePath, origin } = scriptArgs('codes.mjs');
const profile = mkdtempSync(join(tmpdir(), 'healthgraph-ui-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000, viewport: { width: 1400, height: 900 }, locale: 'fr-FR',
});
const outside = [];
await browser.route('**/*', offline(origin, outside));
const problems = [];
const shoot = (page, name) => shootAt(page, shots, name);
const codesShown = (page) => page.locator('table.codes tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });

  // 1. From the search box: the hit IR_CIM_V:I21 opens the code's page (not "Introuvable")
  await page.goto(`${base}#/?q=I21`);
  await page.locator('ol.hits li').first().waitFor();
  const hitKeys = await page.locator('ol.hits li .title .key').allInnerTexts();
  const rank = hitKeys.indexOf('IR_CIM_V:I21');
  check(rank >= 0, `the search for I21 lists IR_CIM_V:I21 on its first page: ${hitKeys.join(', ')}`);
  await page.locator('ol.hits li .title a', { hasText: /^IR_CIM_V:I21$/ }).click();
  await page.locator('ul.codes-children li').first().waitFor();
  const title = oneLine(await page.locator('h1').innerText());
  check(/I21\s+Infarctus aigu du myocarde/.test(title) && page.url().endsWith('#/code/IR_CIM_V/I21'), `code page ${page.url()}: "${title}"`);
  console.log(`search: "I21" lists IR_CIM_V:I21 at rank ${rank + 1} of ${hitKeys.length} (${hitKeys.slice(0, 5).join(', ')}); its hit opens ${page.url().slice(base.length)}: "${title}"`);

  // 2. The code's page: its children, their labels, and a child's page with its parent
  const children = await page.locator('ul.codes-children li').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
  check(children.includes('I210') && children.includes('I219') && children.every((c) => /^I21\d$/.test(c)), `children of I21: ${children}`);
  const variables = await page.locator('ul.coded-variables li').allInnerTexts();
  console.log(`code page: I21 has children ${children.join(', ')}; variables coded by its list: ${variables.join(', ') || 'none'}`);
  await shoot(page, '32-code');
  await page.locator('ul.codes-children a', { hasText: /^I210$/ }).click();
  await page.locator('ul.codes-parents li').first().waitFor();
  const parents = await page.locator('ul.codes-parents li').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
  const childTitle = oneLine(await page.locator('h1').innerText());
  check(parents.includes('I21') && page.url().endsWith('#/code/IR_CIM_V/I210'), `I210's parents ${parents} at ${page.url()}`);
  console.log(`child: ${page.url().slice(base.length)} "${childTitle}" with parents ${parents.join(', ')}`);
  await shoot(page, '33-code-enfant');

  // 3. The code list's filter: a code prefix typed in lower case, then label words; the address keeps it
  await page.goto(`${base}#/nomenclature/IR_CIM_V`);
  await page.locator('table.codes tbody tr').first().waitFor();
  const firstCode = (await codesShown(page))[0];
  await page.locator('#code-filter').pressSequentially('i21', { delay: 40 });
  await page.waitForFunction(() => document.querySelector('table.codes tbody tr')?.getAttribute('data-code') === 'I21');
  const prefixed = await codesShown(page);
  const counted = oneLine(await page.locator('p.filtered').innerText());
  check(prefixed.every((c) => c.startsWith('I21')) && prefixed.includes('I219') && page.url().includes('filtre=i21'),
    `prefix i21 shows ${prefixed} at ${page.url()}`);
  console.log(`filter: the list opened on ${firstCode}; "i21" shows ${prefixed.join(', ')} ("${counted}"), address ${page.url().slice(base.length)}`);
  await page.reload();
  await page.locator('table.codes tbody tr').first().waitFor();
  const reopened = await codesShown(page);
  check(reopened.join() === prefixed.join() && (await page.locator('#code-filter').inputValue()) === 'i21', `the shared address reopens the filter: ${reopened}`);
  const whole = (await page.locator('a.download').innerText()).replace(/\D/g, '');
  check(whole === '18334', `a filtered page still offers the whole list: "${await page.locator('a.download').innerText()}"`);
  await page.locator('#code-filter').fill('infarctus myocarde');
  // I22 is not under the prefix I21: its row shows once the words' answer is drawn
  await page.locator('table.codes tbody tr[data-code="I22"]').waitFor();
  const words = await codesShown(page);
  check(words.includes('I21') && words.includes('I22') && words.includes('I214') && page.url().includes('filtre=infarctus'), `"infarctus myocarde" shows ${words} at ${page.url()}`);
  console.log(`filter: "infarctus myocarde" shows ${words.length} codes: ${words.slice(0, 8).join(', ')}; address ${page.url().slice(base.length)}`);
  await shoot(page, '30-codes-filtre');

  // 4. The deep link ?code=I21 opens on I21's page with the row highlighted and in view
  await page.goto(`${base}#/nomenclature/IR_CIM_V?code=I21`);
  await page.locator('table.codes tr.wanted').waitFor();
  const wanted = await page.locator('table.codes tr.wanted').getAttribute('data-code');
  const opened = await codesShown(page);
  const visible = await page.locator('table.codes tr.wanted').isVisible();
  check(wanted === 'I21' && opened[0] === 'I21' && visible, `?code=I21 highlights ${wanted}, page from ${opened[0]}`);
  console.log(`deep link: ?code=I21 opens on ${opened[0]} … ${opened[opened.length - 1]} with ${wanted} highlighted`);
  await shoot(page, '31-codes-lien');

  finish('E2E', outside, problems);
} catch (e) {
  await failed('E2E', e, browser.pages(), shots, 'failure-codes.png', problems, outside);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

// The cohort builder in a real browser (Debian's chromium, playwright-core, no network but the
// application): the MI -> statin cohort of the page's first example built with the forms only (the
// ICD-10 code picked from the catalog's suggestions, the ATC classes typed), its JSON compared with
// the example's, run, its attrition with percentages and its pathways; the definition and the
// results exported; the JSON edited by hand updates the form and an invalid edit says where; the
// definition saved twice (versions 1 and 2), the page reloaded and version 1 opened from the list.
//   node e2e/cohort-builder.mjs <base url> <screenshot folder> [chromium path]
// Prints one line per check and "COHORT BUILDER OK" at the end; the exported files are left in the
// screenshot folder (cohort-builder-definition.json, -results.csv, -results.json) for the caller.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, check, failed, finish, offline, oneLine, scriptArgs, shoot as shootAt } from './harness.mjs';

const { base, shots, executablePath, origin } = scriptArgs('cohort-builder.mjs');
const profile = mkdtempSync(join(tmpdir(), 'healthgraph-ui-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000, viewport: { width: 1400, height: 900 }, locale: 'fr-FR',
  acceptDownloads: true,
});
const outside = [];
await browser.route('**/*', offline(origin, outside));
const problems = [];
const shoot = (page, name) => shootAt(page, shots, name);
const examples = JSON.parse(readFileSync(new URL('../web/src/views/cohort-examples.json', import.meta.url), 'utf8'));
const expected = examples[0].query;

/** The same JSON value whatever the order of the keys. */
const canonical = (v) => (Array.isArray(v) ? v.map(canonical)
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v);
const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Adds a typed code (system, code) to the concept picker inside `scope`. */
async function typeCode(scope, system, code) {
  const picker = scope.locator('.concept-picker').first();
  await picker.locator('select.concept-system').selectOption(system);
  await picker.locator('input.concept-code').fill(code);
  await picker.locator('button.concept-add').click();
  await picker.locator(`.chip[data-system="${system}"][data-prefix="${code}"]`).waitFor();
}

async function checkTypes(scope, ...types) {
  for (const type of types) await scope.locator(`fieldset.types input[value="${type}"]`).first().check();
}

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });

  // 1. A researcher (the analyst, who reads exact counts) logs in and opens the cohort page
  await page.goto(`${base}#/connexion?retour=cohorte`);
  await page.locator('#login-user').fill('analyste');
  await page.locator('#login-password').fill('analyste-test');
  await page.locator('form.login-form button[type=submit]').click();
  await page.locator('header .session .user[data-user="analyste"]').waitFor();
  await page.goto(`${base}#/cohorte`);
  await page.locator('.builder-index').waitFor();
  await page.locator('button.new-query').click();
  check((await page.locator('li.rule').count()) === 0, 'a new query has no rule');

  // 2. The index event: hospital stays, ICD-10 I21 picked from the catalog's suggestions, principal diagnosis
  const index = page.locator('.builder-index');
  const search = index.locator('.concept-search input');
  await search.pressSequentially('I21', { delay: 60 });
  const suggestion = index.locator('.suggestions li[data-key="IR_CIM_V:I21"]');
  await suggestion.waitFor();
  const suggested = oneLine(await suggestion.innerText());
  await suggestion.dispatchEvent('mousedown');
  const chip = index.locator('.chip[data-system="ICD10"][data-prefix="I21"]');
  await chip.locator('.label', { hasText: 'Infarctus' }).waitFor();
  console.log(`picker: "I21" suggests "${suggested}"; chip "${oneLine(await chip.innerText())}"`);
  // words of a label find codes too (the catalog's search when no code starts with them)
  await search.pressSequentially('répétition', { delay: 40 });
  const byWords = index.locator('.suggestions li[data-key^="IR_CIM_V:I22"]').first();
  await byWords.waitFor();
  console.log(`picker: "répétition" suggests "${oneLine(await byWords.innerText())}"`);
  await search.fill('');
  await search.press('Escape');
  await index.locator('details.more summary').first().click();
  await index.locator('fieldset.roles input[value="PRINCIPAL"]').check();
  await index.locator('select[data-field="occurrence"]').selectOption('FIRST');

  // 3. Rule 1: a statin (ATC C10AA, typed: no label needed) dispensed within 30 days after discharge
  await page.locator('button.add-rule').click();
  const rule1 = page.locator('li.rule[data-rule="1"]');
  await rule1.locator('.rule-label input').fill('statine dans les 30 jours après la sortie');
  await checkTypes(rule1, 'DRUG_DISPENSING');
  await typeCode(rule1, 'ATC', 'C10AA');
  await rule1.locator('select[data-field="anchorSide"]').selectOption('END');
  await rule1.locator('input[data-field="maxDays"]').fill('30');

  // 4. Rule 2: alive a year after discharge (no death: count NONE, the negation)
  await page.locator('button.add-rule').click();
  const rule2 = page.locator('li.rule[data-rule="2"]');
  await rule2.locator('.rule-label input').fill('vivant un an après la sortie');
  await checkTypes(rule2, 'DEATH');
  await rule2.locator('select[data-field="anchorSide"]').selectOption('END');
  await rule2.locator('input[data-field="maxDays"]').fill('365');
  await rule2.locator('select[data-field="count"]').selectOption('NONE');

  // 5. Pathways: three categories, depth 3, repeats merged
  await page.locator('input.with-pathways').check();
  const category = (n) => page.locator('li.category').nth(n);
  await category(0).locator('.category-name input').fill('statine');
  await typeCode(category(0), 'ATC', 'C10');
  await page.locator('button.add-category').click();
  await category(1).locator('.category-name input').fill('antiagrégant');
  await typeCode(category(1), 'ATC', 'B01AC');
  await page.locator('button.add-category').click();
  await category(2).locator('.category-name input').fill('réhospitalisation');
  await checkTypes(category(2), 'HOSPITAL_STAY');
  await page.locator('.builder-pathways input[data-field="depth"]').fill('3');
  await page.locator('.builder-pathways input[data-field="collapseRepeats"]').check();

  const built = JSON.parse(await page.locator('#cohort-query').inputValue());
  check(same(built, expected), `the form built the example's query:\n${JSON.stringify(built)}\nexpected\n${JSON.stringify(expected)}`);
  console.log(`form: built the example "${examples[0].id}" with the form only (JSON view equal to the example's, ${JSON.stringify(built).length} characters)`);
  await shoot(page, '40-cohorte-formulaire');

  // 6. Run: the attrition with percentages, the pathways with an end-of-pathway node
  await page.locator('form.cohort-form button.run').click();
  await page.locator('table.attrition tbody tr').first().waitFor();
  const rows = await page.locator('table.attrition tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    step: tr.getAttribute('data-step'), patients: tr.getAttribute('data-patients'),
    ofIndex: tr.querySelector('.of-index').textContent, ofPrevious: tr.querySelector('.of-previous').textContent,
  })));
  console.log(`attrition shown: ${rows.map((r) => `${r.step} ${r.patients}`).join(' | ')}`);
  console.log(`percentages: ${rows.map((r) => `${r.step} ${r.ofIndex} / ${r.ofPrevious || '-'}`).join(' | ')}`);
  check(rows.length === 3 && rows[0].ofIndex === '100 %', `three attrition rows, the index at 100 %: ${JSON.stringify(rows)}`);
  for (const r of rows) {
    if (r.patients === 'suppressed') check(r.ofIndex === '—', `no percentage of a suppressed count: ${JSON.stringify(r)}`);
  }
  if (rows[1].patients !== 'suppressed' && rows[0].patients !== 'suppressed') {
    const want = Math.round((1000 * Number(rows[1].patients)) / Number(rows[0].patients)) / 10;
    check(rows[1].ofIndex.replace(/\s/g, ' ') === `${want.toLocaleString('fr-FR')} %`, `step 1 is ${want} % of the index: ${rows[1].ofIndex}`);
  }
  await page.locator('svg.sankey rect.node').first().waitFor();
  const nodes = await page.locator('svg.sankey rect.node').evaluateAll((rs) => rs.map((r) => r.getAttribute('class')));
  const endLabel = await page.locator('svg.sankey .labels text.end').textContent();
  check(nodes.some((c) => c.includes('end')) && endLabel === 'fin du parcours', `an end-of-pathway node: ${nodes.join(', ')}`);
  console.log(`pathways: ${nodes.length} nodes drawn by d3-sankey, with "${endLabel}"`);
  await page.setViewportSize({ width: 800, height: 900 });
  await page.waitForTimeout(400);
  const smallest = await page.locator('svg.sankey text').evaluateAll((ts) => Math.min(...ts.map((t) => t.getBoundingClientRect().height)));
  check(smallest >= 11, `labels readable at 800 px: the smallest is ${smallest} px high`);
  console.log(`sankey at 800 px: smallest label ${smallest.toFixed(1)} px high`);
  await page.setViewportSize({ width: 1400, height: 900 });
  await shoot(page, '41-cohorte-resultats');

  // 7. Exports: the definition (the format's file) and the results (CSV and JSON)
  const save = async (button, file) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
    await download.saveAs(join(shots, file));
    return readFileSync(join(shots, file), 'utf8');
  };
  const definition = await save('button.export-definition', 'cohort-builder-definition.json');
  check(same(JSON.parse(definition), expected), 'the exported definition is the query built');
  const csv = await save('button.export-csv', 'cohort-builder-results.csv');
  const lines = csv.trim().split('\n');
  const header = lines[0].split(',');
  const suppressedRows = lines.slice(1).map((l) => l.split(',')).filter((c) => c[header.indexOf('suppressed')] === 'true');
  check(header.includes('percent_of_index') && suppressedRows.every((c) => c[header.indexOf('patients')] === ''),
    `CSV: suppressed counts are never numbers (${suppressedRows.length} suppressed rows)`);
  const json = JSON.parse(await save('button.export-json', 'cohort-builder-results.json'));
  check(json.attrition.length === rows.length && json.attrition.every((a, i) => (a.suppressed ? a.patients === null : String(a.patients) === rows[i].patients)),
    `JSON results match the page: ${JSON.stringify(json.attrition)}`);
  console.log(`exports: definition ${definition.length} characters, CSV ${lines.length - 1} rows (${suppressedRows.length} suppressed), JSON ${json.attrition.length} attrition rows and ${json.pathways?.nodes.length ?? 0} pathway nodes`);

  // 8. JSON -> form: a valid edit updates the form; an invalid one says where, in French
  const editor = page.locator('#cohort-query');
  const edited = JSON.parse(await editor.inputValue());
  edited.rules[0].condition.maxDays = 60;
  await editor.fill(JSON.stringify(edited, null, 2));
  await page.waitForFunction(() => document.querySelector('li.rule[data-rule="1"] input[data-field="maxDays"]')?.value === '60');
  await editor.fill('{"version": 1, "index": ');
  await page.locator('.json-state.error').waitFor();
  const where = oneLine(await page.locator('.json-state').innerText());
  check(/JSON invalide/.test(where) && (await page.locator('li.rule').count()) === 2, `an invalid JSON is refused, saying where: "${where}"`);
  console.log(`json: an edit of maxDays to 60 shows in the form; invalid JSON says "${where}"`);
  await editor.fill(JSON.stringify(expected, null, 2));
  await page.waitForFunction(() => document.querySelector('li.rule[data-rule="1"] input[data-field="maxDays"]')?.value === '30');

  // 9. Saved definitions: saved twice (versions 1 and 2), the page reloaded, version 1 opened from the list
  await page.locator('#cohort-save-name').fill('IDM puis statine');
  await page.locator('#cohort-save-description').fill('exemple construit au formulaire');
  await page.locator('button.save-definition').click();
  await page.locator('.save-status', { hasText: 'version 1' }).waitFor();
  await page.locator('li.rule[data-rule="2"] button.remove-rule').click();
  await page.locator('button.save-definition').click();
  await page.locator('.save-status', { hasText: 'version 2' }).waitFor();
  console.log(`saved: ${oneLine(await page.locator('.save-status').innerText())}`);
  await page.reload();
  await page.locator('table.saved-definitions tr[data-name="IDM puis statine"]').waitFor();
  await page.locator('button.new-query').click();
  const row = page.locator('table.saved-definitions tr[data-name="IDM puis statine"]');
  const versions = await row.locator('select.definition-version option').allInnerTexts();
  await row.locator('select.definition-version').selectOption('1');
  await row.locator('button.open-definition').click();
  await page.locator('p.notice', { hasText: 'version 1' }).waitFor();
  const opened = JSON.parse(await editor.inputValue());
  // the server stores the query as its writer writes it (every default spelt out), so compare what matters
  check(opened.rules.length === 2 && opened.rules[0].condition.maxDays === 30 && opened.rules[1].condition.count === 'NONE'
    && opened.index.event.codes[0].prefix === 'I21' && opened.pathways.categories.length === 3
    && (await page.locator('li.rule').count()) === 2 && (await page.locator('li.rule[data-rule="1"] input[data-field="maxDays"]').inputValue()) === '30'
    && (await page.locator('.builder-index .chip[data-prefix="I21"]').count()) === 1 && (await page.locator('.condition.group').count()) === 0,
  `version 1 opened into the builder: ${JSON.stringify(opened)}`);
  console.log(`opened: after a reload, the list offers ${versions.join(', ')}; version 1 opened with ${await page.locator('li.rule').count()} rules`);
  const reopened = await save('button.export-definition', 'cohort-builder-opened.json');
  console.log(`opened export: ${reopened.length} characters, the stored text`);
  await shoot(page, '42-cohorte-enregistree');

  finish('COHORT BUILDER', outside, problems);
} catch (e) {
  await failed('COHORT BUILDER', e, browser.pages(), shots, 'failure-cohort-builder.png', problems, outside);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

// End-to-end check of the web interface in a real browser (Debian's chromium, driven by
// playwright-core; no browser is ever downloaded).
//   node e2e/browse.mjs <base url> <screenshot folder> [chromium path]
// Prints one line per check and "E2E OK" at the end; exits 1 on the first failure. Every request to
// anything but the application is blocked and counted: the interface, GraphiQL included, must work
// with no network. Each page is photographed at 1400 and 800 px wide (NN-page-1400.png, -800.png).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, check, failed, finish, offline, oneLine, scriptArgs, shoot as shootAt } from './harness.mjs';

const { base, shots, executablePath, origin } = scriptArgs('browse.mjs');

const profile = mkdtempSync(join(tmpdir(), 'healthgraph-ui-chromium-'));
// A persistent context is how playwright passes a fresh --user-data-dir (the profile folder).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: CHROMIUM_ARGS,
  timeout: 60_000,
  viewport: { width: 1400, height: 900 },
  locale: 'fr-FR',
  acceptDownloads: true,
});
await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
// The network is off: only the application answers; anything else is refused and remembered.
const outside = [];
await browser.route('**/*', offline(origin, outside));
const problems = [];


const shoot = (page, name) => shootAt(page, shots, name);

async function clipboard(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A refused login is answered 401, which the browser reports on its console: expected while a wrong password is tried.
  let refusedLoginExpected = false;
  page.on('console', (m) => {
    if (m.type() === 'error' && !(refusedLoginExpected && m.text().includes('401'))) problems.push(`console error: ${m.text()}`);
  });

  // 1. Home: the products and their tables, a placeholder naming things of the loaded catalog, a footer without addresses
  await page.goto(`${base}#/`);
  await page.locator('section.product').first().waitFor();
  const products = await page.locator('section.product').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-product')));
  const homeTables = await page.locator('section.product .product-tables a').allInnerTexts();
  check(products.length > 0 && homeTables.length > 0, `products ${products}, tables ${homeTables}`);
  const stats = await page.locator('p.stats').innerText();
  await page.waitForFunction(() => document.querySelector('#q')?.getAttribute('placeholder')?.includes('ex. :'));
  const placeholder = await page.locator('#q').getAttribute('placeholder');
  check(homeTables.some((tb) => placeholder.includes(tb)), `the search placeholder names a table of the catalog: "${placeholder}"`);
  const footer = await page.locator('footer').innerText();
  check(/^healthgraph \S+$/.test(footer.trim()) && !/bolt|neo4j|:\/\//i.test(footer), `footer "${footer}"`);
  console.log(`home: products ${products.join(', ')}; ${homeTables.length} tables listed; ${stats}; placeholder "${placeholder}"; footer "${footer.trim()}"`);
  await shoot(page, '01-accueil');

  // 2. Search: autocomplete while typing, then the results with facets, a facet filter kept in the URL
  await page.locator('#q').pressSequentially('séjours hosp', { delay: 40 });
  const suggestions = page.locator('ul.suggestions li');
  await suggestions.first().waitFor();
  console.log(`autocomplete: ${await suggestions.count()} suggestions, first "${oneLine(await suggestions.first().innerText())}"`);
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
  await shoot(page, '02-recherche');
  await page.locator('.facet[data-facet=kind] a', { hasText: 'Table' }).first().click();
  await page.waitForFunction(() => location.hash.includes('kind=TABLE'));
  await page.locator('li.hit').first().waitFor();
  const kinds = await page.locator('li.hit').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
  check(kinds.length > 0 && kinds.every((k) => k === 'TABLE'), `only tables after the filter: ${kinds}`);
  console.log(`facet filter: ${kinds.length} table hits`);

  // 3. A table opened from the home page, its join graph, and a table reached by clicking the graph
  await page.goto(`${base}#/`);
  await page.locator('section.product .product-tables a', { hasText: 'SEJ_HOS_C' }).click();
  await page.locator('.join-graph a.graph-node').first().waitFor();
  const title = await page.locator('h1').innerText();
  check(title.includes('SEJ_HOS_C'), `table title "${title}"`);
  const variables = await page.locator('table.variables tbody tr').count();
  const joins = await page.locator('table.joins tbody tr').count();
  const drawn = await page.locator('.join-graph a.graph-node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
  check(variables > 0 && joins > 0 && drawn.includes('SEJ_HOS_C') && drawn.length === joins + 1,
    `variables ${variables}, joins ${joins}, graph ${drawn}`);
  check(await page.locator('.join-graph canvas').count() > 0, 'the join graph is drawn on a canvas');
  console.log(`table page: SEJ_HOS_C "${oneLine(title)}" with ${variables} variables, ${joins} joins, join graph of ${drawn.join(', ')}`);
  await shoot(page, '03-table');
  const target = page.locator('.join-graph a.graph-node[data-id="PAT_IDT_R"]');
  const box = await target.boundingBox();
  check(box && box.width > 10 && box.height > 10, `the PAT_IDT_R node has a place on the graph: ${JSON.stringify(box)}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => location.hash === '#/table/PAT_IDT_R');
  await page.locator('h1', { hasText: 'PAT_IDT_R' }).waitFor();
  await page.locator('.join-graph a.graph-node').first().waitFor();
  console.log('join graph: a click on PAT_IDT_R in the graph of SEJ_HOS_C opened PAT_IDT_R');

  // 4. The share link: the page's state (here the graph's depth) is in the link, which reopens the same view
  await page.locator('#graph-depth').selectOption('2');
  await page.waitForFunction(() => location.hash.includes('depth=2'));
  await page.locator('.join-graph a.graph-node').first().waitFor();
  const deepNodes = await page.locator('.join-graph a.graph-node').count();
  await page.locator('button.share').click();
  const shared = await page.locator('input.share-url').inputValue();
  check(shared === page.url() && (await clipboard(page)) === shared, `share link "${shared}" is the address and in the clipboard`);
  const other = await browser.newPage();
  await other.goto(shared);
  await other.locator('.join-graph a.graph-node').first().waitFor();
  const [otherTitle, otherDepth, otherNodes] = [await other.locator('h1').innerText(), await other.locator('#graph-depth').inputValue(),
    await other.locator('.join-graph a.graph-node').count()];
  check(otherTitle === await page.locator('h1').innerText() && otherDepth === '2' && otherNodes === deepNodes,
    `the shared link reopens the page: "${otherTitle}", depth ${otherDepth}, ${otherNodes} tables (${deepNodes} expected)`);
  await other.close();
  console.log(`share link: ${shared} reopens PAT_IDT_R with the graph at depth 2 (${deepNodes} tables)`);

  // 5. A table name in lower case opens the table (and the address is corrected)
  await page.goto(`${base}#/table/sej_dia_d`);
  await page.locator('h1', { hasText: 'SEJ_DIA_D' }).waitFor();
  check(new URL(page.url()).hash === '#/table/SEJ_DIA_D', `address corrected: ${page.url()}`);
  console.log('lower case: #/table/sej_dia_d opened SEJ_DIA_D');

  // 6. The table explorer, filtered as one types (the filter is in the address)
  await page.goto(`${base}#/tables`);
  await page.locator('table.tables tbody tr').first().waitFor();
  const all = await page.locator('table.tables tbody tr').count();
  await page.locator('#table-filter').fill('sej');
  await page.waitForFunction(() => location.hash === '#/tables?q=sej');
  const filtered = await page.locator('table.tables tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-table')));
  check(filtered.length > 0 && filtered.length < all && filtered.every((n) => n.startsWith('SEJ_')), `filtered tables ${filtered} of ${all}`);
  console.log(`table explorer: ${all} tables, "sej" keeps ${filtered.join(', ')}`);
  await shoot(page, '04-tables');

  // 7. Join path: four joins apart, drawn as a diagram, with the SQL join to copy; placeholders from the catalog
  await page.goto(`${base}#/jointure?from=SV_MED_F&to=SEJ_DIA_D`);
  await page.locator('article.path').first().waitFor();
  await page.locator('.path-diagram a.graph-node').first().waitFor();
  const hops = await page.locator('article.path').first().locator('table.hops tbody tr').count();
  const chain = await page.locator('article.path .chain').first().innerText();
  const diagram = await page.locator('.path-diagram a.graph-node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
  check(hops === 4, `4 hops expected, got ${hops}: ${chain}`);
  check(diagram.length === 5 && diagram.includes('SV_MED_F') && diagram.includes('SEJ_DIA_D'), `diagram of ${diagram}`);
  const sql = await page.locator('article.path pre.sql').first().innerText();
  check(sql.startsWith('SELECT *\nFROM SV_MED_F') && (sql.match(/^JOIN /gm) ?? []).length === 4 && sql.includes('JOIN SEJ_DIA_D'), `SQL:\n${sql}`);
  await page.locator('article.path button.copy-sql').first().click();
  await page.locator('article.path [role=status]', { hasText: 'Copié' }).first().waitFor();
  check((await clipboard(page)) === sql, 'the SQL join is in the clipboard');
  await page.waitForFunction(() => document.querySelector('#from')?.getAttribute('placeholder')?.includes('ex. :'));
  const joinPlaceholders = [await page.locator('#from').getAttribute('placeholder'), await page.locator('#to').getAttribute('placeholder')];
  check(joinPlaceholders.every((p) => homeTables.some((tb) => p.includes(tb))), `join placeholders name tables of the catalog: ${joinPlaceholders}`);
  console.log(`join path: ${hops} hops ${oneLine(chain)}; diagram of ${diagram.length} tables; SQL with ${(sql.match(/^JOIN /gm) ?? []).length} joins copied; placeholders ${joinPlaceholders.join(' / ')}`);
  await shoot(page, '05-jointure');

  // a join path to a table that does not exist says so in French and stops loading
  await page.goto(`${base}#/jointure?from=SV_MED_F&to=TABLE_INCONNUE`);
  await page.locator('section.paths .error').waitFor();
  const unknown = await page.locator('section.paths .error').innerText();
  check(unknown === 'La table « TABLE_INCONNUE » n’existe pas dans le catalogue.', `unknown table message "${unknown}"`);
  check(await page.locator('.loading').count() === 0, 'nothing left loading');
  console.log(`unknown table: "${unknown}"`);

  // 8. A variable page with what the API holds: history, management rule, changes; same-name variables
  await page.goto(`${base}#/variable/PAT_IDT_R/PAT_DCD_DTE`);
  await page.locator('section.changes').waitFor();
  const variable = await page.locator('h1').innerText();
  check(variable.includes('PAT_IDT_R.PAT_DCD_DTE'), `variable page "${variable}"`);
  const facts = oneLine(await page.locator('dl.facts').innerText());
  check(facts.includes('Renseignée depuis 2015'), `history in the facts: ${facts}`);
  const rule = await page.locator('p.management-rule').innerText();
  const changes = await page.locator('table.changes tbody tr').evaluateAll((rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
  check(rule.length > 0 && changes.length > 0 && changes.some((c) => c.includes('Description')) && changes.some((c) => c.includes('Règle de gestion')), `rule "${rule}", changes ${changes}`);
  console.log(`variable page: ${oneLine(variable)}; ${facts}; rule "${rule}"; changes: ${changes.join(' | ')}`);
  await shoot(page, '06-variable');
  await page.goto(`${base}#/variable/PAT_IDT_R/PAT_IDT`);
  await page.locator('table.same-name tbody tr').first().waitFor();
  const same = await page.locator('table.same-name tbody tr').allInnerTexts();
  console.log(`same-name variables of PAT_IDT_R.PAT_IDT: ${same.map((s) => s.split(/\s/)[0]).join(', ')}`);

  // 8b. The variable's curation history: the second edition's import made version 1, version 0 reads
  // back; the review queue is the stewards' (the demo's anonymous caller gets the API's refusal)
  await page.goto(`${base}#/historique/VARIABLE/PAT_IDT_R.PAT_DCD_DTE?version=0`);
  await page.locator('table.revisions').waitFor();
  const revisions = await page.locator('table.revisions tbody tr').allInnerTexts();
  const atZero = oneLine(await page.locator('dl.state dd.description').innerText());
  check(revisions.some((r) => r.includes('description') && r.includes('import:')) && atZero === 'Date de décès du patient',
    `history ${revisions} and the description at version 0 "${atZero}"`);
  console.log(`curation history: ${revisions.length} revision(s); description at version 0 "${atZero}"`);
  await shoot(page, '06b-historique');
  await page.goto(`${base}#/relecture`);
  await page.locator('p.error').waitFor();
  const refused = await page.locator('p.error').innerText();
  check(refused.includes('STEWARD') || refused.includes('rôle'), `review queue without the steward role: "${refused}"`);
  console.log(`review queue refused: "${oneLine(refused)}"`);

  // 9. A code list, downloaded whole as CSV
  await page.goto(`${base}#/nomenclature/NOM_CIM`);
  await page.locator('table.codes tbody tr').first().waitFor();
  const total = Number((await page.locator('dl.facts dd').nth(1).innerText()).replace(/\D/g, ''));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.download').click()]);
  const file = join(profile, download.suggestedFilename());
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  check(download.suggestedFilename() === 'NOM_CIM.csv' && lines[0].startsWith('CIM_COD;CIM_LIB') && lines.length === total + 1
    && lines.some((l) => l.startsWith('I21;')), `CSV ${download.suggestedFilename()}: ${lines.length} lines for ${total} codes, header ${lines[0]}`);
  console.log(`code list CSV: ${download.suggestedFilename()} with ${lines.length - 1} codes (the list has ${total}), header ${lines[0]}`);
  await shoot(page, '07-nomenclature');

  // 10. Cohorte needs a researcher: anonymous, the page says so; the login page refuses a wrong password,
  // then logs in (the header names the user) and comes back to the cohort page
  await page.goto(`${base}#/cohorte`);
  await page.locator('#cohort-query').waitFor();
  await page.locator('form.cohort-form button[type=submit]').click();
  const refusedCohort = await page.locator('.cohort-form .error').filter({ hasText: 'rôle' }).innerText();
  check(/Votre rôle ne permet pas/.test(refusedCohort), `anonymous cohort refused in French: "${refusedCohort}"`);
  await page.locator('header .session a.login').click();
  await page.locator('form.login-form').waitFor();
  await page.goto(`${base}#/connexion?retour=cohorte`);
  await page.locator('#login-user').fill('chercheur');
  await page.locator('#login-password').fill('not-the-password');
  refusedLoginExpected = true;
  await page.locator('form.login-form button[type=submit]').click();
  await page.locator('form.login-form .error', { hasText: 'incorrect' }).waitFor();
  refusedLoginExpected = false;
  await shoot(page, '11-connexion');
  await page.locator('#login-password').fill('chercheur-test');
  await page.locator('form.login-form button[type=submit]').click();
  await page.locator('header .session .user[data-user="chercheur"]').waitFor();
  const badge = await page.locator('header .session .user').innerText();
  check(new URL(page.url()).hash.startsWith('#/cohorte'), `back on the cohort page after logging in: ${page.url()}`);
  const cookies = await browser.cookies(origin);
  const session = cookies.find((c) => c.name === 'healthgraph_session');
  check(session && session.httpOnly && session.sameSite === 'Strict', `the session cookie is HttpOnly and SameSite=Strict: ${JSON.stringify(session && { httpOnly: session.httpOnly, sameSite: session.sameSite })}`);
  check(await page.evaluate(() => !document.cookie.includes('healthgraph_session')), 'scripts cannot read the session cookie');
  console.log(`login: a wrong password refused, then "${badge}" logged in`);
  await page.locator('#cohort-query').waitFor();
  // the JSON view is the one cohort query format (version 1), and the examples come from cohort-examples.json
  check(JSON.parse(await page.locator('#cohort-query').inputValue()).version === 1, 'the JSON view is in format version 1');
  const examples = await page.locator('#cohort-example option').count();
  check(examples >= 2, `${examples} examples offered`);
  await page.locator('#cohort-example').selectOption('1');
  check((await page.locator('#cohort-query').inputValue()).includes('A10BA'), 'choosing the second example shows it');
  await page.locator('#cohort-example').selectOption('0');
  await page.locator('form.cohort-form button[type=submit]').click();
  await page.locator('table.attrition tbody tr').first().waitFor({ timeout: 60_000 });
  const attrition = await page.locator('table.attrition tbody tr').evaluateAll((rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
  const cohortCount = await page.locator('.cohort-count .count').innerText();
  check(attrition.length === 3, `3 attrition rows: ${attrition.join(' | ')}`);
  check(/^(< 11|[0-9][0-9\u202f\u00a0 ]*)$/.test(cohortCount), `cohort count "${cohortCount}"`);
  const sankeyNodes = await page.locator('svg.sankey rect.node').count();
  check(sankeyNodes > 0, 'pathway nodes drawn');
  check(new URL(page.url()).hash.startsWith('#/cohorte?q='), `the query is in the address: ${page.url().slice(0, 80)}`);
  console.log(`cohort: attrition ${attrition.join(' | ')}; count ${cohortCount}; ${sankeyNodes} pathway nodes`);
  await shoot(page, '08-cohorte');
  // the population can be one project's patients: the select lists the projects, the query carries it
  await page.locator('#cohort-project option[value="demo"]').waitFor({ state: 'attached' });
  const projectOption = await page.locator('#cohort-project option[value="demo"]').innerText();
  check(/^Projet demo \(/.test(projectOption) && !/individuelles/.test(projectOption), `the project offered to a researcher, not granted: "${projectOption}"`);
  await page.locator('#cohort-project').selectOption('demo');
  await page.locator('form.cohort-form button[type=submit]').click();
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"project":"demo"'));
  await page.locator('table.attrition tbody tr').first().waitFor({ timeout: 60_000 });
  const projectCount = await page.locator('.cohort-count .count').innerText();
  console.log(`cohort in project demo: count ${projectCount}`);

  // 11. English: the switch changes the page's words, and back
  await page.goto(`${base}#/`);
  await page.locator('section.product').first().waitFor();
  await page.locator('header button.lang').click();
  await page.locator('header nav a', { hasText: 'Join path' }).waitFor();
  await page.locator('h1', { hasText: 'Health data catalogue' }).waitFor();
  await page.locator('section.product').first().waitFor();
  check(await page.evaluate(() => document.documentElement.lang) === 'en', 'the page says it is in English');
  console.log(`English: ${(await page.locator('header nav a').allInnerTexts()).join(' · ')}; ${await page.locator('h1').innerText()}`);
  await shoot(page, '09-english');
  await page.locator('header button.lang').click();
  await page.locator('header nav a', { hasText: 'Chemin de jointure' }).waitFor();

  // 12. GraphiQL, bundled and served by the application, with no network: it loads and runs a query
  await page.goto(`${base}graphiql`);
  await page.locator('.graphiql-execute-button').waitFor({ timeout: 60_000 });
  await page.locator('.graphiql-query-editor .view-lines').getByText('catalogStats').waitFor();
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-response').getByText('"tables"').waitFor();
  const response = oneLine(await page.locator('.graphiql-response').innerText());
  check(response.includes('"catalogStats"') && !response.includes('"errors"'), `GraphiQL response ${response.slice(0, 200)}`);
  console.log(`graphiql offline: ${page.url()} ran the example query: ${response.slice(0, 120)}…`);
  await shoot(page, '10-graphiql');

  finish('E2E', outside, problems);
} catch (e) {
  await failed('E2E', e, browser.pages(), shots, 'failure.png', problems, outside);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

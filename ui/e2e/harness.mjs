// What the browser scripts of this folder share: their arguments, Debian's chromium's flags, the
// network cut off but for the application, checks, and screenshots at two widths.

import { join } from 'node:path';

/** Flags of a headless chromium that never reaches the network by itself. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The script's arguments (base url, screenshot folder, chromium path); usage and exit 2 when missing. */
export function scriptArgs(script) {
  const [base, shots, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
  if (!base || !shots) {
    console.error(`usage: node e2e/${script} <base url> <screenshot folder> [chromium path]`);
    process.exit(2);
  }
  return { base, shots, executablePath, origin: new URL(base).origin };
}

/** A route handler: requests to the application go through, any other is refused and added to {@code outside}. */
export function offline(origin, outside) {
  return (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    outside.push(url);
    return route.abort('internetdisconnected');
  };
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

export const oneLine = (text) => text.replace(/\s+/g, ' ').trim();

/** Screenshots of the whole page at 1400 and 800 px wide (NAME-1400.png, NAME-800.png); the window is left at 1400. */
export async function shoot(page, shots, name) {
  for (const width of [1400, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(250); // graphs lay themselves out again for the new width
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

/** The end of every script: no request left the application, no browser error, then "LABEL OK". */
export function finish(label, outside, problems) {
  check(outside.length === 0, `no request left the application: ${outside.join(', ')}`);
  console.log('network: no request to anything but the application');
  check(problems.length === 0, `no browser errors: ${problems.join(' | ')}`);
  console.log(`${label} OK`);
}

/**
 * A failed script: "LABEL FAILED" with the reason, the errors its pages show and a screenshot of
 * each (FILE in the screenshot folder), then what the browser reported and the requests refused;
 * the process exits 1.
 */
export async function failed(label, error, pages, shots, file, problems, outside) {
  console.log(`${label} FAILED: ${error.message}`);
  for (const p of pages) {
    for (const text of await p.locator('.error').allInnerTexts().catch(() => [])) console.log(`shown error: ${text.slice(0, 300)}`);
    await p.screenshot({ path: join(shots, file), fullPage: true }).catch(() => undefined);
  }
  for (const p of problems) console.log(p);
  for (const u of outside) console.log(`request outside the application: ${u}`);
  process.exitCode = 1;
}

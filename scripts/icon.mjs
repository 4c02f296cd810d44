// Draws the extension icon (media/icon.png, 128x128): our own SVG, rendered by Chromium through
// playwright-core (the render test's setup). Two networks (public above, cluster below) joined by
// three OSDs, on a rounded tile.
//
//   node scripts/icon.mjs          (CHROMIUM=/path, default /usr/bin/chromium)
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'media', 'icon.png');

const osd = (x) => `
  <line x1="${x}" y1="40" x2="${x}" y2="88" stroke="#e8f1ff" stroke-width="5"/>
  <circle cx="${x}" cy="64" r="12" fill="#ffb000" stroke="#10315c" stroke-width="4"/>`;

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="24" fill="#10315c"/>
  <rect x="4" y="4" width="120" height="60" rx="24" fill="#16457f"/>
  <rect x="4" y="40" width="120" height="24" fill="#16457f"/>
  <line x1="18" y1="40" x2="110" y2="40" stroke="#5cc8ff" stroke-width="8" stroke-linecap="round"/>
  <line x1="18" y1="88" x2="110" y2="88" stroke="#7ee08a" stroke-width="8" stroke-linecap="round"/>
  ${osd(36)}${osd(64)}${osd(92)}
</svg>`;

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${ICON_SVG}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`icon: wrote ${path.relative(root, out)}`);
} finally {
  await browser.close();
}

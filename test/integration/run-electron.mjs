#!/usr/bin/env node
// The same suite in desktop VS Code through @vscode/test-electron, for contributors whose machine
// can download VS Code (it cannot run offline; runner.mjs is the offline path used by CI).
// Installs @vscode/test-electron into test/integration/.work/electron on first use.
// Usage: node esbuild.mjs && node test/integration/run-electron.mjs      (Linux without a display:
// xvfb-run -a node test/integration/run-electron.mjs). MULTUS_IT_VSCODE=1.82.0 picks the VS Code
// version (default: stable); MULTUS_IT_FILES=a.test.js,b.test.js and MULTUS_IT_FEATURES=1 as in runner.mjs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_ELECTRON_VERSION = '2.5.2';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const WORK = process.env.MULTUS_IT_WORK || path.join(HERE, '.work');
const toolDir = path.join(WORK, 'electron');

const require = createRequire(path.join(toolDir, 'package.json'));
const installedVersion = () => {
  try {
    return require('@vscode/test-electron/package.json').version;
  } catch {
    return undefined;
  }
};
if (installedVersion() !== TEST_ELECTRON_VERSION) {
  mkdirSync(toolDir, { recursive: true });
  if (!existsSync(path.join(toolDir, 'package.json')))
    writeFileSync(path.join(toolDir, 'package.json'), '{"name":"multus-it-tools","private":true}\n');
  const r = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', `@vscode/test-electron@${TEST_ELECTRON_VERSION}`],
    { cwd: toolDir, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const { runTests } = require('@vscode/test-electron');

if (!existsSync(path.join(ROOT, 'dist/client.js')) || !existsSync(path.join(ROOT, 'dist/server.js'))) {
  console.error('dist/ is missing: run `node esbuild.mjs` first');
  process.exit(1);
}

// Throw-away workspace copy (the tests edit and save files) and profile (they change settings).
const tmp = mkdtempSync(path.join(os.tmpdir(), 'multus-it-electron-'));
const ws = path.join(tmp, 'ws');
cpSync(path.join(HERE, 'workspace'), ws, { recursive: true });
let code = 1;
try {
  code = await runTests({
    version: process.env.MULTUS_IT_VSCODE || 'stable',
    cachePath: path.join(WORK, 'vscode-test'), // the downloaded VS Code stays under .work/
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(HERE, 'suite/index.js'),
    launchArgs: [
      ws,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--user-data-dir',
      path.join(tmp, 'user'),
    ],
    extensionTestsEnv: { MULTUS_IT_WORKSPACE: ws },
  });
} catch (err) {
  console.error(`VS Code tests failed: ${err instanceof Error ? err.message : err}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);

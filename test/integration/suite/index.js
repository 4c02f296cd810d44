// extensionTestsPath entry: VS Code's extension host calls run() and reports its outcome as the
// process exit code (0 when it resolves, 1 when it rejects). Works the same under code-server
// (runner.mjs) and under @vscode/test-electron (run-electron.mjs).
'use strict';
const fs = require('fs');
const path = require('path');
const { createHarness } = require('./harness');

exports.run = async function run() {
  const only = (process.env.MULTUS_IT_FILES || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const files = only.length
    ? only
    : fs
        .readdirSync(__dirname)
        .filter((f) => f.endsWith('.test.js') && f !== 'smoke.test.js')
        .sort();
  const { api, run: runAll } = createHarness();
  // Test files use the globals, as with mocha's TDD interface.
  Object.assign(global, api);
  for (const f of files) {
    const file = path.resolve(__dirname, f);
    if (!fs.existsSync(file)) throw new Error(`no test file ${file}`);
    require(file);
  }
  const vscode = require('vscode');
  console.log(
    `VS Code ${vscode.version} (${vscode.env.appHost}), extension host Node ${process.version}; files: ${files.join(', ')}`,
  );
  const { passed, failed } = await runAll();
  if (failed) throw new Error(`${failed} integration test(s) failed`);
  if (!passed) throw new Error('no integration test ran');
};

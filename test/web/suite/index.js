// extensionTestsPath entry of the web suite (bundled by test/web/run.mjs into one file: the web
// extension host loads a single module). The harness is the integration suite's.
'use strict';
const { createHarness } = require('../../integration/suite/harness');

/* global __WEB_TEST_FILTER__ */
// The self-check bundles the suite with a test-name prefix (esbuild define); normally undefined.
const FILTER = typeof __WEB_TEST_FILTER__ === 'string' ? __WEB_TEST_FILTER__ : undefined;

exports.run = async function run() {
  const { api, run: runAll } = createHarness();
  if (FILTER) {
    const test = api.test;
    api.test = Object.assign((name, ...rest) => (name.startsWith(FILTER) ? test(name, ...rest) : undefined), test);
  }
  Object.assign(globalThis, api);
  require('./web.test');
  const vscode = require('vscode');
  console.log(`VS Code ${vscode.version} (${vscode.env.appHost}), web extension host`);
  const { passed, failed } = await runAll();
  if (failed) throw new Error(`${failed} web test(s) failed`);
  if (!passed) throw new Error('no web test ran');
};

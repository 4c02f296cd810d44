// Smoke test of a packaged extension: run by package.sh against the VSIX installed into
// code-server's extensions dir (runner.mjs --install-vsix), not against the development folder.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { extension, openYaml, waitFor, waitForDiagnostics } = require('./helpers');

suite('packaged extension', () => {
  test('activates from the installed copy and reports json/syntax', async () => {
    const ext = extension();
    const root = ext.extensionPath;
    if (process.env.MULTUS_IT_MODE === 'installed') {
      const dir = fs.realpathSync(process.env.MULTUS_IT_EXTENSIONS_DIR);
      assert.ok(
        fs.realpathSync(root).startsWith(dir + path.sep),
        `the extension runs from the extensions dir (${root})`,
      );
    }
    // The allow-list in .vscodeignore: the bundles are there, sources and dependencies are not.
    for (const f of ['package.json', 'dist/client.js', 'dist/server.js'])
      assert.ok(fs.existsSync(path.join(root, f)), `${f} is packaged`);
    for (const f of ['node_modules', 'server', 'client', 'test', 'tsconfig.json'])
      assert.ok(!fs.existsSync(path.join(root, f)), `${f} is not packaged`);

    const doc = await openYaml('networks/styles.yaml');
    await waitFor(() => ext.isActive, 30_000, 'the extension to activate');
    await ext.exports.ready;
    await waitForDiagnostics(doc.uri, 'json/syntax', 4);
  });
});

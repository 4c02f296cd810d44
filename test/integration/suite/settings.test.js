// Settings reach the language server without a restart.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { activated, openYaml, ours, ruleId, setSetting, show, waitFor, waitForDiagnostics } = require('./helpers');

suite('settings', () => {
  let doc;
  suiteSetup(async () => {
    await activated();
    doc = await openYaml('networks/styles.yaml');
  });
  teardown(async () => {
    await setSetting('rules', undefined);
    await waitForDiagnostics(doc.uri, 'json/syntax', 4);
  });

  test('multusNetworks.rules {"json/syntax": "off"} removes that rule\'s diagnostics only', async () => {
    await waitForDiagnostics(doc.uri, 'json/syntax', 4);
    const others = ours(doc.uri).filter((d) => ruleId(d) !== 'json/syntax');
    assert.ok(others.length > 0, 'the fixture has diagnostics of other rules');
    await setSetting('rules', { 'json/syntax': 'off' });
    await waitForDiagnostics(doc.uri, 'json/syntax', 0);
    const now = ours(doc.uri);
    for (const d of others) {
      assert.ok(
        now.some((n) => ruleId(n) === ruleId(d) && n.range.isEqual(d.range)),
        `still reported: ${show([d])}; have ${show(now)}`,
      );
    }
    await setSetting('rules', undefined);
    await waitForDiagnostics(doc.uri, 'json/syntax', 4);
  });

  test("multusNetworks.rules changes a rule's severity", async () => {
    await setSetting('rules', { 'json/syntax': 'warning' });
    await waitFor(
      () => {
        const d = ours(doc.uri, 'json/syntax');
        return d.length === 4 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Warning);
      },
      20_000,
      () => `four json/syntax warnings; have ${show(ours(doc.uri, 'json/syntax'))}`,
    );
  });
});

// Diagnostics of NAD configs in every YAML scalar style, their shape, and cross-file checks
// between a CephCluster's selectors and NADs in another folder.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const {
  SOURCE,
  activated,
  openYaml,
  ours,
  positionsOf,
  replaceAll,
  restore,
  ruleId,
  show,
  waitForDiagnostics,
} = require('./helpers');

const SERIOUS = (d) =>
  d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning;

suite('diagnostics', () => {
  let styles;
  suiteSetup(async () => {
    await activated();
    styles = await openYaml('networks/styles.yaml');
  });

  test('json/syntax starts at the trailing comma in single-quoted, double-quoted, literal and folded configs', async () => {
    const commas = positionsOf(styles, ',}');
    assert.strictEqual(commas.length, 4, 'the fixture has four trailing commas');
    const diags = await waitForDiagnostics(styles.uri, 'json/syntax', 4);
    const styleNames = ['single-quoted', 'double-quoted', 'literal', 'folded'];
    commas.forEach((comma, i) => {
      const d = diags.find((x) => x.range.start.isEqual(comma));
      assert.ok(
        d,
        `${styleNames[i]}: a json/syntax diagnostic starting at the comma (${comma.line + 1}:${comma.character + 1}); have ${show(diags)}`,
      );
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `${styleNames[i]}: json/syntax is an error`);
      assert.ok(
        !d.range.isEmpty && d.range.isSingleLine,
        `${styleNames[i]}: the range covers the comma only (${show([d])})`,
      );
    });
  });

  test('a flow mapping instead of a string gets nad/config-not-string at the value', async () => {
    const [value] = positionsOf(
      styles,
      '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}',
    );
    assert.ok(value, 'the fixture has the plain-style mapping');
    const [d] = await waitForDiagnostics(styles.uri, 'nad/config-not-string', 1);
    assert.ok(d.range.contains(value), `the range covers the mapping's start; have ${show([d])}`);
  });

  test('every diagnostic carries source, rule id code and a documentation link', async () => {
    const diags = await waitForDiagnostics(styles.uri, 'json/syntax', 4);
    for (const d of ours(styles.uri).concat(diags)) {
      assert.strictEqual(d.source, SOURCE);
      assert.match(ruleId(d), /^[a-z]+\/[a-z0-9-]+$/, `rule id of ${show([d])}`);
      if (typeof d.code === 'object') {
        assert.ok(d.code.target instanceof vscode.Uri, 'code.target is a Uri');
        assert.match(d.code.target.toString(true), /#/, 'the link points at the rule section');
      } else {
        assert.strictEqual(typeof d.code, 'string');
      }
    }
  });

  test('renaming a NAD in one folder unresolves the CephCluster selector in another, and back', async () => {
    const cluster = await openYaml('ceph/cluster.yaml');
    const nad = await openYaml('networks/cluster-net.yaml');
    const original = nad.getText();
    try {
      await replaceAll(nad, original.replace('name: ceph-cluster-net\n', 'name: ceph-cluster-net-renamed\n'));
      const [d] = await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 1);
      const [selector] = positionsOf(cluster, 'ceph-cluster-net');
      assert.ok(d.range.contains(selector), `the diagnostic is at the selector value; have ${show([d])}`);
      await restore(nad, original);
      await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 0);
    } finally {
      await restore(nad, original);
    }
    // The server has now checked these files: the valid NADs and the cluster have nothing serious.
    for (const doc of [cluster, nad, await openYaml('networks/public-net.yaml')]) {
      const serious = ours(doc.uri).filter(SERIOUS);
      assert.deepStrictEqual(serious, [], `${vscode.workspace.asRelativePath(doc.uri)}: ${show(serious)}`);
    }
  });

  test('an untitled YAML document is checked too', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: styles.getText() });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, 'json/syntax', 4);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

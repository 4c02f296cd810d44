// The extension in the web extension host (VS Code for the Web, as on vscode.dev and github.dev):
// the language server in a Web Worker, the workspace (a virtual file system: vscode-test-web://mount)
// read and watched through VS Code, and every feature: diagnostics of closed files, cross-file
// selectors (definition, references, rename across files), file-system watching, the
// configuration file, quick fixes, completion, hover, snippets, code lens and the preview.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const {
  activated,
  openYaml,
  ours,
  positionsOf,
  replaceAll,
  restore,
  ruleId,
  show,
  waitFor,
  waitForDiagnostics,
  wsUri,
} = require('../../integration/suite/helpers');

const labelOf = (item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, '');
const encode = (text) => new TextEncoder().encode(text);

const LATE_NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: late-net
  namespace: rook-ceph
spec:
  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth0", "ipam": {"type": "whereabouts", "range": "192.168.40.0/24", "routes": [{"dst": "10.0.0.0/16"}]}}'
`;

suite('web', () => {
  let api;
  suiteSetup(async () => {
    api = await activated();
  });

  test('runs in the web extension host, with the language server in a Web Worker', async () => {
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web, 'the web UI');
    assert.strictEqual(typeof process, 'undefined', 'no Node in the web extension host');
    assert.strictEqual(api.client.state, 2, 'the client is running');
    assert.strictEqual(api.client.initializeResult.serverInfo.name, 'multus-networks');
    assert.strictEqual(vscode.workspace.workspaceFolders[0].uri.scheme, 'vscode-test-web', 'a virtual workspace');
  });

  test('the restart command brings up a new worker that checks the workspace again', async () => {
    const styles = wsUri('networks/styles.yaml');
    await waitForDiagnostics(styles, 'json/syntax', 4, 30_000);
    const old = api.client;
    await vscode.commands.executeCommand('multusNetworks.restartServer');
    api = await activated();
    assert.notStrictEqual(api.client, old, 'a new client');
    assert.strictEqual(old.state, 1, 'the old client stopped');
    assert.strictEqual(api.client.state, 2, 'the new client is running');
    await waitForDiagnostics(styles, 'json/syntax', 4, 30_000);
  });

  test('files never opened are read through VS Code and checked (json/syntax in every scalar style)', async () => {
    const styles = wsUri('networks/styles.yaml');
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === styles.toString()),
      'styles.yaml is not open',
    );
    await waitForDiagnostics(styles, 'json/syntax', 4, 30_000);
    await waitForDiagnostics(styles, 'nad/config-not-string', 1);
  });

  test('cross-file: the CephCluster selectors resolve against NADs of another folder (definition, references)', async () => {
    const cluster = await openYaml('ceph/cluster.yaml');
    const [selector] = positionsOf(cluster, 'ceph-public-net');
    const locations = await waitFor(
      async () => {
        const r = await vscode.commands.executeCommand(
          'vscode.executeDefinitionProvider',
          cluster.uri,
          selector.translate(0, 3),
        );
        return r && r.length ? r : undefined;
      },
      20_000,
      'a definition for the public selector',
    );
    const loc = locations[0];
    assert.strictEqual((loc.targetUri || loc.uri).toString(), wsUri('networks/public-net.yaml').toString());
    assert.deepStrictEqual(ours(cluster.uri, 'rook/selector-not-found').map(ruleId), []);
    const nad = await openYaml('networks/public-net.yaml');
    const [name] = positionsOf(nad, 'name: ceph-public-net');
    const refs = await vscode.commands.executeCommand(
      'vscode.executeReferenceProvider',
      nad.uri,
      name.translate(0, 'name: '.length + 2),
    );
    assert.ok(
      (refs || []).some((l) => l.uri.toString() === cluster.uri.toString() && l.range.contains(selector)),
      `the public selector is a reference; got ${(refs || []).length} location(s)`,
    );
  });

  test('rename across files: the selector and the NAD both change', async () => {
    const cluster = await openYaml('ceph/cluster.yaml');
    const nad = await openYaml('networks/cluster-net.yaml');
    const originals = [cluster.getText(), nad.getText()];
    try {
      const [selector] = positionsOf(cluster, 'ceph-cluster-net');
      const edit = await vscode.commands.executeCommand(
        'vscode.executeDocumentRenameProvider',
        cluster.uri,
        selector.translate(0, 2),
        'ceph-replication-net',
      );
      assert.ok(edit, 'a rename edit');
      const touched = edit.entries().map(([u]) => u.toString());
      assert.ok(touched.includes(cluster.uri.toString()) && touched.includes(nad.uri.toString()), 'both files change');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.match(nad.getText(), /name: ceph-replication-net\n/);
      await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 0);
    } finally {
      await restore(cluster, originals[0]);
      await restore(nad, originals[1]);
    }
  });

  test('file-system watching: a NAD written through workspace.fs resolves a selector; deleting it brings the finding back', async () => {
    const cluster = await openYaml('ceph/cluster.yaml');
    const original = cluster.getText();
    const late = wsUri('networks/late-net.yaml');
    try {
      await replaceAll(cluster, original.replace('public: rook-ceph/ceph-public-net', 'public: rook-ceph/late-net'));
      await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 1);
      await vscode.workspace.fs.writeFile(late, encode(LATE_NAD));
      await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 0);
      await vscode.workspace.fs.delete(late);
      await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 1);
    } finally {
      await vscode.workspace.fs.delete(late).then(undefined, () => undefined);
      await restore(cluster, original);
    }
  });

  test('the configuration file (.multus-networks.yaml) written in the workspace applies, and stops applying when deleted', async () => {
    const styles = wsUri('networks/styles.yaml');
    const config = wsUri('.multus-networks.yaml');
    try {
      await waitForDiagnostics(styles, 'json/syntax', 4, 30_000);
      await vscode.workspace.fs.writeFile(config, encode('rules:\n  json/syntax: "off"\n'));
      await waitForDiagnostics(styles, 'json/syntax', 0);
      await vscode.workspace.fs.delete(config);
      await waitForDiagnostics(styles, 'json/syntax', 4);
    } finally {
      await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
    }
  });

  test('quick fix: json/syntax removes the trailing comma', async () => {
    const doc = await openYaml('networks/styles.yaml');
    const original = doc.getText();
    try {
      const diags = await waitForDiagnostics(doc.uri, 'json/syntax', 4);
      const target = diags.slice().sort((a, b) => a.range.start.compareTo(b.range.start))[0];
      const actions = await vscode.commands.executeCommand(
        'vscode.executeCodeActionProvider',
        doc.uri,
        target.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = (actions || []).find(
        (a) =>
          a.kind &&
          vscode.CodeActionKind.QuickFix.contains(a.kind) &&
          ((a.diagnostics || []).some((d) => ruleId(d) === 'json/syntax') || /trailing comma/i.test(a.title)),
      );
      assert.ok(
        fix,
        `a quick fix for ${show([target])}; got ${(actions || []).map((a) => a.title).join(', ') || 'none'}`,
      );
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the fix applies');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments || []));
      await waitForDiagnostics(doc.uri, 'json/syntax', 3);
      assert.strictEqual(positionsOf(doc, ',}').length, 3, 'one trailing comma fewer');
    } finally {
      await restore(doc, original);
    }
  });

  test("completion inside spec.config offers the plugin's fields; hover explains a field", async () => {
    const doc = await openYaml('networks/public-net.yaml');
    const original = doc.getText();
    try {
      const [master] = positionsOf(doc, '"master"');
      const hovers = await vscode.commands.executeCommand(
        'vscode.executeHoverProvider',
        doc.uri,
        master.translate(0, 2),
      );
      const text = (hovers || [])
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      assert.match(text, /master/i, `a hover on "master"; got ${JSON.stringify(text.slice(0, 200))}`);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(master.line + 1, 0), '      "",\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const list = await vscode.commands.executeCommand(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        new vscode.Position(master.line + 1, 7),
      );
      const labels = list.items.map(labelOf);
      assert.ok(labels.includes('mtu'), `macvlan field mtu offered; got ${labels.slice(0, 40).join(', ')}`);
    } finally {
      await restore(doc, original);
    }
  });

  test('snippets: the NAD snippets are offered in a YAML file', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'nad-mac' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 7),
    );
    const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
    assert.ok(snippets.includes('nad-macvlan'), `the nad-macvlan snippet; got ${snippets.join(', ') || 'none'}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('code lens and preview: "Show replication flow" on the CephCluster opens the webview', async () => {
    const cluster = await openYaml('ceph/cluster.yaml');
    const lenses = await waitFor(
      async () => {
        const r = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', cluster.uri);
        return r && r.length ? r : undefined;
      },
      20_000,
      'a code lens on the CephCluster',
    );
    const lens = lenses.find((l) => l.command && /replication flow/i.test(l.command.title));
    assert.ok(lens, `a replication-flow lens; got ${lenses.map((l) => l.command && l.command.title).join(', ')}`);
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments || []));
    const webviewTab = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    const tab = await waitFor(webviewTab, 20_000, 'a webview tab');
    await vscode.window.tabGroups.close(tab);
  });
});

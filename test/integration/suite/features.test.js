// Language features beyond diagnostics, each skipped until enabled: MULTUS_IT_FEATURES=1 (or all)
// runs them all, or name some: MULTUS_IT_FEATURES=definition,rename (names: quickfix, definition,
// references, rename, completion, preview). The tests state the contract the server and the preview follow.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const {
  activated,
  openYaml,
  ours,
  positionsOf,
  restore,
  ruleId,
  show,
  waitFor,
  waitForDiagnostics,
  wsUri,
} = require('./helpers');

const WANTED = new Set(
  (process.env.MULTUS_IT_FEATURES || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const enabled = (feature) => WANTED.has('1') || WANTED.has('all') || WANTED.has(feature);
const ANY = ['quickfix', 'definition', 'references', 'rename', 'completion', 'preview'].some(enabled);
const ftest = (feature, name, fn) =>
  enabled(feature) ? test(name, fn) : test.skip(name, fn, `MULTUS_IT_FEATURES=${feature} (or 1) runs it`);

const labelOf = (item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, '');

suite('features', () => {
  if (ANY) suiteSetup(activated);

  ftest('quickfix', 'quick fix for json/syntax removes the trailing comma', async () => {
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

  ftest(
    'quickfix',
    'Create NetworkAttachmentDefinition: beside the NADs, opened, and no new error or warning',
    async () => {
      const cluster = await openYaml('ceph/cluster.yaml');
      const original = cluster.getText();
      const created = wsUri('networks/ceph-replication-net.yaml');
      const loud = () =>
        vscode.languages
          .getDiagnostics()
          .flatMap(([u]) =>
            ours(u)
              .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
              .map((d) => `${vscode.workspace.asRelativePath(u)} ${ruleId(d)}`),
          )
          .sort();
      try {
        const edit = new vscode.WorkspaceEdit();
        const [at] = positionsOf(cluster, 'ceph-cluster-net');
        edit.replace(
          cluster.uri,
          new vscode.Range(at, at.translate(0, 'ceph-cluster-net'.length)),
          'ceph-replication-net',
        );
        assert.ok(await vscode.workspace.applyEdit(edit));
        const [diag] = await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 1);
        const before = loud().filter((x) => !x.endsWith('rook/selector-not-found'));
        const actions = await vscode.commands.executeCommand(
          'vscode.executeCodeActionProvider',
          cluster.uri,
          diag.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        const create = (actions || []).find((a) => /^Create NetworkAttachmentDefinition/.test(a.title));
        assert.ok(create, `a create action; got ${(actions || []).map((a) => a.title).join(', ') || 'none'}`);
        assert.strictEqual(
          create.title,
          'Create NetworkAttachmentDefinition "rook-ceph/ceph-replication-net" in ../networks/ceph-replication-net.yaml',
        );
        assert.ok(await vscode.workspace.applyEdit(create.edit), 'the edit applies');
        assert.ok(create.command, 'the action opens the new file');
        await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments || []));
        await waitFor(
          () => vscode.window.activeTextEditor?.document.uri.toString() === created.toString(),
          20_000,
          'the new NAD in the active editor',
        );
        const text = vscode.window.activeTextEditor.document.getText();
        assert.match(text, /name: ceph-replication-net\n {2}namespace: rook-ceph\n/);
        // 192.168.20.0/24 and 192.168.30.0/24 are taken by the workspace's NADs.
        assert.match(text, /"range": "192\.168\.21\.0\/24"/);
        await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 0);
        await waitFor(
          () => JSON.stringify(loud()) === JSON.stringify(before),
          20_000,
          `no new findings (${loud().join('; ')})`,
        );
      } finally {
        const del = new vscode.WorkspaceEdit();
        del.deleteFile(created, { ignoreIfNotExists: true });
        await vscode.workspace.applyEdit(del);
        await restore(cluster, original);
      }
    },
  );

  ftest('definition', 'go to definition from a CephCluster selector opens the NAD in the other folder', async () => {
    const cluster = await openYaml('ceph/cluster.yaml');
    const [selector] = positionsOf(cluster, 'ceph-public-net');
    const inside = selector.translate(0, 3);
    const locations = await waitFor(
      async () => {
        const r = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', cluster.uri, inside);
        return r && r.length ? r : undefined;
      },
      20_000,
      'a definition for the public selector',
    );
    const loc = locations[0];
    const uri = loc.targetUri || loc.uri;
    const range = loc.targetSelectionRange || loc.range;
    assert.strictEqual(uri.toString(), wsUri('networks/public-net.yaml').toString());
    const nad = await vscode.workspace.openTextDocument(uri);
    const [nameLine] = positionsOf(nad, 'name: ceph-public-net');
    assert.ok(
      range.contains(nameLine.translate(0, 'name: '.length)),
      `the target is metadata.name (got line ${range.start.line + 1})`,
    );
  });

  ftest('references', 'references of a NAD include the CephCluster selector in the other folder', async () => {
    const nad = await openYaml('networks/public-net.yaml');
    const [name] = positionsOf(nad, 'name: ceph-public-net');
    const at = name.translate(0, 'name: '.length + 2);
    const refs = await vscode.commands.executeCommand('vscode.executeReferenceProvider', nad.uri, at);
    const cluster = await vscode.workspace.openTextDocument(wsUri('ceph/cluster.yaml'));
    const [selector] = positionsOf(cluster, 'ceph-public-net');
    assert.ok(
      (refs || []).some((l) => l.uri.toString() === cluster.uri.toString() && l.range.contains(selector)),
      `the public selector is a reference; got ${(refs || []).map((l) => `${vscode.workspace.asRelativePath(l.uri)}:${l.range.start.line + 1}`).join(', ') || 'none'}`,
    );
  });

  ftest('rename', 'rename of a selected NAD updates the selector and the NAD', async () => {
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
      assert.ok(
        touched.includes(cluster.uri.toString()) && touched.includes(nad.uri.toString()),
        `both files change; got ${touched.join(', ')}`,
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.match(cluster.getText(), /cluster: ceph-replication-net\n/);
      assert.match(nad.getText(), /name: ceph-replication-net\n/);
      await waitForDiagnostics(cluster.uri, 'rook/selector-not-found', 0);
    } finally {
      await restore(cluster, originals[0]);
      await restore(nad, originals[1]);
    }
  });

  ftest('completion', "completion inside spec.config offers the plugin's fields", async () => {
    const doc = await openYaml('networks/public-net.yaml');
    const original = doc.getText();
    try {
      // A new, empty key after "master": the cursor goes between its quotes.
      const [master] = positionsOf(doc, '"master": "eth0",');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(master.line + 1, 0), '      "",\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const at = new vscode.Position(master.line + 1, 7);
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, at);
      const labels = list.items.map(labelOf);
      for (const field of ['mtu']) {
        assert.ok(labels.includes(field), `macvlan field ${field} offered; got ${labels.slice(0, 40).join(', ')}`);
      }
    } finally {
      await restore(doc, original);
    }
  });

  ftest('preview', 'multusNetworks.showReplicationFlow opens a webview', async () => {
    await openYaml('ceph/cluster.yaml');
    await vscode.commands.executeCommand('multusNetworks.showReplicationFlow');
    const webviewTab = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    const tab = await waitFor(webviewTab, 20_000, 'a webview tab');
    await vscode.window.tabGroups.close(tab);
  });
});

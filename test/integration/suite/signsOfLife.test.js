// Signs of life (issue 17, items 5 and 7): the language status item, the start-up lines in the
// output, a clean restart in the log; the title button's context key and the code lens's place.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { activated, openYaml, waitFor, wsUri } = require('./helpers');

/** The "Multus Networks" output channel's log file(s) under the throw-away user data dir. */
function outputLog() {
  const exts = process.env.MULTUS_IT_EXTENSIONS_DIR;
  if (!exts) return undefined;
  const found = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/Multus Networks\.log$/.test(e.name)) found.push(p);
    }
  };
  walk(path.join(path.dirname(exts), 'user', 'logs'));
  return found.length ? found.map((f) => fs.readFileSync(f, 'utf8')).join('\n') : undefined;
}

suite('signs of life', () => {
  test('the language status item shows files indexed, findings and the running server', async () => {
    await openYaml('networks/styles.yaml');
    const api = await activated();
    const view = await waitFor(
      () => api.status && /indexed/.test(api.status.text) && /error/.test(api.status.detail) && api.status,
      30_000,
      () => `the status item to show the index (now ${JSON.stringify(api.status)})`,
    );
    const files = Number(/(\d+) YAML files? indexed/.exec(view.text)?.[1]);
    assert.ok(files >= 4, `files indexed: ${view.text}`);
    assert.match(view.detail, /\d+ errors?/);
    assert.match(view.detail, /server \d+\.\d+\.\d+ running, scanned in \d+ ms/);
    assert.strictEqual(view.severity, 'info');
    assert.strictEqual(view.busy, false);
  });

  test('start-up is logged (version, workspace size, scan time); a restart logs no error', async () => {
    const api = await activated();
    const before = api.client;
    await vscode.commands.executeCommand('multusNetworks.restartServer');
    await api.ready;
    assert.notStrictEqual(api.client, before);
    await waitFor(() => api.status && /indexed/.test(api.status.text), 30_000, 'the status after the restart');
    const log = await waitFor(
      () => {
        const l = outputLog();
        return l && (l.match(/Indexed \d+ YAML files/g) || []).length >= 2 && /language server stopped/.test(l) && l;
      },
      20_000,
      () => `the output log to show two scans and the stop (log: ${outputLog()?.slice(-1500)})`,
    );
    assert.match(log, /multus-networks \d+\.\d+\.\d+: indexing the YAML files of 1 workspace folder/);
    assert.match(log, /Indexed \d+ YAML files \(\d+ with NADs, CephClusters or network annotations\) in \d+ ms\./);
    assert.doesNotMatch(log, /exited with code 0/);
    assert.doesNotMatch(log, /\[error\]/i);
  });

  test('Show Replication Flow: the title button only for a cluster or a NAD a cluster uses, with an icon', async () => {
    const api = await activated();
    const pkg = vscode.extensions.getExtension('multus-networks.multus-networks').packageJSON;
    const [button] = pkg.contributes.menus['editor/title'].filter(
      (m) => m.command === 'multusNetworks.showReplicationFlow',
    );
    assert.match(button.when, /multusNetworks\.flowAvailable/);
    const command = pkg.contributes.commands.find((c) => c.command === 'multusNetworks.showReplicationFlow');
    assert.match(command.icon, /^\$\([a-z-]+\)$/);
    for (const [file, expected] of [
      ['ceph/cluster.yaml', true],
      ['networks/styles.yaml', false],
      ['networks/public-net.yaml', true],
    ]) {
      await openYaml(file);
      await waitFor(
        () => api.flowAvailable === expected,
        20_000,
        () => `flowAvailable ${expected} for ${file} (now ${api.flowAvailable})`,
      );
    }
  });

  test('the code lens sits above the CephCluster (its first key), not between apiVersion and kind', async () => {
    const doc = await openYaml('ceph/cluster.yaml');
    const lenses = await waitFor(
      async () => {
        const l = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
        return l && l.length && l;
      },
      20_000,
      'a code lens',
    );
    const mine = lenses.filter((l) => l.command && l.command.command === 'multusNetworks.showReplicationFlow');
    assert.strictEqual(mine.length, 1);
    const line = mine[0].range.start.line;
    assert.strictEqual(doc.lineAt(line).text, 'apiVersion: ceph.rook.io/v1');
    assert.strictEqual(mine[0].range.start.character, 0);
    assert.ok(wsUri('ceph/cluster.yaml'));
  });
});

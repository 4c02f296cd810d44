// The replication flow over the language server: the `multus/flow` request's parameters, the LSP
// glue (flowResult, code lenses), and the request and code lens through the built server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { FLOW_REQUEST, flowParamsFrom, FlowResult } from '../../server/src/core/flow/protocol';
import type { Connection } from 'vscode-languageserver';
import { hasFlow } from '../../server/src/core/flow/build';
import { flowCodeLenses, flowResult } from '../../server/src/lsp/flow';
import { StatusReporter } from '../../server/src/lsp/status';
import { STATUS_NOTIFICATION, type ServerStatus } from '../../server/src/lsp/statusProtocol';
import { TestLspClient } from '../support/lspClient';
import { ROOT } from '../support/shared';
import { cephCluster, helmValues } from '../support/manifests';
import { FIXTURES, loadFolder, memoryWorkspace, uriOf } from '../support/workspaceFixtures';

const FLOW = path.join(FIXTURES, 'flow');

test('flow params: a URI is required; kinds are filtered', () => {
  assert.deepEqual(flowParamsFrom({ uri: 'file:///a', kinds: ['topology', 'x'] }), {
    uri: 'file:///a',
    kinds: ['topology'],
  });
  assert.deepEqual(flowParamsFrom({ uri: 'file:///a', kinds: ['x'] }), { uri: 'file:///a' });
  for (const bad of [null, {}, { uri: '' }, { uri: 3 }, 'file:///a']) assert.equal(flowParamsFrom(bad), undefined);
});

test('LSP glue: flowResult and one code lens per cluster with (uri, index)', () => {
  const folder = path.join(FLOW, 'ec-pool');
  const ws = loadFolder(folder);
  const uri = uriOf(path.join(folder, 'cluster.yaml'));
  const r = flowResult(ws, { uri })!;
  assert.deepEqual([r.uri, r.related, r.clusters.length, r.clusters[0].diagrams.length], [uri, false, 1, 3]);
  assert.equal(flowResult(ws, { nope: 1 }), null);
  assert.deepEqual(flowCodeLenses(ws, uri), [
    {
      // Above the object (its first key), not between apiVersion and kind.
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      command: { title: 'Show replication flow', command: 'multusNetworks.showReplicationFlow', arguments: [uri, 0] },
    },
  ]);
  // A comment and a document marker first, a second cluster, a List item, Helm values: each lens
  // sits on the line where its object starts.
  const mem = memoryWorkspace({
    'c.yaml': `# the storage cluster\n---\n${cephCluster({ name: 'a', network: 'provider: host' })}---\nmetadata:\n  name: b\n  namespace: rook-ceph\nkind: CephCluster\napiVersion: ceph.rook.io/v1\nspec: {}\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: ceph.rook.io/v1\n    kind: CephCluster\n    metadata:\n      name: c\n`,
    'values.yaml': `# chart values\n${helmValues({ clusterName: 'h', network: 'provider: host' })}`,
  });
  const lensLines = (u: string) =>
    flowCodeLenses(mem, u).map((l) => {
      const text = mem.get(u)!.text.split('\n')[l.range.start.line];
      return [l.range.start.line, l.range.start.character, text];
    });
  assert.deepEqual(lensLines('file:///mem/c.yaml'), [
    [2, 0, 'apiVersion: ceph.rook.io/v1'],
    [10, 0, 'metadata:'],
    [20, 4, '  - apiVersion: ceph.rook.io/v1'],
  ]);
  assert.deepEqual(lensLines('file:///mem/values.yaml'), [[2, 0, 'cephClusterSpec:']]);
  assert.deepEqual(flowCodeLenses(ws, uriOf(path.join(folder, 'nads.yaml'))), []);
  assert.deepEqual(flowCodeLenses(ws, 'file:///unknown.yaml'), []);
});

const SERVER_BUILT = fs.existsSync(path.join(ROOT, 'dist', 'server.js'));

test(
  'through the built server: codeLensProvider, `multus/flow` for an open document, updated after an edit',
  { skip: !SERVER_BUILT && 'dist/server.js not built' },
  async () => {
    const client = new TestLspClient();
    try {
      const init = (await client.initialize({ scanWorkspace: false })) as {
        capabilities: { codeLensProvider?: unknown };
      };
      assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
      const dir = path.join(FLOW, 'replicas-3');
      const nadUri = 'file:///tmp/multus-flow-test/nads.yaml';
      const clusterUri = 'file:///tmp/multus-flow-test/cluster.yaml';
      const clusterText = fs.readFileSync(path.join(dir, 'cluster.yaml'), 'utf8');
      await client.open(nadUri, fs.readFileSync(path.join(dir, 'nads.yaml'), 'utf8'));
      await client.open(clusterUri, clusterText);
      const lenses = (await client.conn.sendRequest('textDocument/codeLens', {
        textDocument: { uri: clusterUri },
      })) as { command: { arguments: unknown[] } }[];
      assert.deepEqual(
        lenses.map((l) => l.command.arguments),
        [[clusterUri, 0]],
      );
      const first = (await client.conn.sendRequest(FLOW_REQUEST, { uri: clusterUri })) as FlowResult;
      assert.deepEqual(first.clusters[0].model.writes, [
        { kind: 'replicated', size: 3, pools: ['replicapool'], defaulted: false },
      ]);
      assert.match(first.clusters[0].diagrams[0].mermaid, /participant O3 as OSD 3/);
      await client.change(clusterUri, 2, [{ text: clusterText.replace('size: 3', 'size: 2') }]);
      const second = (await client.conn.sendRequest(FLOW_REQUEST, { uri: clusterUri })) as FlowResult;
      assert.doesNotMatch(second.clusters[0].diagrams[0].mermaid, /participant O3/);
      assert.equal(await client.conn.sendRequest(FLOW_REQUEST, { bogus: true }), null);
    } finally {
      await client.shutdown();
    }
  },
);

test('multus/flowAvailable (hasFlow): a cluster file, a NAD a cluster uses; not an unused NAD or another file', () => {
  const folder = path.join(FLOW, 'replicas-3');
  const ws = loadFolder(folder);
  assert.equal(hasFlow(ws, uriOf(path.join(folder, 'cluster.yaml'))), true);
  assert.equal(hasFlow(ws, uriOf(path.join(folder, 'nads.yaml'))), true);
  assert.equal(hasFlow(ws, 'file:///unknown.yaml'), false);
  const mem = memoryWorkspace({
    'unused.yaml': `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: lonely\nspec:\n  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth0", "ipam": {"type": "dhcp"}}'\n`,
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    'c.yaml': cephCluster({ name: 'a', network: 'provider: multus\nselectors:\n  public: other-net' }),
  });
  assert.equal(hasFlow(mem, 'file:///mem/unused.yaml'), false);
  assert.equal(hasFlow(mem, 'file:///mem/cm.yaml'), false);
  assert.equal(hasFlow(mem, 'file:///mem/c.yaml'), true);
});

test('multus/status: files indexed, findings by severity, scan time; start-up logged; nothing sent after close', async () => {
  const sent: unknown[] = [];
  const logged: string[] = [];
  const connection = {
    console: { info: (m: string) => logged.push(m) },
    sendNotification: async (method: string, params: unknown) => {
      assert.equal(method, STATUS_NOTIFICATION);
      sent.push(params);
    },
  } as unknown as Connection;
  const folder = path.join(FLOW, 'missing-nad');
  const ws = loadFolder(folder);
  const reporter = new StatusReporter(connection, ws, (u) => !!ws.get(u)?.objects.clusters.length);
  reporter.scanBegins(1);
  reporter.scanEnds();
  reporter.published('file:///a.yaml', [
    { severity: 1, message: 'e', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
    { severity: 2, message: 'w', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
    { severity: 4, message: 'h', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
  ]);
  await new Promise((r) => setTimeout(r, 300));
  const last = sent[sent.length - 1] as ServerStatus;
  assert.deepEqual(
    [last.files, last.relevant, last.findings, last.scanning, typeof last.scanMs],
    [[...ws.uris()].length, 1, { error: 1, warning: 1, info: 1 }, false, 'number'],
  );
  assert.match(logged[0], /^multus-networks \d+\.\d+\.\d+: indexing the YAML files of 1 workspace folder/);
  assert.match(logged[1], /^Indexed \d+ YAML files \(1 with NADs, CephClusters or network annotations\) in \d+ ms\.$/);
  const count = sent.length;
  reporter.close();
  reporter.published('file:///a.yaml', []);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(sent.length, count);
});

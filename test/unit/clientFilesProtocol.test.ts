// The client feed of workspace files over the protocol (lsp/clientFiles.ts): the server lists and
// reads the workspace through multus/listFiles and multus/readFiles, answered here from memory under
// a virtual scheme (no file on disk), as the web extension's client answers them from workspace.fs.
// The same exclude rules, configuration file and cross-file checks as the disk feed; changes come as
// workspace/didChangeWatchedFiles; a closed document goes back to the client's stored version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inSkippedDir, isExcluded, relativePath } from '../../server/src/lsp/workspaceFiles';
import { TestLspClient } from '../support/lspClient';
import { cephCluster, multusNetwork, nad } from '../support/manifests';

const ROOT = 'memfs:/repo';
const at = (name: string) => `${ROOT}/${name}`;
const codes = (d: { code?: string | number }[]) => d.map((x) => String(x.code)).sort();
/** A valid NAD in rook-ceph (routes to the cluster's nodes; its own range). */
const net = (name: string, range: string) =>
  nad({
    name,
    namespace: 'rook-ceph',
    config: `'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "${range}", "routes": [{"dst": "10.0.0.0/8"}]}}'`,
  });
const CLUSTER = cephCluster({
  name: 'rook-ceph',
  namespace: 'rook-ceph',
  network: multusNetwork({ public: 'public-net', cluster: 'cluster-net' }),
});

/** A client that serves the feed's requests from `files` and records them. */
async function memoryClient(files: Map<string, string>, settings: unknown = {}) {
  const client = new TestLspClient();
  const calls: { method: string; params: unknown }[] = [];
  client.conn.onRequest('multus/listFiles', (p: { folder: string; exclude: string[] }) => {
    calls.push({ method: 'list', params: p });
    // A careless client: lists node_modules and files of other folders too (the server filters).
    return [...files.keys(), 'memfs:/elsewhere/x.yaml'].filter((u) => /\.ya?ml$/.test(u));
  });
  client.conn.onRequest('multus/readFiles', (p: { uris: string[] }) => {
    calls.push({ method: 'read', params: p });
    return p.uris.map((u) => files.get(u) ?? null);
  });
  await client.initialize({
    rootUri: ROOT,
    settings,
    initializationOptions: { workspaceFiles: 'client' },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
  });
  return { client, calls };
}

test('URI paths: relative to a folder for any scheme, drive letters compared without case, excludes and skipped folders', () => {
  assert.equal(relativePath('vscode-vfs://github/o/r', 'vscode-vfs://github/o/r/a%20b/c.yaml'), 'a b/c.yaml');
  assert.equal(relativePath('vscode-vfs://github/o/r/', 'vscode-vfs://github/o/r/c.yaml'), 'c.yaml');
  assert.equal(relativePath('vscode-vfs://github/o/r', 'vscode-vfs://github/o/rx/c.yaml'), undefined);
  assert.equal(relativePath('file:///c%3A/ws', 'file:///C:/ws/n.yaml'), 'n.yaml');
  assert.equal(isExcluded('memfs:/repo/drafts/a.yaml', ['memfs:/repo'], ['drafts/**']), true);
  assert.equal(isExcluded('memfs:/repo/draftsx/a.yaml', ['memfs:/repo'], ['drafts/**']), false);
  assert.equal(isExcluded('memfs:/other/drafts/a.yaml', ['memfs:/repo'], ['drafts/**']), false);
  assert.equal(inSkippedDir('a/node_modules/b/c.yaml'), true);
  assert.equal(inSkippedDir('a/node_modules.yaml'), false);
});

test('the workspace comes from the client: cross-file selectors resolve, excludes and skipped folders apply', async () => {
  const files = new Map([
    [at('ceph/cluster.yaml'), CLUSTER],
    [at('nets/public.yaml'), net('public-net', '10.1.0.0/24')],
    // Excluded by the setting, skipped as node_modules, and outside the folder: none resolves cluster-net.
    [at('drafts/cluster.yaml'), net('cluster-net', '10.2.0.0/24')],
    [at('node_modules/x/cluster.yaml'), net('cluster-net', '10.2.0.0/24')],
  ]);
  const { client, calls } = await memoryClient(files, { exclude: ['drafts/**'] });
  try {
    const d = await client.waitForDiagnostics(at('ceph/cluster.yaml'), (x) => x.length > 0);
    assert.deepEqual(codes(d), ['rook/selector-not-found']);
    assert.match(d[0].message, /cluster-net/);
    assert.deepEqual(calls[0], { method: 'list', params: { folder: ROOT, exclude: ['drafts/**'] } });
    const read = calls.filter((c) => c.method === 'read').flatMap((c) => (c.params as { uris: string[] }).uris);
    assert.deepEqual(read.sort(), [at('ceph/cluster.yaml'), at('nets/public.yaml')]);
    // The client reports a new file: read through the client, the selector resolves.
    files.set(at('nets/cluster.yaml'), net('cluster-net', '10.2.0.0/24'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: at('nets/cluster.yaml'), type: 1 }],
    });
    await client.waitForDiagnostics(at('ceph/cluster.yaml'), (x) => x.length === 0);
    // The folder deleted (reported as the folder only): its files are gone.
    files.delete(at('nets/cluster.yaml'));
    files.delete(at('nets/public.yaml'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: at('nets'), type: 3 }] });
    const gone = await client.waitForDiagnostics(at('ceph/cluster.yaml'), (x) => x.length === 2);
    assert.deepEqual(codes(gone), ['rook/selector-not-found', 'rook/selector-not-found']);
  } finally {
    await client.shutdown();
  }
});

test('a configuration file from the client applies; a closed document goes back to the client version', async () => {
  const files = new Map([
    [at('.multus-networks.yaml'), 'exclude:\n  - old/**\n'],
    [at('cluster.yaml'), CLUSTER],
    [at('old/nets.yaml'), net('public-net', '10.1.0.0/24')],
    [at('nets.yaml'), net('cluster-net', '10.2.0.0/24')],
    [at('spare.yaml'), net('spare-net', '10.3.0.0/24')],
  ]);
  const { client } = await memoryClient(files);
  try {
    // old/ is excluded by the configuration file: public-net is missing.
    const d = await client.waitForDiagnostics(at('cluster.yaml'), (x) => x.length > 0);
    assert.deepEqual(codes(d), ['rook/selector-not-found']);
    assert.match(d[0].message, /public-net/);
    // Open, edited to select spare-net: clean; closed: back to the client's version.
    const edited = CLUSTER.replace('public: public-net', 'public: spare-net');
    await client.open(at('cluster.yaml'), edited);
    await client.waitForDiagnostics(at('cluster.yaml'), (x, v) => v === 1 && x.length === 0);
    await client.close(at('cluster.yaml'));
    await client.waitForDiagnostics(at('cluster.yaml'), (x) => x.length === 1);
  } finally {
    await client.shutdown();
  }
});

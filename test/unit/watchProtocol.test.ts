// Files changed on disk behind the editor's back, over the protocol: the server registers
// workspace/didChangeWatchedFiles where the client can register it dynamically, and watches the
// folders itself where it cannot (Neovim 0.7, Helix...). Also the configuration file in the server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from '../support/lspClient';
import { cephCluster, multusNetwork } from '../support/manifests';

const CLUSTER = cephCluster({
  name: 'rook-ceph',
  namespace: 'rook-ceph',
  network: multusNetwork({ public: 'late-net' }),
});

const NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: late-net
  namespace: rook-ceph
spec:
  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "10.9.0.0/24", "routes": [{"dst": "10.0.0.0/8"}]}}'
`;

const OTHER = NAD.replace('late-net', 'other-net');

function tempDir(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mn-watch-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const uriOf = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).href;
const codes = (d: { code?: string | number }[]) => d.map((x) => String(x.code));

const CAPS = (dynamic: boolean) => ({
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: dynamic },
    didChangeConfiguration: { dynamicRegistration: dynamic },
  },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
});

test('a client that can: the server registers file watching (YAML files) and configuration changes dynamically', async () => {
  const dir = tempDir({ 'cluster.yaml': CLUSTER, 'nads.yaml': OTHER });
  const client = new TestLspClient();
  try {
    await client.initialize({ rootUri: pathToFileURL(dir).href, capabilities: CAPS(true) });
    await client.waitForDiagnostics(uriOf(dir, 'cluster.yaml'), (d) => d.length > 0);
    assert.deepEqual(client.registrations.map((r) => r.method).sort(), [
      'workspace/didChangeConfiguration',
      'workspace/didChangeWatchedFiles',
    ]);
    const watched = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watched?.registerOptions, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
    // The client reports a new file: the selector resolves.
    fs.writeFileSync(path.join(dir, 'late.yaml'), NAD);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(dir, 'late.yaml'), type: 1 }],
    });
    await client.waitForDiagnostics(uriOf(dir, 'cluster.yaml'), (d) => d.length === 0);
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a client that cannot (Neovim 0.7): nothing is registered, and the server sees files created, changed and deleted on disk', async () => {
  const dir = tempDir({
    'cluster.yaml': CLUSTER,
    'nads.yaml': OTHER,
    '.multus-networks.yaml': 'exclude:\n  - drafts/**\n',
  });
  const client = new TestLspClient();
  const cluster = uriOf(dir, 'cluster.yaml');
  try {
    await client.initialize({ rootUri: pathToFileURL(dir).href, capabilities: CAPS(false) });
    assert.deepEqual(codes(await client.waitForDiagnostics(cluster, (d) => d.length > 0)), ['rook/selector-not-found']);
    assert.deepEqual(client.registrations, []);
    // An excluded file is not read; a file in a new folder is.
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts/late.yaml'), NAD);
    fs.mkdirSync(path.join(dir, 'networks'));
    fs.writeFileSync(path.join(dir, 'networks/late.yaml'), NAD);
    await client.waitForDiagnostics(cluster, (d) => d.length === 0);
    const defs = await client.request<{ uri: string }[]>('textDocument/definition', {
      textDocument: { uri: cluster },
      position: { line: 9, character: 15 },
    });
    assert.deepEqual(
      defs.map((d) => d.uri),
      [uriOf(dir, 'networks/late.yaml')],
    );
    // Changed on disk: the NAD renamed away, then back.
    fs.writeFileSync(path.join(dir, 'networks/late.yaml'), NAD.replace('name: late-net', 'name: later-net'));
    await client.waitForDiagnostics(cluster, (d) => d.length === 1);
    fs.writeFileSync(path.join(dir, 'networks/late.yaml'), NAD);
    await client.waitForDiagnostics(cluster, (d) => d.length === 0);
    // The folder deleted: its files are gone.
    fs.rmSync(path.join(dir, 'networks'), { recursive: true });
    assert.deepEqual(codes(await client.waitForDiagnostics(cluster, (d) => d.length > 0)), ['rook/selector-not-found']);
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the server reports a broken configuration file on the file, applies a valid one, and warns about misspelt rule ids in the settings', async () => {
  const dir = tempDir({
    'cluster.yaml': CLUSTER,
    'nads.yaml': OTHER,
    '.multus-networks.yaml': 'rookVersion: banana\nexternalNetworks:\n  - rook-ceph/late-net\n',
  });
  const client = new TestLspClient();
  const config = uriOf(dir, '.multus-networks.yaml');
  try {
    await client.initialize({
      rootUri: pathToFileURL(dir).href,
      capabilities: CAPS(false),
      settings: { rules: { 'rook/selecter-not-found': 'off' } },
    });
    const d = await client.waitForDiagnostics(config, (x) => x.length > 0);
    assert.deepEqual(
      d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.character]),
      [['config/invalid', 1, 0, 13, 19]],
    );
    // The valid parts apply: the external NAD resolves the selector.
    await client.open(uriOf(dir, 'cluster.yaml'), CLUSTER);
    await client.waitForDiagnostics(uriOf(dir, 'cluster.yaml'), (x) => x.length === 0);
    assert.equal(client.messages.length, 1);
    assert.match(
      client.messages[0],
      /"rook\/selecter-not-found" is not a rule id.*Did you mean "rook\/selector-not-found"\?/,
    );
    // Fixed on disk: the finding goes.
    fs.writeFileSync(path.join(dir, '.multus-networks.yaml'), 'rookVersion: "1.14"\n');
    await client.waitForDiagnostics(config, (x) => x.length === 0);
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

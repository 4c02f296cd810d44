// Protocol level (the built server over stdio): "Create NetworkAttachmentDefinition" for a selector
// naming a missing NAD creates the file where the workspace's NADs live, its command makes the
// server ask the client to show it (window/showDocument), and with the new file the workspace has
// no new error or warning; "Declare as external" edits the configuration file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspDiagnostic, TestLspClient } from '../support/lspClient';
import { cephCluster, multusNetwork } from '../support/manifests';

interface TextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}
type Change = { kind: 'create'; uri: string } | { textDocument: { uri: string }; edits: TextEdit[] };
interface Action {
  title: string;
  kind?: string;
  command?: { command: string; arguments?: unknown[] };
  edit?: { documentChanges?: Change[]; changes?: Record<string, TextEdit[]> };
}

const ROOT = 'file:///tmp/multus-missing-nad-protocol';
const PUBLIC_URI = `${ROOT}/networks/public.yaml`;
const CLUSTER_URI = `${ROOT}/ceph/cluster.yaml`;
const CONFIG_URI = `${ROOT}/.multus-networks.yaml`;
const PUBLIC = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: public-net
  namespace: rook-ceph
spec:
  config: '{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "192.168.20.0/24", "routes": [{"dst": "10.0.0.0/16"}]}}'
`;
const CLUSTER = cephCluster({
  namespace: 'rook-ceph',
  network: multusNetwork({ public: 'rook-ceph/public-net', cluster: 'rook-ceph/replication-net' }),
});
const CONFIG = '# shared settings\nrookVersion: "1.16"\n';

const loud = (d: LspDiagnostic[]) => d.filter((x) => x.severity === 1 || x.severity === 2).map((x) => x.code);

async function start(): Promise<{ client: TestLspClient; shown: string[] }> {
  const client = new TestLspClient();
  const shown: string[] = [];
  client.conn.onRequest('window/showDocument', (p: { uri: string }) => {
    shown.push(p.uri);
    return { success: true };
  });
  await client.initialize({
    scanWorkspace: false,
    capabilities: {
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, workspaceFolders: true },
      window: { showDocument: { support: true } },
    },
  });
  await client.open(PUBLIC_URI, PUBLIC);
  await client.open(CLUSTER_URI, CLUSTER);
  return { client, shown };
}

async function actionsFor(client: TestLspClient): Promise<Action[]> {
  const diags = await client.waitForDiagnostics(CLUSTER_URI, (d) =>
    d.some((x) => x.code === 'rook/selector-not-found'),
  );
  assert.deepEqual(loud(diags), ['rook/selector-not-found']);
  const diag = diags.find((d) => d.code === 'rook/selector-not-found')!;
  return client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: CLUSTER_URI },
    range: diag.range,
    context: { diagnostics: [diag] },
  });
}

test('"Create NetworkAttachmentDefinition": the file goes beside the NADs, is shown, and leaves no new error or warning', async () => {
  const { client, shown } = await start();
  try {
    const actions = await actionsFor(client);
    const create = actions.find((a) => a.title.startsWith('Create'))!;
    assert.equal(
      create.title,
      'Create NetworkAttachmentDefinition "rook-ceph/replication-net" in ../networks/replication-net.yaml',
    );
    const newUri = `${ROOT}/networks/replication-net.yaml`;
    const [op, fill] = create.edit!.documentChanges!;
    assert.deepEqual(op, { kind: 'create', uri: newUri, options: { overwrite: false, ignoreIfExists: false } });
    assert.ok('edits' in fill);
    const text = fill.edits[0].newText;
    assert.match(text, /name: replication-net\n {2}namespace: rook-ceph\n/);
    assert.match(text, /"range": "192\.168\.21\.0\/24"/);
    assert.deepEqual(create.command, {
      title: 'Open the new file',
      command: 'multusNetworks.openCreatedFile',
      arguments: [newUri],
    });
    // The client applies the edit, then runs the command: the server asks it to show the file.
    await client.open(newUri, text);
    await client.request('workspace/executeCommand', {
      command: create.command!.command,
      arguments: create.command!.arguments,
    });
    assert.deepEqual(shown, [newUri]);
    // Re-analysed with the new file: the selector resolves and nothing new is loud anywhere.
    const after = await client.waitForDiagnostics(
      CLUSTER_URI,
      (d) => !d.some((x) => x.code === 'rook/selector-not-found'),
    );
    assert.deepEqual(loud(after), []);
    assert.deepEqual(loud(await client.waitForDiagnostics(newUri, () => true)), []);
    assert.deepEqual(loud(client.latest(PUBLIC_URI) ?? []), []);
  } finally {
    await client.shutdown();
  }
});

test('"Declare as external" adds the name to the configuration file, byte for byte otherwise, and the selector resolves', async () => {
  const { client } = await start();
  try {
    await client.open(CONFIG_URI, CONFIG);
    const actions = await actionsFor(client);
    const declare = actions.find((a) => a.title.startsWith('Declare'))!;
    assert.equal(
      declare.title,
      'Declare "rook-ceph/replication-net" as an external NetworkAttachmentDefinition in ../.multus-networks.yaml',
    );
    const edits = declare.edit!.changes![CONFIG_URI];
    assert.deepEqual(edits, [
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        newText: 'externalNetworks:\n  - rook-ceph/replication-net\n',
      },
    ]);
    await client.change(CONFIG_URI, 2, [{ text: `${CONFIG}externalNetworks:\n  - rook-ceph/replication-net\n` }]);
    const after = await client.waitForDiagnostics(
      CLUSTER_URI,
      (d) => !d.some((x) => x.code === 'rook/selector-not-found'),
    );
    assert.deepEqual(loud(after), []);
  } finally {
    await client.shutdown();
  }
});

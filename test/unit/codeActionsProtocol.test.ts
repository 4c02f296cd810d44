// Protocol level: code actions from the built server (dist/server.js): a preferred quick fix tied
// to its diagnostic, the "fix all" source action, a layout refactoring, and "create this NAD" as a
// workspace edit with a CreateFile operation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspDiagnostic, TestLspClient } from '../support/lspClient';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface Action {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: LspDiagnostic[];
  edit?: {
    changes?: Record<string, TextEdit[]>;
    documentChanges?: (
      { kind: 'create'; uri: string } | { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }
    )[];
  };
}

/** Applies LSP text edits to a text. */
function applyLsp(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const ROOT = 'file:///tmp/multus-code-actions-protocol';
const NAD_URI = `${ROOT}/nad.yaml`;
const NAD_TEXT = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: public-net
  namespace: rook-ceph
spec:
  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "mode": "Bridge", "ipam": {"type": "whereabouts", "range": "10.1.0.0/24",}}'
`;

let client: TestLspClient;
let capabilities: Record<string, unknown>;
before(async () => {
  client = new TestLspClient();
  const result = (await client.initialize({
    scanWorkspace: false,
    capabilities: {
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
      textDocument: {
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } },
          isPreferredSupport: true,
        },
      },
    },
  })) as { capabilities: Record<string, unknown> };
  capabilities = result.capabilities;
});
after(() => client.shutdown());

test('the server announces quick fixes, rewrites and its fix-all kind', () => {
  assert.deepEqual(capabilities.codeActionProvider, {
    codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll.multus-networks'],
  });
});

test('a quick fix for json/syntax comes with its diagnostic, is preferred, and removes exactly the comma', async () => {
  await client.open(NAD_URI, NAD_TEXT);
  const diags = await client.waitForDiagnostics(NAD_URI, (d) => d.some((x) => x.code === 'json/syntax'));
  const diag = diags.find((d) => d.code === 'json/syntax')!;
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: NAD_URI },
    range: diag.range,
    context: { diagnostics: [diag] },
  });
  const fix = actions.find((a) => a.kind === 'quickfix')!;
  assert.equal(fix.title, 'Remove the trailing comma');
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.diagnostics, [diag]);
  const edits = fix.edit!.changes![NAD_URI];
  assert.equal(applyLsp(NAD_TEXT, edits), NAD_TEXT.replace('/24",}}', '/24"}}'));
  // The config is valid then, so the layout refactoring is offered.
  const rewrites = actions.filter((a) => a.kind === 'refactor.rewrite').map((a) => a.title);
  assert.deepEqual(rewrites, []);
});

test('fix all: one source action with every safe fix of the file', async () => {
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: NAD_URI },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind]),
    [['Fix all safe Multus problems (2)', 'source.fixAll.multus-networks']],
  );
  const fixed = applyLsp(NAD_TEXT, actions[0].edit!.changes![NAD_URI]);
  assert.equal(fixed, NAD_TEXT.replace('"Bridge"', '"bridge"').replace('/24",}}', '/24"}}'));
  // Applied, the document checks clean of those problems, and a rewrite is offered.
  await client.change(NAD_URI, 2, [{ text: fixed }]);
  const after2 = await client.waitForDiagnostics(NAD_URI, (_d, v) => v === 2);
  assert.deepEqual(
    after2.map((d) => d.code).filter((c) => c === 'json/syntax' || c === 'cni/invalid-value'),
    [],
  );
  const rewrites = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: NAD_URI },
    range: { start: { line: 6, character: 20 }, end: { line: 6, character: 20 } },
    context: { diagnostics: [], only: ['refactor'] },
  });
  assert.deepEqual(
    rewrites.map((a) => [a.title, a.kind]),
    [['Write spec.config as a formatted | block', 'refactor.rewrite']],
  );
});

test('"create this NAD" is a workspace edit that creates the file and fills it', async () => {
  const uri = `${ROOT}/cluster.yaml`;
  await client.open(
    uri,
    `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: c
  namespace: rook-ceph
spec:
  network:
    provider: multus
    selectors:
      public: public-net
      cluster: replication-net
`,
  );
  const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'rook/selector-not-found'));
  const diag = diags.find((d) => d.code === 'rook/selector-not-found')!;
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diag.range,
    context: { diagnostics: [diag] },
  });
  const create = actions.find((a) => a.title.startsWith('Create NetworkAttachmentDefinition'))!;
  assert.equal(create.title, 'Create NetworkAttachmentDefinition "rook-ceph/replication-net" in replication-net.yaml');
  const [op, fill] = create.edit!.documentChanges!;
  assert.deepEqual(op, {
    kind: 'create',
    uri: `${ROOT}/replication-net.yaml`,
    options: { overwrite: false, ignoreIfExists: false },
  });
  assert.ok('edits' in fill);
  assert.match(
    fill.edits[0].newText,
    /^apiVersion: k8s\.cni\.cncf\.io\/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n {2}name: replication-net\n {2}namespace: rook-ceph\n/,
  );
});

test('no lightbulb on a valid spec.config: refactorings only when invoked or asked for by kind', async () => {
  const uri = `${ROOT}/valid.yaml`;
  const text = NAD_TEXT.replace('"Bridge"', '"bridge"').replace('/24",}}', '/24"}}').replace('public-net', 'valid-net');
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, () => true);
  const at = { start: { line: 6, character: 30 }, end: { line: 6, character: 30 } };
  const ask = (context: Record<string, unknown>) =>
    client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: at,
      context: { diagnostics: [], ...context },
    });
  // The editor asking on its own as the cursor moves (triggerKind 2): nothing.
  assert.deepEqual(await ask({ triggerKind: 2 }), []);
  assert.deepEqual(await ask({ triggerKind: 2, only: ['quickfix'] }), []);
  // The user asking (Ctrl+., triggerKind 1) or the Refactor menu (only: refactor): the rewrite.
  const rewrite = [['Write spec.config as a formatted | block', 'refactor.rewrite']];
  assert.deepEqual(
    (await ask({ triggerKind: 1 })).map((a) => [a.title, a.kind]),
    rewrite,
  );
  assert.deepEqual(
    (await ask({ triggerKind: 2, only: ['refactor'] })).map((a) => [a.title, a.kind]),
    rewrite,
  );
});

test('with more than one safe fix in the file, the quick-fix menu offers "fix all" too', async () => {
  const uri = `${ROOT}/two.yaml`;
  const text = NAD_TEXT.replace('public-net', 'two-net');
  await client.open(uri, text);
  const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'json/syntax'));
  const diag = diags.find((d) => d.code === 'json/syntax')!;
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diag.range,
    context: { diagnostics: [diag], triggerKind: 2 },
  });
  const all = actions.find((a) => a.title.startsWith('Fix all'))!;
  assert.equal(all.title, 'Fix all safe Multus problems in this file (2)');
  assert.equal(all.kind, 'quickfix');
  assert.equal(
    applyLsp(text, all.edit!.changes![uri]),
    text.replace('"Bridge"', '"bridge"').replace('/24",}}', '/24"}}'),
  );
  // One fixable problem only: no "fix all" entry.
  const one = NAD_TEXT.replace('public-net', 'one-net').replace('"Bridge"', '"bridge"');
  const oneUri = `${ROOT}/one.yaml`;
  await client.open(oneUri, one);
  const d1 = (await client.waitForDiagnostics(oneUri, (d) => d.some((x) => x.code === 'json/syntax'))).find(
    (d) => d.code === 'json/syntax',
  )!;
  const single = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: oneUri },
    range: d1.range,
    context: { diagnostics: [d1], triggerKind: 2 },
  });
  assert.ok(
    single.length > 0 && !single.some((a) => a.title.startsWith('Fix all')),
    JSON.stringify(single.map((a) => a.title)),
  );
});

// Protocol level: completion and hover from the built server (dist/server.js) over stdio, at
// cursor-marked positions (`<|>`) of opened documents.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestLspClient } from '../support/lspClient';

interface Pos {
  line: number;
  character: number;
}
interface Item {
  label: string;
  kind?: number;
  insertTextFormat?: number;
  textEdit?: { range: { start: Pos; end: Pos }; newText: string };
  filterText?: string;
  documentation?: { kind: string; value: string };
}

/** Text without the `<|>` marker, and the marker's position. */
function marked(text: string): { text: string; pos: Pos } {
  const at = text.indexOf('<|>');
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return {
    text: text.slice(0, at) + text.slice(at + 3),
    pos: { line, character: at - (before.lastIndexOf('\n') + 1) },
  };
}

const ROOT = 'file:///tmp/multus-completion-protocol';
const NAD_TEXT = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: public-net
  namespace: rook-ceph
spec:
  config: "{\\"cniVersion\\": \\"1.0.0\\", \\"type\\": \\"macvlan\\", \\"master\\": \\"eth1\\", <|>\\"ipam\\": {\\"type\\": \\"whereabouts\\", \\"range\\": \\"10.1.0.0/24\\"}}"
`;
const CLUSTER_TEXT = `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: my-cluster
  namespace: rook-ceph
spec:
  network:
    provider: multus
    selectors:
      public: <|>
`;

let client: TestLspClient;
let capabilities: Record<string, unknown>;
before(async () => {
  client = new TestLspClient();
  const result = (await client.initialize({
    scanWorkspace: false,
    capabilities: {
      textDocument: {
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown'] },
      },
    },
  })) as { capabilities: Record<string, unknown> };
  capabilities = result.capabilities;
});
after(() => client.shutdown());

test('the server announces completion (with trigger characters) and hover', () => {
  assert.deepEqual(capabilities.completionProvider, { triggerCharacters: ['"', ':', '/', ' ', ','] });
  assert.equal(capabilities.hoverProvider, true);
});

test('completion inside a double-quoted spec.config: macvlan fields as snippets, escaped with \\"', async () => {
  const m = marked(NAD_TEXT);
  const uri = `${ROOT}/nad.yaml`;
  await client.open(uri, m.text);
  const list = await client.request<{ items: Item[] }>('textDocument/completion', {
    textDocument: { uri },
    position: m.pos,
  });
  const labels = list.items.map((i) => i.label);
  for (const f of ['mode', 'mtu', 'linkInContainer']) assert.ok(labels.includes(f), f);
  assert.ok(!labels.includes('master'), 'present keys are not offered');
  const mode = list.items.find((i) => i.label === 'mode')!;
  assert.equal(mode.insertTextFormat, 2, 'snippet');
  assert.deepEqual(mode.textEdit, {
    range: { start: m.pos, end: m.pos },
    newText: '\\\\"mode\\\\": \\\\"${1|bridge,private,vepa,passthru|}\\\\", ',
  });
  assert.match(mode.documentation!.value, /\*\*mode\*\*/);
});

test('completion of a CephCluster selector offers the workspace NADs; hover on it shows the NAD', async () => {
  const m = marked(CLUSTER_TEXT);
  const uri = `${ROOT}/cluster.yaml`;
  await client.open(uri, m.text);
  const list = await client.request<{ items: Item[] }>('textDocument/completion', {
    textDocument: { uri },
    position: m.pos,
  });
  assert.deepEqual(
    list.items.map((i) => [i.label, i.kind, i.textEdit?.newText]),
    [['public-net', 18, 'public-net']],
  );
  // Accept it, then hover on it.
  await client.change(uri, 2, [{ range: { start: m.pos, end: m.pos }, text: 'public-net' }]);
  await client.waitForDiagnostics(uri, (_d, v) => v === 2);
  const hover = await client.request<{ contents: { kind: string; value: string }; range: { start: Pos; end: Pos } }>(
    'textDocument/hover',
    {
      textDocument: { uri },
      position: { line: m.pos.line, character: m.pos.character + 3 },
    },
  );
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(
    hover.contents.value,
    /^Selector `public` → `rook-ceph\/public-net`\n\n\*\*NetworkAttachmentDefinition `rook-ceph\/public-net`\*\*\n- type: `macvlan`\n- master: `eth1`\n- IPAM: `whereabouts`\n- range: `10\.1\.0\.0\/24`/,
  );
  assert.deepEqual(hover.range, {
    start: m.pos,
    end: { line: m.pos.line, character: m.pos.character + 'public-net'.length },
  });
});

test('hover on a field inside the config documents it, with the docs link', async () => {
  const uri = `${ROOT}/nad.yaml`;
  const line = marked(NAD_TEXT).text.split('\n')[6];
  const character = line.indexOf('master') + 2;
  const hover = await client.request<{ contents: { value: string }; range: { start: Pos; end: Pos } }>(
    'textDocument/hover',
    { textDocument: { uri }, position: { line: 6, character } },
  );
  assert.match(hover.contents.value, /^\*\*master\*\* `string` — macvlan\n\nNode interface the macvlan sits on/);
  assert.match(
    hover.contents.value,
    /\[Documentation\]\(https:\/\/www\.cni\.dev\/plugins\/current\/main\/macvlan\/\)$/,
  );
  assert.equal(line.slice(hover.range.start.character, hover.range.end.character), '\\"master\\"');
});

test('no completion and no hover where we have nothing to say', async () => {
  const uri = `${ROOT}/other.yaml`;
  await client.open(uri, 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n');
  assert.equal(
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 5 } }),
    null,
  );
  assert.equal(
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } }),
    null,
  );
});

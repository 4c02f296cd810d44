// Protocol level (the built server over stdio): completion from every natural cursor position, with
// only what is valid there. Inside the JSON: a lone quote (one-line and block configs, with and
// without the previous member's comma), after a comma; fields already present are not offered
// again; accepting a field leaves valid JSON (no eaten brace, no stray space). In the YAML: values
// (provider, selectors) get no snippets, a mapping key leaves no trailing space, and the manifest
// snippets appear only where a new object can start.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expandSnippet } from '../../server/src/core/features/fixes/snippets';
import { TestLspClient } from '../support/lspClient';

interface Pos {
  line: number;
  character: number;
}
interface Edit {
  range: { start: Pos; end: Pos };
  newText: string;
}
interface Item {
  label: string;
  kind?: number;
  detail?: string;
  insertTextFormat?: number;
  textEdit?: Edit;
  additionalTextEdits?: Edit[];
}
const SNIPPET_KIND = 15;

const ROOT = 'file:///tmp/multus-completion-positions';
let client: TestLspClient;
let n = 0;
before(async () => {
  client = new TestLspClient();
  await client.initialize({
    scanWorkspace: false,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
  });
});
after(() => client.shutdown());

/** Opens `marked` (the cursor at `<|>`) as a new document and asks for completion there. */
async function complete(marked: string): Promise<{ text: string; items: Item[] }> {
  const at = marked.indexOf('<|>');
  const text = marked.slice(0, at) + marked.slice(at + 3);
  const before = text.slice(0, at);
  const position = { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
  const uri = `${ROOT}/f${++n}.yaml`;
  await client.open(uri, text);
  const r = await client.request<{ items: Item[] } | null>('textDocument/completion', {
    textDocument: { uri },
    position,
    context: { triggerKind: 1 },
  });
  return { text, items: r?.items ?? [] };
}

/** The text after accepting `item` with every tab stop at its default. */
function accept(text: string, item: Item): string {
  const lines = text.split('\n');
  const off = (p: Pos) => lines.slice(0, p.line).reduce((s, l) => s + l.length + 1, 0) + p.character;
  const main = {
    ...item.textEdit!,
    newText: item.insertTextFormat === 2 ? expandSnippet(item.textEdit!.newText) : item.textEdit!.newText,
  };
  return [main, ...(item.additionalTextEdits ?? [])]
    .sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

const NAD = (config: string) =>
  `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: n\n  namespace: rook-ceph\nspec:\n  config: ${config}\n`;
const CLUSTER = (network: string) =>
  `apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata:\n  name: c\n  namespace: rook-ceph\nspec:\n  network:\n${network}`;
const labels = (items: Item[]) => items.map((i) => i.label);
const configOf = (text: string) => {
  const m = /config: '(.*)'\n/.exec(text);
  return m ? m[1] : /config: \|\n([\s\S]*)$/.exec(text)![1];
};

test('a lone quote in a one-line config: the fields not yet present; accepting one keeps the closing brace', async () => {
  const { text, items } = await complete(NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "<|>}'`));
  assert.ok(labels(items).includes('mode'), labels(items).join());
  for (const present of ['cniVersion', 'type', 'master']) assert.ok(!labels(items).includes(present), present);
  assert.ok(!items.some((i) => i.kind === SNIPPET_KIND));
  const mode = items.find((i) => i.label === 'mode')!;
  const json = configOf(accept(text, mode));
  assert.equal(json, '{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "mode": "bridge"}');
  JSON.parse(json);
});

test('a lone quote on a new line of a block config after a member without its comma: fields, and the comma is added', async () => {
  const { text, items } = await complete(
    NAD(`|\n    {\n      "cniVersion": "1.0.0",\n      "type": "macvlan"\n      "<|>\n    }`),
  );
  const master = items.find((i) => i.label === 'master');
  assert.ok(master, labels(items).join());
  assert.ok(!labels(items).includes('type'));
  const json = configOf(accept(text, master));
  assert.equal(json, '    {\n      "cniVersion": "1.0.0",\n      "type": "macvlan",\n      "master": ""\n    }\n');
  JSON.parse(json);
});

test('after a comma (with or without a space) and after the opening brace: fields; accepting leaves no stray space', async () => {
  for (const cfg of [
    `'{"cniVersion": "1.0.0", "type": "macvlan", <|>}'`,
    `'{"cniVersion": "1.0.0", "type": "macvlan",<|>}'`,
  ]) {
    const { text, items } = await complete(NAD(cfg));
    const master = items.find((i) => i.label === 'master')!;
    const json = configOf(accept(text, master));
    assert.match(json, /"macvlan", ?"master": ""\}$/);
    JSON.parse(json);
  }
  const first = await complete(NAD(`'{<|>}'`));
  assert.deepEqual(labels(first.items).slice(0, 2), ['cniVersion', 'cniVersions']);
  assert.equal(configOf(accept(first.text, first.items[0])), '{"cniVersion": "1.0.0"}');
});

test('in JSON values and selector values: only values, no snippets', async () => {
  const mode = await complete(NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "mode": "<|>"}'`));
  assert.deepEqual(labels(mode.items), ['bridge', 'private', 'vepa', 'passthru']);
  const nads = NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "ipam": {}}'`).replace(
    'name: n',
    'name: public-net',
  );
  await client.open(`${ROOT}/nads.yaml`, nads);
  const sel = await complete(CLUSTER('    provider: multus\n    selectors:\n      public: <|>\n'));
  assert.ok(labels(sel.items).includes('public-net'), labels(sel.items).join());
  assert.ok(!sel.items.some((i) => i.kind === SNIPPET_KIND));
});

test('provider: the named providers and the empty one explained; inside quotes no bare ""', async () => {
  const plain = await complete(CLUSTER('    provider: <|>\n'));
  assert.deepEqual(
    plain.items.map((i) => [i.label, i.detail ?? null]),
    [
      ['multus', null],
      ['host', null],
      ['""', "the cluster's pod network (the default)"],
    ],
  );
  const quoted = await complete(CLUSTER('    provider: "<|>"\n'));
  assert.deepEqual(labels(quoted.items), ['multus', 'host']);
  assert.equal(accept(quoted.text, quoted.items[0]), CLUSTER('    provider: "multus"\n'));
});

test('network keys: a mapping key leaves no trailing space; renaming a key before its colon inserts the key alone', async () => {
  const { text, items } = await complete(CLUSTER('    provider: multus\n    <|>\n'));
  assert.ok(!labels(items).includes('provider'), 'present keys are not offered');
  assert.equal(
    accept(
      text,
      items.find((i) => i.label === 'selectors')!,
    ),
    CLUSTER('    provider: multus\n    selectors:\n'),
  );
  assert.equal(
    accept(
      text,
      items.find((i) => i.label === 'ipFamily')!,
    ),
    CLUSTER('    provider: multus\n    ipFamily: \n'),
  );
  const rename = await complete(CLUSTER('    prov<|>: multus\n'));
  assert.equal(
    accept(
      rename.text,
      rename.items.find((i) => i.label === 'provider')!,
    ),
    CLUSTER('    provider: multus\n'),
  );
});

test('the manifest snippets only where a new object can start: an empty document, not inside one', async () => {
  const empty = await complete(`${CLUSTER('    provider: multus\n')}---\n<|>\n`);
  assert.ok(empty.items.length > 5 && empty.items.every((i) => i.kind === SNIPPET_KIND), labels(empty.items).join());
  assert.ok(labels(empty.items).includes('nad-macvlan'));
  const start = await complete('<|>');
  assert.ok(labels(start.items).includes('nad-macvlan'));
  const inside = await complete(`${CLUSTER('    provider: multus\n')}<|>\n`);
  assert.ok(!inside.items.some((i) => i.kind === SNIPPET_KIND));
  const key = await complete(CLUSTER('    provider: multus\n    <|>\n'));
  assert.ok(!key.items.some((i) => i.kind === SNIPPET_KIND));
});

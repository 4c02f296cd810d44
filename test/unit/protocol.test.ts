// Protocol level: the built server over stdio publishes the exact diagnostics and updates them on edit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestLspClient } from '../support/lspClient';

const URI = 'file:///tmp/multus-protocol-test/nad.yaml';
const TEXT = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: net1
spec:
  config: |
    {
      "cniVersion": "0.3.1",
      "name": "net1",
      "type": "macvlan",
      "master": "eth1",
      "mode": "bridge",
      "ipam": { "type": "whereabouts", "range": "10.1.0.0/24" },
    }
`;

let client: TestLspClient;
before(async () => {
  client = new TestLspClient();
  await client.initialize({ scanWorkspace: false });
});
after(() => client.shutdown());

test('opening a document publishes json/syntax at the trailing comma; an edit that removes it clears it', async () => {
  await client.open(URI, TEXT, 1);
  const diags = await client.waitForDiagnostics(URI, (d) => d.length > 0);
  assert.deepEqual(
    diags.map((d) => [
      d.code,
      d.severity,
      d.range.start.line,
      d.range.start.character,
      d.range.end.line,
      d.range.end.character,
    ]),
    [['json/syntax', 1, 12, 63, 12, 64]],
  );
  assert.equal(TEXT.split('\n')[12][63], ',');
  // Incremental change: delete the comma.
  await client.change(URI, 2, [
    { range: { start: { line: 12, character: 63 }, end: { line: 12, character: 64 } }, text: '' },
  ]);
  const after2 = await client.waitForDiagnostics(URI, (_d, v) => v === 2);
  assert.deepEqual(after2, []);
  // A second edit introduces a bad mode value.
  await client.change(URI, 3, [
    { range: { start: { line: 11, character: 15 }, end: { line: 11, character: 21 } }, text: 'source' },
  ]);
  const after3 = await client.waitForDiagnostics(URI, (_d, v) => v === 3);
  assert.deepEqual(
    after3.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    [['cni/invalid-value', 11, 14, 22]],
  );
});

test('every diagnostic links to its rule documentation', async () => {
  // A file with findings of several families (NAD, CNI, IPAM), so the loop cannot pass on nothing.
  const uri = 'file:///tmp/multus-protocol-test/links.yaml';
  await client.open(
    uri,
    TEXT.replace('name: net1', 'name: Net_1')
      .replace('"bridge"', '"sourc"')
      .replace('"whereabouts", "range": "10.1.0.0/24" },', '"host-local", "subnet": "10.1.0.7/24" }'),
  );
  const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
  const codes = new Set(diags.map((d) => d.code));
  assert.ok(codes.size >= 3, `several rules: ${[...codes].join(', ')}`);
  for (const d of diags as unknown as { code: string; codeDescription: { href: string } }[]) {
    assert.match(d.codeDescription.href, new RegExp(`docs/rules\\.md#${d.code.replace('/', '')}$`));
  }
});

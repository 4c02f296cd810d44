// Protocol level, against the built server: a SriovNetwork in one document renders the NAD that a
// KubeVirt VirtualMachine and a CephCluster in another name; definition, references and rename go
// through the SriovNetwork's metadata.name, and an edit of its spec.ipam changes the diagnostics.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from '../support/lspClient';
import { cephCluster, multusNetwork } from '../support/manifests';

const SERVER = process.env.MULTUS_SERVER_PATH;

const CR_URI = pathToFileURL('/tmp/multus-operators-test/sriov.yaml').href;
const USE_URI = pathToFileURL('/tmp/multus-operators-test/consumers.yaml').href;
const CR_TEXT = `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetwork
metadata:
  name: storage-net
  namespace: sriov-network-operator
spec:
  resourceName: intelnics
  networkNamespace: rook-ceph
  ipam: '{"type": "whereabouts", "range": "192.168.20.0/24", "routes": [{"dst": "192.168.29.0/24"}]}'
`;
const USE_TEXT = cephCluster({
  name: 'rook-ceph',
  namespace: 'rook-ceph',
  network: multusNetwork({ public: 'storage-net' }),
  extra: `---
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: vm
  namespace: apps
spec:
  template:
    spec:
      networks:
        - name: storage
          multus:
            networkName: rook-ceph/storage-net
`,
});

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
type Diag = { code?: string | number; range: Range };
const brief = (ds: Diag[]) =>
  ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
const r = (line: number, s: number, e: number): Range => ({
  start: { line, character: s },
  end: { line, character: e },
});

let client: TestLspClient | undefined;
before(async () => {
  client = new TestLspClient(SERVER);
  await client.initialize({ scanWorkspace: false });
});
after(async () => {
  await client?.shutdown();
});

test('protocol: the SriovNetwork provides the NAD; its spec.ipam is checked at the exact characters', async () => {
  const c = client!;
  await c.open(CR_URI, CR_TEXT, 1);
  await c.open(USE_URI, USE_TEXT, 1);
  assert.deepEqual(brief((await c.waitForDiagnostics(USE_URI, () => true)) as Diag[]), []);
  assert.deepEqual(brief((await c.waitForDiagnostics(CR_URI, () => true)) as Diag[]), []);
  // "range" -> "rnage": an unknown whereabouts field, on the characters of the key inside the string.
  const at = CR_TEXT.split('\n')[8].indexOf('"range"') + 2;
  await c.change(CR_URI, 2, [{ range: r(8, at, at + 2), text: 'na' }]);
  const cr = (await c.waitForDiagnostics(CR_URI, (d) => d.length > 0)) as Diag[];
  assert.deepEqual(brief(cr), [
    ['ipam/no-range', 8, 18, 31],
    ['cni/unknown-field', 8, at - 2, at + 5],
  ]);
  await c.change(CR_URI, 3, [{ range: r(8, at, at + 2), text: 'an' }]);
  await c.waitForDiagnostics(CR_URI, (d) => d.length === 0);
  // whereabouts -> host-local: the CephCluster's finding follows the NAD the SriovNetwork renders.
  const w = CR_TEXT.split('\n')[8].indexOf('whereabouts');
  await c.change(CR_URI, 4, [{ range: r(8, w, w + 11), text: 'host-local' }]);
  const use = (await c.waitForDiagnostics(USE_URI, (d) => d.length > 0)) as Diag[];
  assert.ok(
    brief(use).some((d) => d[0] === 'rook/nad-ipam-per-node' && d[1] === 9),
    JSON.stringify(brief(use)),
  );
  await c.change(CR_URI, 5, [{ range: r(8, w, w + 10), text: 'whereabouts' }]);
  await c.waitForDiagnostics(USE_URI, (d) => d.length === 0);
});

test('protocol: definition, references and rename through the SriovNetwork', async () => {
  const c = client!;
  const defs = await c.request<{ uri: string; range: Range }[]>('textDocument/definition', {
    textDocument: { uri: USE_URI },
    position: { line: 22, character: 30 },
  });
  assert.deepEqual(defs, [{ uri: CR_URI, range: r(3, 8, 19) }]);
  const refs = await c.request<{ uri: string; range: Range }[]>('textDocument/references', {
    textDocument: { uri: CR_URI },
    position: { line: 3, character: 10 },
    context: { includeDeclaration: true },
  });
  assert.deepEqual(refs, [
    { uri: USE_URI, range: r(9, 14, 25) },
    { uri: USE_URI, range: r(22, 35, 46) },
    { uri: CR_URI, range: r(3, 8, 19) },
  ]);
  const edit = await c.request<{ changes: Record<string, { range: Range; newText: string }[]> }>(
    'textDocument/rename',
    { textDocument: { uri: USE_URI }, position: { line: 9, character: 16 }, newName: 'ceph-public' },
  );
  assert.deepEqual(edit.changes, {
    [CR_URI]: [{ range: r(3, 8, 19), newText: 'ceph-public' }],
    [USE_URI]: [
      { range: r(9, 14, 25), newText: 'ceph-public' },
      { range: r(22, 35, 46), newText: 'ceph-public' },
    ],
  });
  const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', {
    textDocument: { uri: USE_URI },
    position: { line: 9, character: 16 },
  });
  assert.match(
    hover.contents.value,
    /rendered by the operator from SriovNetwork `sriov-network-operator\/storage-net`/,
  );
  assert.match(hover.contents.value, /range: `192\.168\.20\.0\/24`/);
});

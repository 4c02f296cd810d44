// Protocol level, against the built server (node esbuild.mjs; MULTUS_SERVER_PATH may point at
// another build): editing a NAD in one open document changes the diagnostics published for a
// CephCluster in another, and definition, references and rename return exact cross-file results.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from '../support/lspClient';
import { cephCluster, multusNetwork } from '../support/manifests';
import { expectedFindings, Finding, FIXTURES, MY_FAMILIES, sortFindings } from '../support/workspaceFixtures';

const SERVER = process.env.MULTUS_SERVER_PATH;

const NAD_URI = pathToFileURL('/tmp/multus-crossfile-test/nads.yaml').href;
const CLUSTER_URI = pathToFileURL('/tmp/multus-crossfile-test/cluster.yaml').href;
const NAD_TEXT = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: public-nett
  namespace: rook-ceph
spec:
  config: |
    {
      "cniVersion": "0.3.1",
      "name": "public-nett",
      "type": "macvlan",
      "master": "eth1",
      "mode": "bridge",
      "ipam": { "type": "whereabouts", "range": "192.168.20.0/24", "routes": [{ "dst": "192.168.29.0/24" }] }
    }
`;
const CLUSTER_TEXT = cephCluster({
  name: 'rook-ceph',
  namespace: 'rook-ceph',
  network: multusNetwork({ public: 'public-net' }),
});

let client: TestLspClient | undefined;
before(async () => {
  client = new TestLspClient(SERVER);
  await client.initialize({ scanWorkspace: false });
});
after(async () => {
  await client?.shutdown();
});

type Diag = {
  code?: string | number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  data?: unknown;
};
const brief = (ds: Diag[]) =>
  ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);

test('protocol: editing the NAD document changes the diagnostics published for the CephCluster document', async () => {
  const c = client!;
  await c.open(NAD_URI, NAD_TEXT, 1);
  await c.open(CLUSTER_URI, CLUSTER_TEXT, 1);
  const first = (await c.waitForDiagnostics(CLUSTER_URI, (d) => d.length > 0)) as Diag[];
  assert.deepEqual(brief(first), [['rook/selector-not-found', 9, 14, 24]]);
  assert.deepEqual((first[0].data as { suggestions: string[] }).suggestions, ['public-nett']);
  // Fix the NAD's name (line 3, "public-nett" -> "public-net"): the cluster's warning goes away.
  await c.change(NAD_URI, 2, [
    { range: { start: { line: 3, character: 18 }, end: { line: 3, character: 19 } }, text: '' },
  ]);
  await c.waitForDiagnostics(CLUSTER_URI, (d) => d.length === 0);
  // Break it differently: a host-local IPAM now gives a per-node warning on the cluster's selector.
  const ipamLine = NAD_TEXT.split('\n')[13];
  const w = ipamLine.indexOf('whereabouts');
  await c.change(NAD_URI, 3, [
    {
      range: { start: { line: 13, character: w }, end: { line: 13, character: w + 'whereabouts'.length } },
      text: 'host-local',
    },
  ]);
  const third = (await c.waitForDiagnostics(CLUSTER_URI, (d) => d.length > 0)) as Diag[];
  assert.deepEqual(brief(third), [['rook/nad-ipam-per-node', 9, 14, 24]]);
  const rel = (third[0] as unknown as { relatedInformation: { location: { uri: string; range: Diag['range'] } }[] })
    .relatedInformation;
  assert.deepEqual(
    rel.map((r) => [
      r.location.uri,
      r.location.range.start.line,
      r.location.range.start.character,
      r.location.range.end.character,
    ]),
    [[NAD_URI, 3, 8, 18]],
  );
});

test('protocol: definition, references and rename across the two documents', async () => {
  const c = client!;
  const pos = { line: 9, character: 17 };
  const defs = await c.request<{ uri: string; range: Diag['range'] }[]>('textDocument/definition', {
    textDocument: { uri: CLUSTER_URI },
    position: pos,
  });
  assert.deepEqual(defs, [
    { uri: NAD_URI, range: { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } } },
  ]);
  const refs = await c.request<{ uri: string; range: Diag['range'] }[]>('textDocument/references', {
    textDocument: { uri: NAD_URI },
    position: { line: 3, character: 10 },
    context: { includeDeclaration: true },
  });
  assert.deepEqual(refs, [
    { uri: CLUSTER_URI, range: { start: { line: 9, character: 14 }, end: { line: 9, character: 24 } } },
    { uri: NAD_URI, range: { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } } },
  ]);
  const prep = await c.request<{ range: Diag['range']; placeholder: string }>('textDocument/prepareRename', {
    textDocument: { uri: CLUSTER_URI },
    position: pos,
  });
  assert.deepEqual(prep, {
    range: { start: { line: 9, character: 14 }, end: { line: 9, character: 24 } },
    placeholder: 'public-net',
  });
  const edit = await c.request<{ changes: Record<string, { range: Diag['range']; newText: string }[]> }>(
    'textDocument/rename',
    {
      textDocument: { uri: CLUSTER_URI },
      position: pos,
      newName: 'ceph-public',
    },
  );
  assert.deepEqual(edit.changes, {
    [NAD_URI]: [
      { range: { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } }, newText: 'ceph-public' },
    ],
    [CLUSTER_URI]: [
      { range: { start: { line: 9, character: 14 }, end: { line: 9, character: 24 } }, newText: 'ceph-public' },
    ],
  });
  await assert.rejects(
    c.request('textDocument/rename', { textDocument: { uri: CLUSTER_URI }, position: pos, newName: 'Ceph_Public' }),
    (err: { code: number; message: string }) => err.code === -32602 && /DNS-1123 label/.test(err.message),
  );
});

test('protocol: the first scan of a fixture workspace publishes exactly the expected cross-file findings', async () => {
  const root = path.join(FIXTURES, 'workspace-rules');
  const ws = new TestLspClient(SERVER);
  try {
    await ws.initialize({ rootUri: pathToFileURL(root).href });
    const expected = expectedFindings(root);
    const files = [...new Set(expected.map((e) => e.file))];
    // Diagnostics published while the scan is still loading files may be partial; they converge.
    const got: Finding[] = [];
    for (const file of files) {
      const uri = pathToFileURL(path.join(root, file)).href;
      const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
      const mine = (diags: Diag[]): Finding[] =>
        diags
          .filter((d) => MY_FAMILIES(String(d.code)) && d.range.start.line === d.range.end.line)
          .map((d) => ({
            file,
            line: d.range.start.line,
            code: String(d.code),
            slice: lines[d.range.start.line].slice(d.range.start.character, d.range.end.character),
          }));
      const key = (xs: Finding[]) =>
        sortFindings(xs)
          .map((f) => `${f.line}:${f.code}:${f.slice}`)
          .join('|');
      const want = key(expected.filter((e) => e.file === file));
      const diags = (await ws.waitForDiagnostics(uri, (d) => key(mine(d as Diag[])) === want)) as Diag[];
      got.push(...mine(diags));
    }
    assert.deepEqual(sortFindings(got), sortFindings(expected.map(({ severity: _s, ...e }) => e)));
  } finally {
    await ws.shutdown();
  }
});

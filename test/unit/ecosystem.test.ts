// The wider ecosystem (issue 14): what reaches the user and nothing else. The yaml library's own
// warnings (process warnings on stderr) are not findings and must never be printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/core/analyze';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { fixesFor } from '../../server/src/core/features/codeActions';
import { cephCluster, multusNetwork, nad } from '../support/manifests';
import { memoryWorkspace } from '../support/workspaceFixtures';

const COLLECTION_KEY = `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: rook-ceph
  namespace: rook-ceph
spec:
  network:
    provider: multus
    ? [public, cluster]
    : rook-ceph/ceph-net
    selectors:
      public: rook-ceph/public-net
`;

test('no yaml library chatter on stderr: a collection as a mapping key', () => {
  const warnings: unknown[] = [];
  const original = process.emitWarning;
  process.emitWarning = ((w: unknown) => void warnings.push(w)) as typeof process.emitWarning;
  try {
    const problems = analyzeFile('file:///c.yaml', COLLECTION_KEY, DEFAULT_SETTINGS, ALL_CHECKS.local).problems;
    // The file is still checked: the selector is resolved (and not found in this one-file workspace).
    assert.ok(Array.isArray(problems));
  } finally {
    process.emitWarning = original;
  }
  assert.deepEqual(warnings, []);
});

// ---------------------------------------------------------------------------------------------
// ref/namespace-in-name: "name": "ns/net" in the JSON form.

const pod = (value: string) => `apiVersion: v1
kind: Pod
metadata:
  name: client
  namespace: apps
  annotations:
    k8s.v1.cni.cncf.io/networks: '${value}'
spec:
  containers:
    - name: c
      image: busybox
`;

/** `code covered-text` of the findings with these codes. */
function found(text: string, codes: string[]): string[] {
  return analyzeFile('file:///p.yaml', text, DEFAULT_SETTINGS, ALL_CHECKS.local)
    .problems.filter((p) => codes.includes(p.code))
    .map((p) => `${p.code} ${text.slice(p.start, p.end)}`);
}

const REF_CODES = ['ref/namespace-in-name', 'ref/annotation-syntax'];

test('ref/namespace-in-name: a namespace written into the JSON name', () => {
  assert.deepEqual(found(pod('[{"name": "net/storage-net"}]'), REF_CODES), ['ref/namespace-in-name "net/storage-net"']);
  const p = analyzeFile(
    'file:///p.yaml',
    pod('[{"name": "net/storage-net"}]'),
    DEFAULT_SETTINGS,
    ALL_CHECKS.local,
  ).problems.find((x) => x.code === 'ref/namespace-in-name')!;
  assert.equal(p.severity, 'error');
  assert.match(p.message, /does not split the name/);
  assert.match(p.message, /Write "namespace": "net", "name": "storage-net"\.$/);
  assert.doesNotMatch(p.message, /`/);
});

test('ref/namespace-in-name: a different namespace field already set', () => {
  const text = pod('[{"name": "net/storage-net", "namespace": "other"}]');
  assert.deepEqual(found(text, REF_CODES), ['ref/namespace-in-name "net/storage-net"']);
  const p = analyzeFile('file:///p.yaml', text, DEFAULT_SETTINGS, ALL_CHECKS.local).problems.find(
    (x) => x.code === 'ref/namespace-in-name',
  )!;
  assert.match(p.message, /The field namespace already says "other"/);
});

test('ref/namespace-in-name near misses: the short form, a separate namespace, two slashes', () => {
  assert.deepEqual(found(pod('net/storage-net'), REF_CODES), []);
  assert.deepEqual(found(pod('[{"name": "storage-net", "namespace": "net"}]'), REF_CODES), []);
  // Not a namespace/name pair: still the syntax finding.
  assert.deepEqual(found(pod('[{"name": "a/b/c"}]'), REF_CODES), ['ref/annotation-syntax "a/b/c"']);
});

// ---------------------------------------------------------------------------------------------
// rook/address-range-mismatch sits where the fix goes: the addressRanges entry.

const STORAGE_NAD = nad({
  name: 'ceph-cluster',
  namespace: 'rook-ceph',
  config: `'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth2", "ipam": {"type": "whereabouts", "range": "10.60.0.0/24"}}'`,
});

/** `ranges`: the addressRanges.cluster entries as they sit in the file (indented by eight). */
const clusterWith = (ranges: string) =>
  cephCluster({
    name: 'rook-ceph',
    namespace: 'rook-ceph',
    network: `${multusNetwork({ cluster: 'rook-ceph/ceph-cluster' })}addressRanges:\n  cluster:\n${ranges.replace(/^ {4}/gm, '')}`,
  });

function mismatch(ranges: string) {
  const files = { 'nad.yaml': STORAGE_NAD, 'cluster.yaml': clusterWith(ranges) };
  const ws = memoryWorkspace(files);
  const text = files['cluster.yaml'];
  return ws
    .problemsFor('file:///mem/cluster.yaml')
    .filter((p) => p.code === 'rook/address-range-mismatch')
    .map((p) => ({
      at: text.slice(p.start, p.end),
      related: (p.related ?? []).map(
        (r) => `${r.uri.split('/').pop()} ${files[r.uri.split('/').pop() as 'nad.yaml'].slice(r.start, r.end)}`,
      ),
      message: p.message,
    }));
}

test('rook/address-range-mismatch: on the one addressRanges entry, related to the NAD range and the selector', () => {
  const [m, ...rest] = mismatch('        - 10.70.0.0/24');
  assert.equal(rest.length, 0);
  assert.equal(m.at, '10.70.0.0/24');
  assert.deepEqual(m.related, ['nad.yaml "10.60.0.0/24"', 'cluster.yaml rook-ceph/ceph-cluster']);
  assert.match(m.message, /^addressRanges\.cluster \(10\.70\.0\.0\/24\) does not contain 10\.60\.0\.0\/24/);
  assert.doesNotMatch(m.message, /`/);
});

test('rook/address-range-mismatch: several entries put it on the list key', () => {
  assert.deepEqual(
    mismatch('        - 10.70.0.0/24\n        - 10.71.0.0/24').map((m) => m.at),
    ['cluster'],
  );
});

test('rook/address-range-mismatch near miss: a range that contains the NAD range', () => {
  assert.deepEqual(mismatch('        - 10.60.0.0/16'), []);
});

// ---------------------------------------------------------------------------------------------
// k8s/unknown-field and k8s/kind-near-miss: our objects as the API server reads them.

const nadDoc = (
  head: string,
  spec = `  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}'`,
) => `apiVersion: k8s.cni.cncf.io/v1
kind: ${head}
metadata:
  name: ceph-public
  namespace: rook-ceph
spec:
${spec}
`;
const K8S = ['k8s/unknown-field', 'k8s/kind-near-miss'];

test('k8s/unknown-field: a misspelt spec key, prose pasted as a key', () => {
  assert.deepEqual(
    found(nadDoc('NetworkAttachmentDefinition', `  confg: '{"cniVersion": "0.3.1", "type": "macvlan"}'`), K8S),
    ['k8s/unknown-field confg'],
  );
  const prose = `${nadDoc('NetworkAttachmentDefinition')}Use this network for the Ceph public traffic: yes\n`;
  assert.deepEqual(found(prose, K8S), ['k8s/unknown-field Use this network for the Ceph public traffic']);
  const p = analyzeFile(
    'file:///p.yaml',
    nadDoc('NetworkAttachmentDefinition', `  Config: '{"cniVersion": "0.3.1", "type": "macvlan"}'`),
    DEFAULT_SETTINGS,
    ALL_CHECKS.local,
  ).problems.find((x) => x.code === 'k8s/unknown-field')!;
  assert.equal(p.severity, 'error');
  assert.match(p.message, /Did you mean "config"\?$/);
  assert.deepEqual(p.data, { suggestion: 'config' });
});

test('k8s/unknown-field near misses: status, a CephCluster spec (preserves unknown fields), a template', () => {
  assert.deepEqual(found(`${nadDoc('NetworkAttachmentDefinition')}status: {}\n`, K8S), []);
  const cluster = `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: rook-ceph
  namespace: rook-ceph
spec:
  dataDirHostPath: /var/lib/rook
  anythingRookAdds: true
`;
  assert.deepEqual(found(cluster, K8S), []);
  // A Deployment is not ours.
  assert.deepEqual(found(pod('net/storage-net').replace('spec:', 'sepc:'), K8S), []);
});

test('k8s/kind-near-miss: plural, letter case, a slip', () => {
  assert.deepEqual(found(nadDoc('NetworkAttachmentDefinitions'), K8S), [
    'k8s/kind-near-miss NetworkAttachmentDefinitions',
  ]);
  assert.deepEqual(found(nadDoc('networkattachmentdefinition'), K8S), [
    'k8s/kind-near-miss networkattachmentdefinition',
  ]);
  assert.deepEqual(found(nadDoc('NetworkAttachementDefinition'), K8S), [
    'k8s/kind-near-miss NetworkAttachementDefinition',
  ]);
  const cluster = `apiVersion: ceph.rook.io/v1\nkind: Cephcluster\nmetadata:\n  name: rook-ceph\nspec: {}\n`;
  assert.deepEqual(found(cluster, K8S), ['k8s/kind-near-miss Cephcluster']);
});

test('k8s/kind-near-miss near misses: other kinds of our groups, our kind under a patch apiVersion', () => {
  const other = (apiVersion: string, kind: string) =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec: {}\n`;
  assert.deepEqual(found(other('k8s.cni.cncf.io/v1beta1', 'MultiNetworkPolicy'), K8S), []);
  assert.deepEqual(found(other('ceph.rook.io/v1', 'CephClient'), K8S), []);
  assert.deepEqual(found(other('ceph.rook.io/v1', 'CephFilesystem'), K8S), []);
  assert.deepEqual(found(other('nmstate.io/v1', 'NetworkAttachmentDefinition'), K8S), []);
  assert.deepEqual(found(other('apps/v1', 'Deployment'), K8S), []);
});

test('quick fixes: the kind and the key take the suggested spelling, nothing else changes', () => {
  for (const [text, code, expected] of [
    [nadDoc('NetworkAttachmentDefinitions'), 'k8s/kind-near-miss', nadDoc('NetworkAttachmentDefinition')],
    [
      nadDoc('NetworkAttachmentDefinition', `  "confg": '{"cniVersion": "0.3.1", "type": "macvlan"}'`),
      'k8s/unknown-field',
      nadDoc('NetworkAttachmentDefinition', `  "config": '{"cniVersion": "0.3.1", "type": "macvlan"}'`),
    ],
  ] as const) {
    const ws = memoryWorkspace({ 'n.yaml': text });
    const uri = 'file:///mem/n.yaml';
    const p = ws.problemsFor(uri).find((x) => x.code === code)!;
    const [f] = fixesFor({ uri, analysis: ws.get(uri)!, workspace: ws }, p);
    assert.ok(f?.isPreferred, code);
    const edits = f.change.edits.get(uri)!;
    let out = text;
    for (const e of [...edits].sort((a, b) => b.start - a.start))
      out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    assert.equal(out, expected);
    const after = memoryWorkspace({ 'n.yaml': out }).problemsFor(uri);
    assert.deepEqual(
      after.filter((x) => K8S.includes(x.code)),
      [],
    );
  }
});

test('nad/duplicate across files only within one folder and only for differing configs (alternatives elsewhere are not applied together)', () => {
  const nad = nadDoc('NetworkAttachmentDefinition');
  const dups = (files: Record<string, string>, file: string) =>
    memoryWorkspace(files)
      .problemsFor(`file:///mem/${file}`)
      .filter((p) => p.code === 'nad/duplicate')
      .map((p) => `${p.severity} ${files[file].slice(p.start, p.end)}`);
  const other = nadDoc(
    'NetworkAttachmentDefinition',
    `  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth2"}'`,
  );
  assert.deepEqual(dups({ 'net/a.yaml': nad, 'net/b.yaml': other }, 'net/a.yaml'), ['warning ceph-public']);
  // The same config in another file of the folder (written differently) replaces the NAD with itself.
  const sameAgain = nadDoc(
    'NetworkAttachmentDefinition',
    `  config: |\n    {"master": "eth1", "type": "macvlan",\n     "cniVersion": "0.3.1"}`,
  );
  assert.deepEqual(dups({ 'net/a.yaml': nad, 'net/b.yaml': sameAgain }, 'net/a.yaml'), []);
  assert.deepEqual(dups({ 'ipv4/net.yaml': nad, 'ipv6/net.yaml': nad }, 'ipv4/net.yaml'), []);
  assert.deepEqual(dups({ 'net/a.yaml': `${nad}---\n${nad}` }, 'net/a.yaml'), [
    'error ceph-public',
    'error ceph-public',
  ]);
});

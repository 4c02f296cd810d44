// Fixes for a reference to a NAD the workspace lacks: "Create NetworkAttachmentDefinition" (where the
// NADs live, a range that overlaps nothing, no new error or warning once the file exists) and
// "Declare as external" (externalNetworks of the governing configuration file, the rest byte for byte).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/features/codeActions';
import { addExternalNetwork } from '../../server/src/core/features/fixes/missingNad';
import type { Fix } from '../../server/src/core/features/fixes/types';
import type { Workspace } from '../../server/src/core/workspace';
import { cephCluster, macvlanConfig, nad } from '../support/manifests';
import { memoryWorkspace } from '../support/workspaceFixtures';

const PUBLIC = nad({
  name: 'public-net',
  namespace: 'rook-ceph',
  config: macvlanConfig('192.168.20.0/24'),
});
const clusterWith = (network: string) => cephCluster({ name: 'c', namespace: 'rook-ceph', network });
const MULTUS = 'provider: multus\nselectors:\n  public: rook-ceph/public-net\n  cluster: rook-ceph/cluster-net';
const CLUSTER_URI = 'file:///mem/ceph/cluster.yaml';

/** Errors and warnings of every file, as "file code". */
const loud = (ws: Workspace) =>
  [...ws.uris()]
    .flatMap((u) =>
      ws
        .problemsFor(u)
        .filter((p) => p.severity === 'error' || p.severity === 'warning')
        .map((p) => `${u.slice('file:///mem/'.length)} ${p.code}`),
    )
    .sort();

function fixesOf(ws: Workspace, uri = CLUSTER_URI): Fix[] {
  const p = ws.problemsFor(uri).find((x) => x.code === 'rook/selector-not-found');
  assert.ok(p, 'the selector is not found');
  return fixesFor({ uri, analysis: ws.get(uri)!, workspace: ws }, p);
}

/** Applies a fix's creates and edits to the workspace. */
function apply(ws: Workspace, f: Fix): void {
  for (const c of f.change.creates) ws.setFile(c.uri, c.text);
  for (const [uri, edits] of f.change.edits) ws.setFile(uri, applyEdits(ws.get(uri)!.text, edits));
}

test('the created NAD goes where the NADs live, with a range that overlaps nothing, and leaves no new error or warning', () => {
  const ws = memoryWorkspace({ 'networks/public.yaml': PUBLIC, 'ceph/cluster.yaml': clusterWith(MULTUS) });
  const before = loud(ws);
  assert.deepEqual(before, ['ceph/cluster.yaml rook/selector-not-found']);
  const create = fixesOf(ws).find((f) => f.change.creates.length)!;
  assert.equal(
    create.title,
    'Create NetworkAttachmentDefinition "rook-ceph/cluster-net" in ../networks/cluster-net.yaml',
  );
  assert.equal(create.open, 'file:///mem/networks/cluster-net.yaml');
  const [file] = create.change.creates;
  assert.equal(file.uri, 'file:///mem/networks/cluster-net.yaml');
  assert.match(
    file.text,
    /^apiVersion: k8s\.cni\.cncf\.io\/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n {2}name: cluster-net\n {2}namespace: rook-ceph\n/,
  );
  // 192.168.20.0/24 is the public NAD's: the next free one.
  assert.match(file.text, /"range": "192\.168\.21\.0\/24"/);
  apply(ws, create);
  assert.deepEqual(loud(ws), []);
});

test('the created NAD takes the cluster addressRanges of its network when it has them; IPv6 when Ceph binds IPv6', () => {
  const ranged = `${MULTUS}\naddressRanges:\n  public:\n    - 192.168.20.0/24\n  cluster:\n    - 10.50.0.0/24`;
  const ws = memoryWorkspace({ 'networks/public.yaml': PUBLIC, 'ceph/cluster.yaml': clusterWith(ranged) });
  const create = fixesOf(ws).find((f) => f.change.creates.length)!;
  assert.match(create.change.creates[0].text, /"range": "10\.50\.0\.0\/24"/);
  apply(ws, create);
  assert.deepEqual(loud(ws), []);
  // Without addressRanges for it, a range that overlaps the other network's addressRanges is avoided.
  const other = `${MULTUS}\naddressRanges:\n  public:\n    - 192.168.20.0/23`;
  const ws2 = memoryWorkspace({ 'networks/public.yaml': PUBLIC, 'ceph/cluster.yaml': clusterWith(other) });
  assert.match(
    fixesOf(ws2).find((f) => f.change.creates.length)!.change.creates[0].text,
    /"range": "192\.168\.22\.0\/24"/,
  );
  const v6 = memoryWorkspace({ 'ceph/cluster.yaml': clusterWith(`ipFamily: IPv6\n${MULTUS}`) });
  const p = v6.problemsFor(CLUSTER_URI).find((x) => x.code === 'rook/selector-not-found')!;
  const c6 = fixesFor({ uri: CLUSTER_URI, analysis: v6.get(CLUSTER_URI)!, workspace: v6 }, p).find(
    (f) => f.change.creates.length,
  )!;
  assert.match(c6.change.creates[0].text, /"range": "fd00:0:0:20::\/64"/);
  assert.equal(
    c6.change.creates[0].uri,
    'file:///mem/ceph/public-net.yaml',
    'no NAD in the workspace: next to the cluster',
  );
});

test('"Declare as external" creates .multus-networks.yaml at the root when there is none, and the selector resolves', () => {
  const ws = memoryWorkspace({ 'networks/public.yaml': PUBLIC, 'ceph/cluster.yaml': clusterWith(MULTUS) });
  const declare = fixesOf(ws).find((f) => f.title.startsWith('Declare'))!;
  assert.equal(
    declare.title,
    'Declare "rook-ceph/cluster-net" as an external NetworkAttachmentDefinition in ../.multus-networks.yaml',
  );
  assert.deepEqual(declare.change.creates, [
    { uri: 'file:///mem/.multus-networks.yaml', text: 'externalNetworks:\n  - rook-ceph/cluster-net\n' },
  ]);
  apply(ws, declare);
  assert.deepEqual(loud(ws), []);
  // With the editor's workspace folder known, the file goes there.
  const p = memoryWorkspace({ 'a/ceph/cluster.yaml': clusterWith(MULTUS), 'a/networks/public.yaml': PUBLIC });
  const uri = 'file:///mem/a/ceph/cluster.yaml';
  const prob = p.problemsFor(uri).find((x) => x.code === 'rook/selector-not-found')!;
  const d2 = fixesFor({ uri, analysis: p.get(uri)!, workspace: p, roots: ['file:///mem/a'] }, prob).find((f) =>
    f.title.startsWith('Declare'),
  )!;
  assert.equal(d2.change.creates[0].uri, 'file:///mem/a/.multus-networks.yaml');
});

test('"Declare as external" edits the existing configuration file, keeping every other byte', () => {
  const config =
    '# our settings\nrookVersion: "1.16"   # pinned\nexternalNetworks:\n  - other/net   # from the infra repo\n  - name: x\n    namespace: y\nrules:\n  nad/unused: off\n';
  const ws = memoryWorkspace({
    '.multus-networks.yaml': config,
    'networks/public.yaml': PUBLIC,
    'ceph/cluster.yaml': clusterWith(MULTUS),
  });
  const declare = fixesOf(ws).find((f) => f.title.startsWith('Declare'))!;
  assert.equal(declare.change.creates.length, 0);
  const edits = declare.change.edits.get('file:///mem/.multus-networks.yaml')!;
  assert.equal(
    applyEdits(config, edits),
    config.replace('    namespace: y\n', '    namespace: y\n  - rook-ceph/cluster-net\n'),
  );
  apply(ws, declare);
  assert.deepEqual(loud(ws), []);
});

test('addExternalNetwork: block list, flow list, empty key, no key, empty file, CRLF; unreadable files are left alone', () => {
  const add = (t: string) => {
    const e = addExternalNetwork(t, 'ns/n');
    return e && applyEdits(t, [e]);
  };
  assert.equal(add('externalNetworks:\n- a/b\n'), 'externalNetworks:\n- a/b\n- ns/n\n');
  assert.equal(add('externalNetworks: [a/b]  # x\n'), 'externalNetworks: [a/b, ns/n]  # x\n');
  assert.equal(add('externalNetworks: []\n'), 'externalNetworks: [ns/n]\n');
  assert.equal(add('externalNetworks:\nrookVersion: "1.16"\n'), 'externalNetworks:\n  - ns/n\nrookVersion: "1.16"\n');
  assert.equal(add('externalNetworks: ~\n'), 'externalNetworks: [ns/n]\n');
  assert.equal(add('rookVersion: "1.16"'), 'rookVersion: "1.16"\nexternalNetworks:\n  - ns/n\n');
  assert.equal(add(''), 'externalNetworks:\n  - ns/n\n');
  assert.equal(add('# only a comment\n'), '# only a comment\nexternalNetworks:\n  - ns/n\n');
  assert.equal(add('externalNetworks:\r\n  - a/b\r\n'), 'externalNetworks:\r\n  - a/b\r\n  - ns/n\r\n');
  assert.equal(add('rookVersion: [unclosed\n'), undefined);
  assert.equal(add('- a list\n'), undefined);
});

// The workspace index: per-file contributions replaced whole, namespace semantics, precise
// dependents, and staying cheap on large workspaces.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileRefs } from '../../server/src/core/ref/fileRefs';
import { cpuTimed } from '../support/cpuTime';
import { cephCluster, multusNetwork, nad } from '../support/manifests';
import { FIXTURES, loadFolder, memoryWorkspace } from '../support/workspaceFixtures';

const NAD = (name: string, namespace?: string, range = '10.1.0.0/24', extra = '') =>
  nad({
    name,
    namespace,
    config: `'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "mode": "bridge"${extra}, "ipam": {"type": "whereabouts", "range": "${range}", "routes": [{"dst": "10.0.0.0/8"}]}}'`,
  });
const CLUSTER = (namespace: string | undefined, pub: string, clu?: string) =>
  cephCluster({ name: 'c', namespace, network: multusNetwork({ public: pub, cluster: clu }) });
const M = (name: string) => `file:///mem/${name}`;

test('a file contribution is replaced whole on setFile and dropped on removeFile', () => {
  const ws = memoryWorkspace({ 'a.yaml': `${NAD('x', 'n')}---\n${NAD('y', 'n')}` });
  const idx = ws.index;
  assert.deepEqual([...idx.nadNames()].sort(), ['x', 'y']);
  ws.setFile(M('a.yaml'), NAD('z', 'n'));
  assert.deepEqual([...idx.nadNames()].sort(), ['z']);
  ws.setFile(M('b.yaml'), NAD('z', 'm'));
  assert.deepEqual(
    idx
      .nadsNamed('z')
      .map((n) => `${n.namespace}/${n.name}@${n.uri.slice(12)}`)
      .sort(),
    ['m/z@b.yaml', 'n/z@a.yaml'],
  );
  ws.removeFile(M('a.yaml'));
  assert.deepEqual(
    idx.nadsNamed('z').map((n) => n.uri),
    [M('b.yaml')],
  );
  ws.removeFile(M('b.yaml'));
  assert.deepEqual([...idx.nadNames()], []);
  assert.deepEqual([...idx.allRefs()], []);
});

test('the index holds clusters (CR and Helm), pools and annotation references', () => {
  const ws = loadFolder(path.join(FIXTURES, 'workspace-rook'));
  const idx = ws.index;
  assert.deepEqual([...idx.clusters()].map((c) => [c.cluster.source, c.cluster.name, c.cluster.namespace]).sort(), [
    ['cr', 'rook-ceph', 'rook-ceph'],
    ['helm', 'rook-ceph', undefined],
  ]);
  assert.deepEqual(
    [...idx.pools()].map((p) => [p.pool.name, p.pool.replicatedSize]),
    [['replicapool', 3]],
  );
  assert.deepEqual(
    [...idx.allRefs()]
      .map((r) => [r.site.origin, r.site.selectorKey ?? '', r.name, r.namespace ?? '*', r.namespaceSource])
      .sort(),
    [
      ['annotation', '', 'apps-net', 'apps', 'owner'],
      ['annotation', '', 'cluster-net', 'rook-ceph', 'owner'],
      ['annotation', '', 'public-net', 'rook-ceph', 'explicit'],
      ['annotation', '', 'public-net', 'rook-ceph', 'owner'],
      ['selector', 'cluster', 'cluster-net', 'rook-ceph', 'explicit'],
      ['selector', 'cluster', 'cluster-net', 'rook-ceph', 'explicit'],
      ['selector', 'public', 'public-net', '*', 'any'],
      ['selector', 'public', 'public-net', 'rook-ceph', 'owner'],
    ],
  );
  const nad = idx.nadsNamed('public-net').find((n) => n.namespace === 'rook-ceph')!;
  assert.deepEqual(
    nad.facts.ranges.map((r) => r.network),
    ['192.168.20.0/24'],
  );
  assert.deepEqual(nad.facts.ipamTypes, ['whereabouts']);
  assert.deepEqual(nad.facts.routes, ['192.168.29.0/24']);
});

test('namespace semantics: exact namespace first, then NADs without a namespace; qualified names match exactly', () => {
  const ws = memoryWorkspace({ 'n.yaml': `${NAD('net', 'a')}---\n${NAD('net')}---\n${NAD('only-b', 'b')}` });
  const idx = ws.index;
  const where = (t: { name: string; namespace?: string; preferredNamespace?: string }) => {
    const r = idx.resolve(t);
    return {
      found: r.candidates.map((n) => n.namespace ?? '*'),
      elsewhere: r.elsewhere.map((n) => n.namespace ?? '*'),
    };
  };
  assert.deepEqual(where({ name: 'net', namespace: 'a' }), { found: ['a'], elsewhere: [] });
  assert.deepEqual(where({ name: 'net', namespace: 'z' }), { found: ['*'], elsewhere: [] });
  assert.deepEqual(where({ name: 'only-b', namespace: 'a' }), { found: [], elsewhere: ['b'] });
  assert.deepEqual(where({ name: 'only-b' }), { found: ['b'], elsewhere: [] });
  assert.deepEqual(where({ name: 'net' }).found.sort(), ['*', 'a']);
  assert.deepEqual(where({ name: 'net', preferredNamespace: 'a' }), { found: ['a'], elsewhere: [] });
  assert.deepEqual(where({ name: 'missing', namespace: 'a' }), { found: [], elsewhere: [] });
});

test('a bare selector resolves in the CephCluster namespace; Helm values and namespace-less clusters match any', () => {
  const ws = memoryWorkspace({
    'n.yaml': NAD('net', 'storage'),
    'c1.yaml': CLUSTER('rook-ceph', 'net'),
    'c2.yaml': CLUSTER('rook-ceph', 'storage/net'),
    'c3.yaml': CLUSTER(undefined, 'net'),
    'values.yaml': 'cephClusterSpec:\n  network:\n    provider: multus\n    selectors:\n      public: net\n',
  });
  const codes = (f: string) => ws.problemsFor(M(f)).map((p) => p.code);
  assert.deepEqual(codes('c1.yaml'), ['rook/selector-namespace']);
  assert.deepEqual(codes('c2.yaml'), []);
  assert.deepEqual(codes('c3.yaml'), []);
  assert.deepEqual(codes('values.yaml'), []);
});

test('dependentsOf: edits that change no cross-file fact affect no other file', () => {
  const ws = memoryWorkspace({
    'n.yaml': NAD('net', 'r'),
    'c.yaml': CLUSTER('r', 'net'),
    'other.yaml': CLUSTER('r', 'elsewhere'),
  });
  const before = ws.get(M('n.yaml'));
  // A change of macvlan mode (not a fact other files use) and a trailing comment.
  const after = ws.setFile(M('n.yaml'), NAD('net', 'r').replace('"bridge"', '"vepa"') + '# note\n');
  assert.deepEqual(ws.dependentsOf(M('n.yaml'), before, after), []);
  const cb = ws.get(M('c.yaml'));
  const ca = ws.setFile(M('c.yaml'), CLUSTER('r', 'net') + '    # a comment\n');
  assert.deepEqual(ws.dependentsOf(M('c.yaml'), cb, ca), []);
  const unrelated = ws.setFile(M('readme.yaml'), 'just: text\n');
  assert.deepEqual(ws.dependentsOf(M('readme.yaml'), undefined, unrelated), []);
});

test('dependentsOf: a NAD fact change reaches exactly the files that refer to that name', () => {
  const ws = memoryWorkspace({
    'n.yaml': NAD('net', 'r'),
    'c.yaml': CLUSTER('r', 'net'),
    'pod.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: r\n  annotations:\n    k8s.v1.cni.cncf.io/networks: r/net\nspec: {}\n',
    'other.yaml': CLUSTER('r', 'othernet'),
    'n2.yaml': NAD('othernet', 'r'),
  });
  const before = ws.get(M('n.yaml'));
  const after = ws.setFile(M('n.yaml'), NAD('net', 'r', '10.2.0.0/24'));
  assert.deepEqual(ws.dependentsOf(M('n.yaml'), before, after), [M('c.yaml'), M('pod.yaml')]);
});

test('dependentsOf: renaming a NAD reaches old and new referrers, duplicates, and unresolved references', () => {
  const ws = memoryWorkspace({
    'n.yaml': NAD('net', 'r'),
    'dup.yaml': NAD('new-net', 'r', '10.3.0.0/24'),
    'c-old.yaml': CLUSTER('r', 'net'),
    'c-new.yaml': CLUSTER('r', 'new-net'),
    'c-typo.yaml': CLUSTER('r', 'nett'),
    'c-fine.yaml': CLUSTER('r', 'dup-free'),
    'free.yaml': NAD('dup-free', 'r', '10.4.0.0/24'),
  });
  const before = ws.get(M('n.yaml'));
  const after = ws.setFile(M('n.yaml'), NAD('new-net', 'r'));
  assert.deepEqual(ws.dependentsOf(M('n.yaml'), before, after), [
    M('c-new.yaml'),
    M('c-old.yaml'),
    M('c-typo.yaml'),
    M('dup.yaml'),
  ]);
});

test('dependentsOf: changing a selector reaches the NADs it stops and starts naming (nad/unused)', () => {
  const ws = memoryWorkspace({
    'a.yaml': NAD('a', 'r'),
    'b.yaml': NAD('b', 'r', '10.5.0.0/24'),
    'z.yaml': NAD('z', 'r', '10.6.0.0/24'),
    'c.yaml': CLUSTER('r', 'a'),
  });
  const before = ws.get(M('c.yaml'));
  const after = ws.setFile(M('c.yaml'), CLUSTER('r', 'b'));
  assert.deepEqual(ws.dependentsOf(M('c.yaml'), before, after), [M('a.yaml'), M('b.yaml')]);
  // Moving the cluster to another namespace changes how its bare names resolve.
  const b2 = ws.get(M('c.yaml'));
  const a2 = ws.setFile(M('c.yaml'), CLUSTER('s', 'b'));
  assert.deepEqual(ws.dependentsOf(M('c.yaml'), b2, a2), [M('b.yaml')]);
});

test('the findings of dependents follow the change (no stale cross-file results)', () => {
  const ws = memoryWorkspace({ 'n.yaml': NAD('net', 'r'), 'c.yaml': CLUSTER('r', 'net', 'net2') });
  assert.deepEqual(
    ws.problemsFor(M('c.yaml')).map((p) => p.code),
    ['rook/selector-not-found'],
  );
  ws.setFile(M('n2.yaml'), NAD('net2', 'r', '10.1.0.128/25'));
  assert.deepEqual(
    ws.problemsFor(M('c.yaml')).map((p) => p.code),
    ['rook/same-network'],
  );
  ws.setFile(M('n2.yaml'), NAD('net2', 'r', '10.9.0.0/24'));
  assert.deepEqual(
    ws.problemsFor(M('c.yaml')).map((p) => p.code),
    [],
  );
  ws.removeFile(M('n.yaml'));
  assert.deepEqual(
    ws.problemsFor(M('c.yaml')).map((p) => p.code),
    ['rook/selector-not-found'],
  );
});

test('nad/unused (off by default) marks NADs nothing refers to', () => {
  const dir = path.join(FIXTURES, 'workspace-rook');
  const off = loadFolder(dir);
  assert.equal([...off.all()].flatMap((a) => off.problemsFor(a.uri)).filter((p) => p.code === 'nad/unused').length, 0);
  const ws = loadFolder(dir, { rules: { 'nad/unused': 'hint' } });
  const unused = [...ws.all()].flatMap((a) =>
    ws
      .problemsFor(a.uri)
      .filter((p) => p.code === 'nad/unused')
      .map((p) => [a.uri.split('/').slice(-2).join('/'), a.text.slice(p.start, p.end), p.severity]),
  );
  assert.deepEqual(unused, [['nads/default-nads.yaml', 'public-net', 'hint']]);
});

test('file references are parsed once per analysis', () => {
  const ws = memoryWorkspace({ 'c.yaml': CLUSTER('r', 'net') });
  const a = ws.get(M('c.yaml'))!;
  assert.equal(fileRefs(a), fileRefs(a));
});

test('large workspaces: building and incremental updates stay linear', () => {
  const files: Record<string, string> = {};
  const N = 1500;
  for (let i = 0; i < N; i++) {
    files[`nad-${i}.yaml`] = NAD(`net-${i}`, 'r', `10.${Math.floor(i / 250)}.${i % 250}.0/24`);
    files[`c-${i}.yaml`] = CLUSTER('r', `net-${i}`);
  }
  const { value: ws, ms: build } = cpuTimed(() => memoryWorkspace(files));
  const { ms: updates } = cpuTimed(() => {
    for (let i = 0; i < 200; i++) {
      const uri = M(`nad-${i}.yaml`);
      const before = ws.get(uri);
      const after = ws.setFile(uri, NAD(`net-${i}`, 'r', `172.16.${i}.0/24`));
      assert.deepEqual(ws.dependentsOf(uri, before, after), [M(`c-${i}.yaml`)]);
      ws.problemsFor(M(`c-${i}.yaml`));
    }
  });
  assert.ok(build < 20_000, `build took ${build} ms`);
  assert.ok(updates < 3_000, `200 updates took ${updates} ms`);
});

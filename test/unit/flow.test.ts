// The replication-flow model and its Mermaid text: exact diagrams for the fixture workspaces under
// test/fixtures/flow/ (each folder's expected.md is what `multus-networks flow` prints for it),
// selector resolution, pools and write shapes, network kinds, problems, click targets.
// UPDATE_FLOW_FIXTURES=1 rewrites the expected.md files (review the diff!).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildClusterModel, clusterModelsFor, clusterModelsOf, writeShapes } from '../../server/src/core/flow/build';
import { flowsForDocument, flowsForWorkspace } from '../../server/src/core/flow/flow';
import { flowMarkdown } from '../../server/src/core/flow/markdown';
import type { ClusterModel } from '../../server/src/core/flow/model';
import { indexResolver } from '../../server/src/core/flow/resolve';
import { definitionAt } from '../../server/src/core/features/definition';
import { MAX_DRAWN_OSDS, sequenceDiagram } from '../../server/src/core/flow/sequence';
import { topologyDiagram } from '../../server/src/core/flow/topology';
import type { PoolObject } from '../../server/src/core/yaml/objects';
import { cephCluster, helmValues, macvlanConfig, multusNetwork, nad } from '../support/manifests';
import { FIXTURES, loadFolder, memoryWorkspace, offsetOf, uriOf } from '../support/workspaceFixtures';

const FLOW = path.join(FIXTURES, 'flow');
const SCENARIOS = [
  'replicas-3',
  'replicas-2',
  'ec-pool',
  'no-cluster-selector',
  'host-provider',
  'missing-nad',
  'same-nad',
  'hostile',
];

function markdownOf(folder: string): string {
  const ws = loadFolder(folder);
  return flowsForWorkspace(ws)
    .map((f) => flowMarkdown(f, path.relative(folder, new URL(f.model.uri).pathname)))
    .join('\n');
}

for (const name of SCENARIOS) {
  test(`fixture ${name}: the exact Mermaid of every diagram (expected.md)`, () => {
    const folder = path.join(FLOW, name);
    const actual = markdownOf(folder);
    const file = path.join(folder, 'expected.md');
    if (process.env.UPDATE_FLOW_FIXTURES) fs.writeFileSync(file, actual);
    assert.equal(actual, fs.readFileSync(file, 'utf8'));
  });
}

test('every scenario the issue names has a fixture with its own diagram set', () => {
  for (const name of SCENARIOS) assert.ok(fs.existsSync(path.join(FLOW, name, 'expected.md')), name);
});

const MEM_NADS = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: pub
  namespace: rook-ceph
spec:
  config: '{"cniVersion": "0.3.1", "name": "pub", "type": "macvlan", "master": "eth0", "ipam": {"type": "whereabouts", "range": "10.1.0.0/24"}}'
---
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: repl
spec:
  config: '{"cniVersion": "0.3.1", "name": "repl", "type": "host-device", "device": "ens5", "ipam": {"type": "dhcp"}}'
---
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: pub
  namespace: other
spec:
  config: '{"cniVersion": "0.3.1", "name": "pub", "type": "bridge", "bridge": "br0", "ipam": {"type": "static", "addresses": [{"address": "10.9.0.5/24"}]}}'
`;

const cluster = (network: string, extra = '', namespace = 'rook-ceph') =>
  cephCluster({ name: 'c1', namespace, network, extra });

function modelOf(files: Record<string, string>, file = 'cluster.yaml', index = 0): ClusterModel {
  const ws = memoryWorkspace(files);
  const m = clusterModelsOf(ws, `file:///mem/${file}`)[index];
  assert.ok(m, 'a cluster model');
  return m;
}

test("the 3-replica write, line by line: the seed article's picture, arrows named by their network, a legend per network", () => {
  const ws = loadFolder(path.join(FLOW, 'replicas-3'));
  const [flow] = flowsForWorkspace(ws, ['sequence']);
  assert.equal(flow.diagrams.length, 1);
  assert.equal(
    flow.diagrams[0].mermaid,
    [
      'sequenceDiagram',
      '    title One write: replicated pool, size 3',
      '    participant C as Client',
      '    participant O1 as OSD 1 (primary)',
      '    participant O2 as OSD 2',
      '    participant O3 as OSD 3',
      '    Note over C,O1: public network: public-net<br/>macvlan · master eth0<br/>192.168.20.0/24',
      '    Note over O1,O3: cluster network: cluster-net<br/>ipvlan · master eth1<br/>192.168.30.0/24',
      '    C->>O1: Write data<br/>public-net',
      '    O1->>O2: Store a replica<br/>cluster-net',
      '    O1->>O3: Store a replica<br/>cluster-net',
      '    O1-->>O1: Write to disk',
      '    O2-->>O2: Write to disk',
      '    O3-->>O3: Write to disk',
      '    O2->>O1: Replica stored<br/>cluster-net',
      '    O3->>O1: Replica stored<br/>cluster-net',
      '    O1->>C: Write confirmed<br/>public-net',
      '',
    ].join('\n'),
  );
  assert.equal(flow.diagrams[0].title, 'One write: replicated pool, size 3 (replicapool)');
  assert.deepEqual(flow.diagrams[0].nodes, { C: 'client', O1: 'osd', O2: 'osd', O3: 'osd' });
  assert.deepEqual(flow.diagrams[0].texts, [
    ['public network: public-net', 'public'],
    ['macvlan · master eth0', 'public'],
    ['192.168.20.0/24', 'public'],
    ['cluster network: cluster-net', 'cluster'],
    ['ipvlan · master eth1', 'cluster'],
    ['192.168.30.0/24', 'cluster'],
    ['public-net', 'public'],
    ['cluster-net', 'cluster'],
  ]);
  // No arrow label is longer than its action plus the network's name.
  for (const line of flow.diagrams[0].mermaid.split('\n').filter((l) => l.includes('->>')))
    assert.ok(line.split(': ')[1].length <= 'Write confirmed<br/>cluster-net'.length, line);
});

test('daemons: only those the manifests imply (mds with a CephFilesystem, rgw with a CephObjectStore); CSI on the host network from Rook 1.16', () => {
  const files = {
    'nads.yaml': MEM_NADS,
    'cluster.yaml': cluster('provider: multus\nselectors:\n  public: pub\n  cluster: repl'),
  };
  const bare = modelOf(files);
  assert.deepEqual([bare.daemons, bare.csiNetwork], [['mon', 'mgr'], 'host']);
  const topo = topologyDiagram(bare).mermaid;
  assert.doesNotMatch(topo, /d_mds|d_rgw/);
  assert.match(topo, /net_host\["host network<br\/>interfaces of the nodes"\]/);
  assert.match(topo, /\n {4}net_host --- d_csi\n/);
  assert.doesNotMatch(topo, /net_public --- d_csi/);

  const fs = `apiVersion: ceph.rook.io/v1
kind: CephFilesystem
metadata:
  name: myfs
  namespace: rook-ceph
spec: {}
---
apiVersion: ceph.rook.io/v1
kind: CephObjectStore
metadata:
  name: store
  namespace: other
spec: {}
`;
  const withFs = modelOf({ ...files, 'fs.yaml': fs });
  // The object store is in another namespace: another cluster's.
  assert.deepEqual(withFs.daemons, ['mon', 'mgr', 'mds']);
  const withBoth = modelOf({ ...files, 'fs.yaml': fs.replace('namespace: other', 'namespace: rook-ceph') });
  assert.deepEqual(withBoth.daemons, ['mon', 'mgr', 'mds', 'rgw']);
  assert.match(topologyDiagram(withBoth).mermaid, /d_mds\["mds"\]\n {8}d_rgw\["rgw"\]/);

  // Before Rook 1.16, CSI holder pods sit on the public network.
  const ws = memoryWorkspace(files, { rookVersion: '1.15' });
  const old = clusterModelsOf(ws, 'file:///mem/cluster.yaml')[0];
  assert.equal(old.csiNetwork, 'public');
  assert.match(topologyDiagram(old).mermaid, /\n {4}net_public --- d_csi\n/);
  assert.doesNotMatch(topologyDiagram(old).mermaid, /net_host/);
  // provider host: the host network is the public network, no second node.
  const host = modelOf({ 'cluster.yaml': cluster('provider: host') });
  assert.match(topologyDiagram(host).mermaid, /\n {4}net_public --- d_csi\n/);

  // Helm values: the chart makes a filesystem and an object store unless their lists are empty.
  const helm = modelOf({ 'values.yaml': helmValues({ clusterName: 'a', network: 'provider: host' }) }, 'values.yaml');
  assert.deepEqual(helm.daemons, ['mon', 'mgr', 'mds', 'rgw']);
  const none = modelOf(
    {
      'values.yaml': `${helmValues({ clusterName: 'a', network: 'provider: host' })}cephFileSystems: []\ncephObjectStores: []\n`,
    },
    'values.yaml',
  );
  assert.deepEqual(none.daemons, ['mon', 'mgr']);
});

test("problems take the editor's severity (a missing NAD is a warning there) and are drawn once, not in the diagrams", () => {
  const folder = path.join(FLOW, 'missing-nad');
  const ws = loadFolder(folder);
  const [flow] = flowsForWorkspace(ws);
  const editor = ws
    .problemsFor(uriOf(path.join(folder, 'cluster.yaml')))
    .find((p) => p.code === 'rook/selector-not-found');
  assert.equal(editor?.severity, 'warning');
  assert.deepEqual(
    flow.model.problems.map((p) => [p.severity, p.rule]),
    [['warning', 'rook/selector-not-found']],
  );
  for (const d of flow.diagrams) assert.doesNotMatch(d.mermaid, /No NetworkAttachmentDefinition/, d.kind);
  assert.equal(flowMarkdown(flow).match(/No NetworkAttachmentDefinition/g)?.length, 1);
  // A user severity override follows too.
  const strict = loadFolder(folder, { rules: { 'rook/selector-not-found': 'error' } });
  assert.equal(flowsForWorkspace(strict)[0].model.problems[0].severity, 'error');
});

test('resolution is the index (docs/namespaces.md): bare name = the cluster namespace, ns/name and JSON explicit, NADs without namespace match any', () => {
  // The selector is read by the checker's parser (ref/networkRefs.ts), so the preview, the checks and
  // go to definition cannot disagree; parsing itself is tested in ref.test.ts.
  const resolve = (selector: string, namespace: string | undefined) => {
    const ws = memoryWorkspace({
      'nads.yaml': MEM_NADS,
      'c.yaml': cephCluster({ namespace, network: multusNetwork({ public: selector }) }),
    });
    const file = ws.get('file:///mem/c.yaml')!;
    return indexResolver(ws)(file, file.objects.clusters[0], 'public');
  };
  assert.deepEqual(
    resolve('pub', 'rook-ceph')!.matches.map((m) => m.nad.namespace),
    ['rook-ceph'],
  );
  assert.deepEqual(
    resolve('other/pub', 'rook-ceph')!.matches.map((m) => m.nad.namespace),
    ['other'],
  );
  assert.deepEqual(
    resolve(`'{"name": "pub", "namespace": "other", "interface": "eth9"}'`, 'rook-ceph')!.matches.map(
      (m) => m.nad.namespace,
    ),
    ['other'],
  );
  assert.deepEqual(resolve('pub', 'elsewhere')!.matches, []);
  assert.deepEqual(
    resolve('repl', 'anything')!.matches.map((m) => m.nad.name),
    ['repl'],
  );
  assert.deepEqual(
    resolve('pub', undefined)!.matches.map((m) => m.nad.namespace),
    ['rook-ceph', 'other'],
  );
  assert.equal(resolve('pub', 'rook-ceph')!.namespace, 'rook-ceph');
  assert.deepEqual(resolve('other/pub@net1', 'rook-ceph')!.ref, { name: 'pub', namespace: 'other', iface: 'net1' });
  assert.equal(resolve('a, b', 'rook-ceph')!.ref.name, 'a');
});

test('Helm values: the preview draws the NAD go to definition jumps to (operatorNamespace preferred)', () => {
  const nadIn = (namespace: string, range: string) =>
    nad({ name: 'public-net', namespace, config: macvlanConfig(range) });
  const values = helmValues({ operatorNamespace: 'rook-ceph', network: multusNetwork({ public: 'public-net' }) });
  // "aaa" sorts before "rook-ceph" and its file comes first: a first-match resolver would pick it.
  const ws = memoryWorkspace({
    'a-nads.yaml': nadIn('aaa', '10.1.0.0/24'),
    'b-nads.yaml': nadIn('rook-ceph', '10.2.0.0/24'),
    'values.yaml': values,
  });
  const uri = 'file:///mem/values.yaml';
  const defs = definitionAt(ws, uri, offsetOf(values, 'public-net'));
  assert.deepEqual(
    defs.map((d) => d.uri),
    ['file:///mem/b-nads.yaml'],
  );
  const [m] = clusterModelsOf(ws, uri);
  assert.deepEqual(
    [m.public.nad?.namespace, m.public.nad?.uri, m.public.nad?.ranges],
    ['rook-ceph', 'file:///mem/b-nads.yaml', ['10.2.0.0/24']],
  );
  // The whole flow and its Markdown say the same.
  const [flow] = flowsForWorkspace(ws);
  assert.match(flowMarkdown(flow, 'values.yaml'), /10\.2\.0\.0\/24/);
  assert.doesNotMatch(flowMarkdown(flow, 'values.yaml'), /10\.1\.0\.0\/24/);
});

test('NAD details: plugin, master (or host-device device), IPAM type and ranges; another namespace shows ns/name', () => {
  const m = modelOf({
    'nads.yaml': MEM_NADS,
    'cluster.yaml': cluster('provider: multus\nselectors:\n  public: other/pub\n  cluster: repl'),
  });
  assert.deepEqual(m.public, {
    role: 'public',
    kind: 'nad',
    selector: 'other/pub',
    ref: 'other/pub',
    nad: {
      name: 'pub',
      namespace: 'other',
      uri: 'file:///mem/nads.yaml',
      pluginType: 'bridge',
      ipamType: 'static',
      ranges: ['10.9.0.5/24'],
      configReadable: true,
    },
  });
  assert.deepEqual(m.cluster.nad, {
    name: 'repl',
    uri: 'file:///mem/nads.yaml',
    pluginType: 'host-device',
    master: 'ens5',
    ipamType: 'dhcp',
    ranges: [],
    configReadable: true,
  });
  assert.deepEqual(m.problems, []);
  const seq = sequenceDiagram(m, m.writes[0]).mermaid;
  // Arrows name the network; the legend notes say what it is.
  assert.match(seq, /C->>O1: Write data<br\/>other\/pub\n/);
  assert.match(seq, /O1->>O2: Store a replica<br\/>repl\n/);
  assert.match(seq, /Note over C,O1: public network: other\/pub<br\/>bridge<br\/>10\.9\.0\.5\/24\n/);
  assert.match(seq, /Note over O1,O3: cluster network: repl<br\/>host-device · master ens5<br\/>IPAM dhcp\n/);
});

test('network kinds: no provider = pod network; hostNetwork: true = host network; ignored selectors and unknown providers are problems', () => {
  const pod = modelOf({ 'cluster.yaml': cluster('ipFamily: IPv4') });
  assert.deepEqual([pod.public.kind, pod.cluster.kind, pod.problems], ['pod', 'pod', []]);
  assert.match(sequenceDiagram(pod, pod.writes[0]).mermaid, /O1->>O2: Store a replica<br\/>pod network\n/);
  assert.match(
    sequenceDiagram(pod, pod.writes[0]).mermaid,
    /Note over C,O3: public and cluster network: pod network<br\/>the default CNI of the cluster\n/,
  );

  const legacy = modelOf({ 'cluster.yaml': cluster('hostNetwork: true') });
  assert.deepEqual([legacy.public.kind, legacy.cluster.kind], ['host', 'host']);

  const ignored = modelOf({
    'nads.yaml': MEM_NADS,
    'cluster.yaml': cluster('provider: host\nselectors:\n  public: pub'),
  });
  assert.deepEqual(
    ignored.problems.map((p) => [p.severity, p.message, p.target]),
    [
      [
        'warning',
        'Selectors are set but ignored: Rook reads them only with provider multus (here: host network).',
        'problem_0',
      ],
    ],
  );

  const unknown = modelOf({ 'cluster.yaml': cluster('provider: calico') });
  assert.deepEqual(
    [unknown.public.kind, unknown.problems[0].message],
    ['pod', 'Unknown network provider "calico": drawn as the pod network (use multus, host, or leave it empty).'],
  );

  const bare = modelOf({ 'cluster.yaml': cluster('provider: multus') });
  assert.deepEqual([bare.public.kind, bare.cluster.kind], ['pod', 'fallback']);
  assert.equal(
    bare.problems[0].message,
    'provider is multus but no public or cluster selector is set: all Ceph traffic stays on the pod network.',
  );
  assert.match(sequenceDiagram(bare, bare.writes[0]).mermaid, /Store a replica<br\/>pod network\n/);

  const onlyCluster = modelOf({
    'nads.yaml': MEM_NADS,
    'cluster.yaml': cluster('provider: multus\nselectors:\n  cluster: repl'),
  });
  assert.deepEqual([onlyCluster.public.kind, onlyCluster.cluster.kind, onlyCluster.problems], ['pod', 'nad', []]);
});

test('a selector that is not a NAD reference is a missing network with an error, drawn red', () => {
  const m = modelOf({ 'cluster.yaml': cluster('provider: multus\nselectors:\n  public: "a/b/c"') });
  assert.deepEqual(
    [m.public.kind, m.problems[0].severity, m.problems[0].message],
    ['missing', 'error', 'The public selector "a/b/c" is not a NAD reference ([namespace/]name).'],
  );
  const seq = sequenceDiagram(m, m.writes[0]).mermaid;
  assert.match(seq, /rect rgba\(220, 53, 69, 0\.18\)\n {4}C->>O1: Write data<br\/>⚠ a\/b\/c\n {4}end\n/);
  // Replication falls back to the missing public network: also red.
  assert.match(seq, /rect rgba\(220, 53, 69, 0\.18\)\n {4}O1->>O2: Store a replica<br\/>⚠ a\/b\/c\n/);
});

test('pools: same namespace (or none) only; one shape per distinct size; EC after replicated; Rook default 3 without pools', () => {
  const pools = (ns: string, specs: string[]) =>
    specs
      .map(
        (s, i) =>
          `---\napiVersion: ceph.rook.io/v1\nkind: CephBlockPool\nmetadata:\n  name: p${i}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n${s}`,
      )
      .join('\n');
  const m = modelOf({
    'cluster.yaml': cluster('provider: host'),
    'pools.yaml': pools('rook-ceph', [
      '  replicated:\n    size: 2',
      '  erasureCoded:\n    dataChunks: 4\n    codingChunks: 2',
      '  replicated:\n    size: 3',
      '  replicated:\n    size: 2',
      '  replicated:\n    size: 0',
    ]),
    'other.yaml': pools('other', ['  replicated:\n    size: 5']),
    'nons.yaml': pools('', ['  replicated:\n    size: 4']).replace(/name: p0/, 'name: anywhere'),
  });
  assert.deepEqual(m.writes, [
    { kind: 'replicated', size: 4, pools: ['anywhere'], defaulted: false },
    { kind: 'replicated', size: 3, pools: ['p2'], defaulted: false },
    { kind: 'replicated', size: 2, pools: ['p0', 'p3'], defaulted: false },
    { kind: 'erasure', dataChunks: 4, codingChunks: 2, pools: ['p1'] },
  ]);
  assert.deepEqual(writeShapes([]), [{ kind: 'replicated', size: 3, pools: [], defaulted: true }]);
  const bad = { kind: 'pool', replicatedSize: 1.5 } as PoolObject;
  assert.deepEqual(writeShapes([bad]), [{ kind: 'replicated', size: 3, pools: [], defaulted: true }]);
});

test('erasure-coded pools: k+m chunks, the primary sends k+m-1 of them over the cluster network', () => {
  const m = modelOf({ 'cluster.yaml': cluster('provider: host') });
  const d = sequenceDiagram(m, { kind: 'erasure', dataChunks: 4, codingChunks: 2, pools: ['ec'] });
  const sends = d.mermaid.split('\n').filter((l) => /^ {4}O1->>O\d+: Store chunk/.test(l));
  assert.deepEqual(
    sends.map((l) => l.replace(/<br\/>.*/, '')),
    [
      '    O1->>O2: Store chunk 2 (data)',
      '    O1->>O3: Store chunk 3 (data)',
      '    O1->>O4: Store chunk 4 (data)',
      '    O1->>O5: Store chunk 5 (coding)',
      '    O1->>O6: Store chunk 6 (coding)',
    ],
  );
  assert.match(d.mermaid, /O1-->>O1: Encode into 4 data chunks \+ 2 coding chunks\n/);
  assert.equal((d.mermaid.match(/->>O1: Chunk stored/g) ?? []).length, 5);
  assert.equal(d.title, 'One write: erasure-coded pool, 4+2 chunks (ec)');
});

test('big sizes collapse into a last participant; size 1 draws no replication', () => {
  const m = modelOf({ 'cluster.yaml': cluster('provider: host') });
  const big = sequenceDiagram(m, { kind: 'replicated', size: 25, pools: ['huge'], defaulted: false }).mermaid;
  const participants = big.split('\n').filter((l) => l.includes('participant'));
  assert.equal(participants.length, 1 + MAX_DRAWN_OSDS);
  assert.equal(
    participants[participants.length - 1],
    `    participant O${MAX_DRAWN_OSDS} as OSDs ${MAX_DRAWN_OSDS} to 25`,
  );
  assert.match(big, new RegExp(`O1->>O${MAX_DRAWN_OSDS}: Store replicas ${MAX_DRAWN_OSDS} to 25<br/>host network\\n`));
  assert.match(big, new RegExp(`O${MAX_DRAWN_OSDS}->>O1: Replicas stored<br/>host network\\n`));
  const one = sequenceDiagram(m, { kind: 'replicated', size: 1, pools: ['solo'], defaulted: false }).mermaid;
  assert.match(one, /Note over O1: size 1: no replicas, so no replication traffic on the cluster network\n/);
  assert.doesNotMatch(one, /Store a replica/);
});

test('click targets: networks reveal their NAD, OSDs the cluster selector, the client the public selector', () => {
  const folder = path.join(FLOW, 'missing-nad');
  const ws = loadFolder(folder);
  const [m] = clusterModelsOf(ws, uriOf(path.join(folder, 'cluster.yaml')));
  const at = (id: string) => {
    const t = m.targets[id];
    const file = path.relative(folder, new URL(t.uri).pathname);
    const line = fs.readFileSync(path.join(folder, file), 'utf8').split('\n')[t.range.start.line];
    return `${file}:${t.range.start.line}: ${line.slice(t.range.start.character, t.range.start.line === t.range.end.line ? t.range.end.character : undefined)}`;
  };
  assert.equal(at('public'), 'nads.yaml:3: public-net');
  assert.equal(at('cluster'), 'cluster.yaml:10: clustr-net');
  assert.equal(at('osd'), 'cluster.yaml:10: clustr-net');
  assert.equal(at('client'), 'cluster.yaml:9: public-net');
  assert.equal(at('daemons'), 'cluster.yaml:9: public-net');
  assert.equal(at('cephcluster'), 'cluster.yaml:1: CephCluster');
  assert.equal(at('problem_0'), 'cluster.yaml:10: clustr-net');
  assert.deepEqual(
    m.problems.map((p) => p.target),
    ['problem_0'],
  );
  // Every id a diagram can post is a known target.
  for (const d of flowsForWorkspace(ws)[0].diagrams) {
    for (const t of [...Object.values(d.nodes), ...d.texts.map(([, t]) => t)])
      assert.ok(m.targets[t], `${d.kind}: ${t}`);
  }
});

test('a file without clusters shows the clusters that use its NADs (related); unknown files show nothing', () => {
  const folder = path.join(FLOW, 'replicas-3');
  const ws = loadFolder(folder);
  const nads = flowsForDocument(ws, uriOf(path.join(folder, 'nads.yaml')));
  assert.equal(nads.related, true);
  assert.deepEqual(
    nads.clusters.map((c) => c.title),
    ['CephCluster rook-ceph/my-cluster'],
  );
  assert.deepEqual(clusterModelsFor(ws, 'file:///nowhere.yaml'), { models: [], related: false });
  const mem = memoryWorkspace({
    'unrelated.yaml': MEM_NADS.replace(/pub/g, 'zzz').replace(/repl/g, 'yyy'),
    'cluster.yaml': cluster('provider: multus\nselectors:\n  public: pub'),
  });
  assert.deepEqual(flowsForDocument(mem, 'file:///mem/unrelated.yaml'), { clusters: [], related: false });
});

test('Helm values (cephClusterSpec) and several clusters per file keep their index', () => {
  const helm = helmValues({ clusterName: 'ceph-a', network: multusNetwork({ public: 'pub' }) });
  const m = modelOf({ 'nads.yaml': MEM_NADS, 'values.yaml': helm }, 'values.yaml');
  assert.deepEqual([m.source, m.name, m.namespace, m.public.kind], ['helm', 'ceph-a', undefined, 'nad']);
  // No namespace known: the NADs of every namespace match, the first (by file order) is drawn.
  assert.equal(m.public.nad?.namespace, 'rook-ceph');
  assert.match(topologyDiagram(m).mermaid, /subgraph g_ceph\["cephClusterSpec ceph-a"\]/);

  const two = memoryWorkspace({
    'c.yaml': `${cluster('provider: host')}---\n${cluster('ipFamily: IPv6').replace('name: c1', 'name: c2')}`,
  });
  assert.deepEqual(
    clusterModelsOf(two, 'file:///mem/c.yaml').map((c) => [c.index, c.name, c.public.kind]),
    [
      [0, 'c1', 'host'],
      [1, 'c2', 'pod'],
    ],
  );
  const file = two.get('file:///mem/c.yaml')!;
  assert.equal(buildClusterModel(two, file, file.objects.clusters[1], 1, indexResolver(two)).name, 'c2');
});

test('Markdown export: headings, then one ```mermaid block per diagram', () => {
  const folder = path.join(FLOW, 'host-provider');
  const [flow] = flowsForWorkspace(loadFolder(folder));
  const md = flowMarkdown(flow, 'ceph/cluster.yaml', 1);
  assert.equal(md.split('\n')[0], '# CephCluster rook-ceph/my-cluster (ceph/cluster.yaml)');
  assert.deepEqual(md.match(/^#+ .*$/gm), [
    '# CephCluster rook-ceph/my-cluster (ceph/cluster.yaml)',
    '## One write: replicated, size 3 (no CephBlockPool found: Rook default)',
    '## Network topology',
  ]);
  assert.equal((md.match(/^```mermaid$/gm) ?? []).length, 2);
  assert.ok(md.includes(`\`\`\`mermaid\n${flow.diagrams[1].mermaid}\`\`\`\n`));
});

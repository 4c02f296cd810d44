// NADs that operators render from their own custom resources (SR-IOV, NVIDIA network-operator,
// Spiderpool, OVN-Kubernetes, OpenShift): their names and namespaces, the CNI JSON they carry
// checked at its exact characters in the context the operator pastes it into, and references to
// them from pods, CephClusters and KubeVirt virtual machines (resolution, navigation, rename, hover).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeActions } from '../../server/src/core/features/codeActions';
import { definitionAt } from '../../server/src/core/features/definition';
import { clusterModelsOf } from '../../server/src/core/flow/build';
import { hoverAt } from '../../server/src/core/features/hover';
import { referencesAt } from '../../server/src/core/features/references';
import { renameEdits } from '../../server/src/core/features/rename';
import { qualified } from '../../server/src/core/index/workspaceIndex';
import { parseNetworkName } from '../../server/src/core/ref/networkRefs';
import type { Workspace } from '../../server/src/core/workspace';
import { cephCluster, multusNetwork, nad } from '../support/manifests';
import { applyEdits, FIXTURES, loadFolder, memoryWorkspace, offsetOf } from '../support/workspaceFixtures';

const DIR = path.join(FIXTURES, 'operators');
const ws = loadFolder(DIR);
const uriOf = (w: Workspace, rel: string) => [...w.all()].find((a) => a.uri.endsWith(rel))!.uri;
const textOf = (w: Workspace, rel: string) => [...w.all()].find((a) => a.uri.endsWith(rel))!.text;

/** `[line, code, sliced text, severity]` of every finding of one file. */
function findings(w: Workspace, rel: string) {
  const a = w.get(uriOf(w, rel))!;
  return w
    .problemsFor(a.uri)
    .map((p) => [a.lines.positionAt(p.start).line + 1, p.code, a.text.slice(p.start, p.end), p.severity]);
}

test('every operator kind renders a NAD with the name and namespace its operator gives it', () => {
  const rendered = [...ws.index.allNads()]
    .map((n) => [n.nad.provider?.kind, qualified(n), n.nad.provider?.everyNamespace ?? false])
    .sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : 1));
  assert.deepEqual(rendered, [
    ['SriovNetwork', 'apps/apps-sriov', false],
    ['SpiderMultusConfig', 'apps/custom-bridge', false],
    ['SriovIBNetwork', 'apps/ib-storage', false],
    ['Network', 'apps/legacy-raw', false],
    ['OVSNetwork', 'apps/ovs-offload', false],
    ['Network', 'apps/simple-macvlan', false],
    ['UserDefinedNetwork', 'blue/tenant-blue', false],
    ['IPoIBNetwork', 'default/ipoib-net', false],
    ['MacvlanNetwork', 'default/plain-macvlan', false],
    ['SpiderMultusConfig', 'kube-system/macvlan-vlan100', false],
    ['HostDeviceNetwork', 'ml-jobs/hostdev-net', false],
    ['MacvlanNetwork', 'ml-jobs/rdma-macvlan', false],
    ['SriovNetwork', 'rook-ceph/ceph-cluster', false],
    ['SriovNetwork', 'rook-ceph/ceph-public', false],
    ['Network', 'rook-ceph/storage-raw', false],
    ['ClusterUserDefinedNetwork', 'shared-l3', true],
  ]);
});

test('SR-IOV: spec.ipam (whitespace deleted), capabilities and metaPlugins (spliced into plugins) at exact characters', () => {
  assert.deepEqual(findings(ws, 'sriov-network-operator.yaml'), [
    [12, 'cni/invalid-value', '4095', 'error'],
    [20, 'cni/unknown-field', '"rnage_start"', 'warning'],
    [24, 'cni/capability-missing', '"bandwidth"', 'warning'],
    [24, 'cni/chain-order', '"bandwidth"', 'warning'],
    [24, 'cni/field-type', '"fast"', 'error'],
    [47, 'json/syntax', ',', 'error'],
    [58, 'cni/unknown-field', '"gatway"', 'warning'],
    [72, 'ipam/dhcp-daemon', '"dhcp"', 'info'],
    [73, 'cni/field-type', '[{"type": "tuning"}]', 'error'],
  ]);
});

test('NVIDIA network-operator: spec.ipam and the rendered mode, at exact characters', () => {
  assert.deepEqual(findings(ws, 'nvidia-network-operator.yaml'), [
    [16, 'ipam/host-bits', '"192.168.2.225/28"', 'warning'],
    [17, 'ipam/exclude-outside', '"192.168.3.229/30"', 'warning'],
    [26, 'cni/invalid-value', 'brige', 'error'],
    [47, 'ipam/range-bounds', '"192.168.6.1"', 'warning'],
  ]);
});

test('Spiderpool: chainCNIJsonData entries and customCNI at exact characters; spiderpool IPAM is known', () => {
  assert.deepEqual(findings(ws, 'spiderpool.yaml'), [
    [20, 'json/syntax', ',', 'error'],
    [36, 'cni/unknown-field', '"isGatway"', 'warning'],
  ]);
});

test('OpenShift additionalNetworks: rawCNIConfig checked as the whole config; SimpleMacvlan and UDNs carry no JSON', () => {
  assert.deepEqual(findings(ws, 'openshift-network.yaml'), [
    [13, 'ipam/gateway-outside', '"10.30.0.1"', 'warning'],
    [22, 'json/syntax', ',', 'error'],
  ]);
  assert.deepEqual(findings(ws, 'ovn-kubernetes.yaml'), []);
});

test('references from pods, the default-network annotation, CephCluster selectors and KubeVirt all resolve to rendered NADs', () => {
  assert.deepEqual(findings(ws, 'consumers.yaml'), [
    [12, 'rook/public-no-node-route', 'ceph-public', 'info'],
    [42, 'ref/nad-not-found', 'rdma-macvlna', 'warning'],
    [96, 'ref/nad-not-found', 'macvlan-ens192', 'warning'],
  ]);
  const refs = ws.index.contribution(uriOf(ws, 'consumers.yaml'))!.refs;
  const unresolved = refs.filter((r) => ws.index.resolve(r).candidates.length === 0).map((r) => r.name);
  assert.deepEqual(unresolved.sort(), ['macvlan-ens192', 'rdma-macvlna']);
  assert.equal(refs.length, 18);
});

test('near-misses: other API groups, a Network not named "cluster", unknown additionalNetworks types render nothing', () => {
  const w = memoryWorkspace({
    'a.yaml': `apiVersion: sriovnetwork.example.com/v1
kind: SriovNetwork
metadata:
  name: x
spec:
  ipam: '{"type": "host-local",}'
---
apiVersion: operator.openshift.io/v1
kind: Network
metadata:
  name: not-cluster
spec:
  additionalNetworks:
    - name: y
      type: Raw
      rawCNIConfig: '{,}'
---
apiVersion: operator.openshift.io/v1
kind: Network
metadata:
  name: cluster
spec:
  additionalNetworks:
    - name: z
      type: OVNKubernetes
`,
  });
  assert.deepEqual([...w.index.allNads()].map(qualified), []);
  assert.deepEqual(findings(w, 'a.yaml'), []);
});

test('near-miss: SR-IOV deletes whitespace inside spec.ipam, so a space inside a string value is not an error', () => {
  const w = memoryWorkspace({
    'a.yaml': `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetwork
metadata:
  name: x
  namespace: ns
spec:
  resourceName: r
  ipam: |
    { "type":  "host-local",
      "subnet": "10.0.0.0/24 " }
`,
  });
  assert.deepEqual(findings(w, 'a.yaml'), []);
  // The NVIDIA HostDeviceNetwork pastes its ipam verbatim: the same space is kept (and wrong).
  const h = memoryWorkspace({
    'a.yaml': `apiVersion: mellanox.com/v1alpha1
kind: HostDeviceNetwork
metadata:
  name: x
spec:
  networkNamespace: ns
  ipam: '{ "type": "host-local", "subnet": "10.0.0.0/24 " }'
`,
  });
  assert.deepEqual(
    findings(h, 'a.yaml').map((f) => [f[1], f[2]]),
    [['ipam/invalid-cidr', '"10.0.0.0/24 "']],
  );
});

test('KubeVirt networkName: split at the first slash, dots allowed, no @interface', () => {
  const p = (v: string) => {
    const r = parseNetworkName(v);
    return [
      r.refs.map((x) => [x.namespace, x.name, v.slice(x.nameStart, x.nameEnd)]),
      r.errors.map((e) => v.slice(e.start, e.end)),
    ];
  };
  assert.deepEqual(p('ns/my.net'), [[['ns', 'my.net', 'my.net']], []]);
  assert.deepEqual(p('net'), [[[undefined, 'net', 'net']], []]);
  assert.deepEqual(p('a/b/c'), [[], ['b/c']]);
  assert.deepEqual(p('Bad/net'), [[], ['Bad']]);
  assert.deepEqual(p('net@eth1'), [[], ['net@eth1']]);
});

test('the default-network annotation takes one network; a bare name is looked up in any namespace', () => {
  const w = memoryWorkspace({
    'nad.yaml': nad({
      name: 'primary',
      namespace: 'kube-system',
      config: `'{"cniVersion": "0.3.1", "type": "bridge"}'`,
    }),
    'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: apps
  annotations:
    v1.multus-cni.io/default-network: primary
---
apiVersion: v1
kind: Pod
metadata:
  name: q
  namespace: apps
  annotations:
    v1.multus-cni.io/default-network: primary,kube-system/primary
`,
  });
  assert.deepEqual(
    findings(w, 'pod.yaml').map((f) => [f[0], f[1], f[2]]),
    [[15, 'ref/annotation-syntax', 'kube-system/primary']],
  );
});

test('nad/unused counts KubeVirt references', () => {
  const vmnet = nad({ name: 'vmnet', namespace: 'vms', config: `'{"cniVersion": "0.3.1", "type": "bridge"}'` });
  const vm = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: vm
  namespace: vms
spec:
  template:
    spec:
      networks:
        - name: n
          multus:
            networkName: vmnet
`;
  const rules = { 'nad/unused': 'hint' as const };
  const unused = (w: Workspace) => findings(w, 'nad.yaml').filter((f) => f[1] === 'nad/unused').length;
  assert.equal(unused(memoryWorkspace({ 'nad.yaml': vmnet, 'vm.yaml': vm }, { rules })), 0);
  assert.equal(unused(memoryWorkspace({ 'nad.yaml': vmnet }, { rules })), 1);
});

const CONSUMERS = 'consumers.yaml';
const SRIOV = 'sriov-network-operator.yaml';
const OPENSHIFT = 'openshift-network.yaml';
const SPIDER = 'spiderpool.yaml';

function show(w: Workspace, spans: { uri: string; start: number; end: number }[]) {
  return spans.map((s) => {
    const a = w.get(s.uri)!;
    return [path.basename(new URL(s.uri).pathname), a.text.slice(s.start, s.end), a.lines.positionAt(s.start).line + 1];
  });
}

test('definition from a CephCluster selector and a KubeVirt networkName lands on the resource that renders the NAD', () => {
  const c = textOf(ws, CONSUMERS);
  assert.deepEqual(show(ws, definitionAt(ws, uriOf(ws, CONSUMERS), offsetOf(c, 'public: ceph-public', 1, 10))), [
    [SRIOV, 'ceph-public', 7],
  ]);
  assert.deepEqual(show(ws, definitionAt(ws, uriOf(ws, CONSUMERS), offsetOf(c, 'ml-jobs/rdma-macvlan', 1, 10))), [
    ['nvidia-network-operator.yaml', 'rdma-macvlan', 7],
  ]);
  assert.deepEqual(show(ws, definitionAt(ws, uriOf(ws, CONSUMERS), offsetOf(c, 'rook-ceph/storage-raw', 1, 12))), [
    [OPENSHIFT, 'storage-raw', 10],
  ]);
  assert.deepEqual(
    show(ws, definitionAt(ws, uriOf(ws, CONSUMERS), offsetOf(c, 'kube-system/macvlan-vlan100', 1, 14))),
    [[SPIDER, 'macvlan-vlan100', 10]],
  );
});

test('references of a SriovNetwork: the CephCluster selector (and the declaration)', () => {
  const s = textOf(ws, SRIOV);
  assert.deepEqual(show(ws, referencesAt(ws, uriOf(ws, SRIOV), offsetOf(s, 'name: ceph-cluster', 1, 8), true)), [
    [CONSUMERS, 'ceph-cluster', 13],
    [SRIOV, 'ceph-cluster', 29],
  ]);
});

test('rename through a generating resource: metadata.name, the OpenShift entry name, the Spiderpool annotation', () => {
  const w = loadFolder(DIR);
  const c = textOf(w, CONSUMERS);
  const edits = renameEdits(w, uriOf(w, CONSUMERS), offsetOf(c, 'rook-ceph/ceph-cluster', 1, 12), 'ceph-repl');
  assert.deepEqual([...edits].map(([u, es]) => [path.basename(u), es.length]).sort(), [
    [CONSUMERS, 1],
    [SRIOV, 1],
  ]);
  const after = applyEdits(textOf(w, SRIOV), edits.get(uriOf(w, SRIOV))!);
  assert.match(after, /kind: SriovNetwork\nmetadata:\n {2}name: ceph-repl\n {2}namespace: rook-ceph/);
  assert.match(applyEdits(c, edits.get(uriOf(w, CONSUMERS))!), /cluster: rook-ceph\/ceph-repl\n/);

  const raw = renameEdits(w, uriOf(w, CONSUMERS), offsetOf(c, 'rook-ceph/storage-raw', 1, 12), 'ceph-raw');
  const o = applyEdits(textOf(w, OPENSHIFT), raw.get(uriOf(w, OPENSHIFT))!);
  assert.match(o, /- name: ceph-raw\n {6}namespace: rook-ceph/);
  // rawCNIConfig is the whole config: its "name" followed, as for a NAD's spec.config.
  assert.match(o, /rawCNIConfig: '\{ "cniVersion": "0\.3\.1", "name": "ceph-raw",/);
  assert.match(applyEdits(c, raw.get(uriOf(w, CONSUMERS))!), /default-network: rook-ceph\/ceph-raw\n/);

  const sp = renameEdits(w, uriOf(w, CONSUMERS), offsetOf(c, 'kube-system/macvlan-vlan100', 1, 14), 'vlan100');
  const s2 = applyEdits(textOf(w, SPIDER), sp.get(uriOf(w, SPIDER))!);
  assert.match(s2, /multus\.spidernet\.io\/cr-name: vlan100\n/);
  assert.match(s2, /name: macvlan-ens192\n/);
});

test('hover on a reference shows the resource and the NAD it renders', () => {
  const c = textOf(ws, CONSUMERS);
  const h = hoverAt(ws, uriOf(ws, CONSUMERS), offsetOf(c, 'public: ceph-public', 1, 10))!;
  assert.match(h.markdown, /NetworkAttachmentDefinition `rook-ceph\/ceph-public`/);
  assert.match(h.markdown, /rendered by the operator from SriovNetwork `sriov-network-operator\/ceph-public`/);
  assert.match(h.markdown, /type: plugin list: `sriov` → `tuning` → `bandwidth`/);
  assert.match(h.markdown, /range: `192\.168\.120\.0\/24`/);
  const v = hoverAt(ws, uriOf(ws, CONSUMERS), offsetOf(c, 'networkName: tenant-blue', 1, 15))!;
  assert.match(v.markdown, /VirtualMachineInstance network `blue`/);
  assert.match(v.markdown, /UserDefinedNetwork `blue\/tenant-blue`/);
  assert.match(v.markdown, /`ovn-k8s-cni-overlay`/);
  assert.match(v.markdown, /range: `10\.100\.0\.0\/16`/);
});

test('Rook cross-file rules see the plugin and range a SriovNetwork renders', () => {
  const sriov = `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetwork
metadata:
  name: ceph-net
  namespace: rook-ceph
spec:
  resourceName: nics
  ipam: '{"type": "whereabouts", "range": "192.168.50.0/24", "routes": [{"dst": "10.0.0.0/8"}]}'
`;
  const cluster = (ranges: string) =>
    cephCluster({
      name: 'rook-ceph',
      namespace: 'rook-ceph',
      network: `${multusNetwork({ public: 'ceph-net', cluster: 'ceph-net' })}addressRanges:\n  public: ["${ranges}"]\n`,
    });
  // Codes only: where each finding sits is the Rook rules' business (test/unit/rook.test.ts).
  const codes = (w: Workspace) => findings(w, 'cluster.yaml').map((f) => f[1]);
  assert.deepEqual(codes(memoryWorkspace({ 'sriov.yaml': sriov, 'cluster.yaml': cluster('10.9.0.0/16') })), [
    'rook/same-network',
    'rook/address-range-mismatch',
  ]);
  // Near-miss: the range the operator renders lies inside addressRanges.
  assert.deepEqual(codes(memoryWorkspace({ 'sriov.yaml': sriov, 'cluster.yaml': cluster('192.168.0.0/16') })), [
    'rook/same-network',
  ]);
});

test('hover inside the JSON an operator pastes: spec.ipam fields, a spec field it renders, rawCNIConfig', () => {
  const s = textOf(ws, SRIOV);
  const h = hoverAt(ws, uriOf(ws, SRIOV), offsetOf(s, '"range_end"', 1, 3))!;
  assert.equal(s.slice(h.start, h.end), '"range_end"');
  assert.match(h.markdown, /\*\*range_end\*\*/);
  assert.match(h.markdown, /whereabouts/);
  const v = hoverAt(ws, uriOf(ws, SRIOV), offsetOf(s, 'vlan: 121', 1, 7))!;
  assert.equal(s.slice(v.start, v.end), '121');
  assert.match(v.markdown, /\*\*vlan\*\*/);
  const o = textOf(ws, OPENSHIFT);
  const r = hoverAt(ws, uriOf(ws, OPENSHIFT), offsetOf(o, '"gateway"', 1, 2))!;
  assert.equal(o.slice(r.start, r.end), '"gateway"');
  // Not on the operator's own text or a plain YAML key.
  assert.equal(hoverAt(ws, uriOf(ws, SRIOV), offsetOf(s, 'resourceName: intelnics_public', 1, 2)), undefined);
});

test('quick fixes work where one string is the whole config (rawCNIConfig), as in spec.config', () => {
  const w = loadFolder(DIR);
  const uri = uriOf(w, OPENSHIFT);
  const text = textOf(w, OPENSHIFT);
  const comma = offsetOf(text, '"dhcp" },', 1, 8);
  const fixes = codeActions(w, uri, { start: comma, end: comma + 1 }).filter((f) => f.kind === 'quickfix');
  const fix = fixes.find((f) => f.isPreferred)!;
  assert.ok(fix, JSON.stringify(fixes.map((f) => f.title)));
  const edits = fix.change.edits.get(uri)!;
  const after = applyEdits(text, edits);
  assert.equal(after, text.replace('"dhcp" },', '"dhcp" }'));
});

test('the replication-flow preview draws the NADs operators render (plugin, range, click target)', () => {
  const [m] = clusterModelsOf(ws, uriOf(ws, CONSUMERS));
  assert.equal(m.public.kind, 'nad');
  assert.deepEqual(
    [m.public.nad?.namespace, m.public.nad?.name, m.public.nad?.pluginType, m.public.nad?.ranges],
    ['rook-ceph', 'ceph-public', 'sriov', ['192.168.120.0/24']],
  );
  assert.deepEqual([m.cluster.nad?.name, m.cluster.nad?.pluginType], ['ceph-cluster', 'sriov']);
  assert.equal(path.basename(new URL(m.public.nad!.uri).pathname), SRIOV);
});

test('a JSON field written as a YAML mapping is rejected by the API server (k8s/schema), nothing else is reported', () => {
  const w = memoryWorkspace({
    'a.yaml': `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetwork
metadata:
  name: x
  namespace: ns
spec:
  resourceName: r
  ipam:
    type: host-local
    subnet: 10.0.0.0/24
`,
  });
  assert.deepEqual(findings(w, 'a.yaml'), [[9, 'k8s/schema', 'type: host-local\n    subnet: 10.0.0.0/24\n', 'error']]);
});

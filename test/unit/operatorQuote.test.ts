// nad/operator-quote (issue 15): the SR-IOV and NVIDIA operators paste spec.ipam, spec.metaPlugins
// and a few plain fields into NAD templates that write the config as a single-quoted YAML string
// (config: '{ ... }'); a lone single quote ends that string and the rendered NAD is not YAML.
// Spiderpool and OpenShift build their configs without such a template: no finding there.
// Resources written for these tests after the operators' docs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryWorkspace } from '../support/workspaceFixtures';

function quotes(text: string): string[] {
  const ws = memoryWorkspace({ 'r.yaml': text });
  return ws
    .problemsFor('file:///mem/r.yaml')
    .filter((p) => p.code === 'nad/operator-quote')
    .map(
      (p) =>
        `${p.severity} ${JSON.stringify(text.slice(p.start, p.end))} line ${text.slice(0, p.start).split('\n').length}`,
    );
}

const SRIOV = `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetwork
metadata:
  name: ceph-public
  namespace: sriov-network-operator
spec:
  resourceName: intel_sriov_public
  networkNamespace: rook-ceph
  vlan: 120
  ipam: |
    {
      "type": "whereabouts",
      "range": "192.168.120.0/24",
      "network_name": "ceph's public"
    }
  metaPlugins: |
    {"type": "tuning", "sysctl": {"net.ipv4.conf.IFNAME.arp_notify": "1"}}
`;

test("nad/operator-quote: a ' in a SriovNetwork's spec.ipam (| block), exactly on the quote", () => {
  assert.deepEqual(quotes(SRIOV), [`error "'" line 14`]);
  const ws = memoryWorkspace({ 'r.yaml': SRIOV });
  const p = ws.problemsFor('file:///mem/r.yaml').find((x) => x.code === 'nad/operator-quote')!;
  assert.match(p.message, /SR-IOV Network Operator renders from this SriovNetwork: its template pastes spec\.ipam/);
  assert.doesNotMatch(p.message, /`/);
  // In metaPlugins too; and a single-quoted YAML scalar whose '' decodes to one quote.
  const meta = SRIOV.replace('"1"}}', `"1"}, "comment": "it's"}`);
  assert.deepEqual(quotes(meta), [`error "'" line 14`, `error "'" line 17`]);
  const single = SRIOV.replace(
    /ipam: \|\n(?: {4}.*\n)+/,
    `ipam: '{"type": "whereabouts", "range": "192.168.120.0/24", "network_name": "ceph''s"}'\n`,
  );
  assert.deepEqual(quotes(single), [`error "''" line 10`]);
});

test('nad/operator-quote: NVIDIA MacvlanNetwork master; near misses: doubled quotes, Spiderpool, OpenShift', () => {
  const macvlan = `apiVersion: mellanox.com/v1alpha1
kind: MacvlanNetwork
metadata:
  name: rdma-macvlan
spec:
  networkNamespace: default
  master: "ens1'f0"
  mode: bridge
  ipam: '{"type": "whereabouts", "range": "192.168.2.0/24"}'
`;
  assert.deepEqual(quotes(macvlan), [`error "'" line 7`]);
  // '' in the decoded value: the template's YAML reads it as one quote (the string goes on).
  assert.deepEqual(quotes(SRIOV.replace("ceph's", "ceph''s")), []);
  const spider = `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderMultusConfig
metadata:
  name: macvlan-ens192
  namespace: kube-system
spec:
  cniType: macvlan
  macvlan:
    master: ["ens192"]
  chainCNIJsonData:
    - '{"type": "tuning", "sysctl": {"net.core.somaxconn": "500"}, "note": "it''s"}'
`;
  assert.deepEqual(quotes(spider), []);
  const openshift = `apiVersion: operator.openshift.io/v1
kind: Network
metadata:
  name: cluster
spec:
  additionalNetworks:
    - name: ceph-raw
      namespace: rook-ceph
      type: Raw
      rawCNIConfig: '{"cniVersion": "0.3.1", "name": "ceph-raw", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}, "note": "it''s"}'
`;
  assert.deepEqual(quotes(openshift), []);
});

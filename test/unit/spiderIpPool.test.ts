// Spiderpool (issue 15): a SpiderMultusConfig's NAD takes its addresses from the SpiderIPPools its
// spiderpool IPAM names (spec.<cniType>.ippools.ipv4/ipv6 → default_ipv4_ippool/default_ipv6_ippool);
// a CephCluster selecting that NAD gets the address-range checks on each pool's spec.subnet, as
// for a NAD whose range is written out. Manifests written for these tests after Spiderpool's docs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverAt } from '../../server/src/core/features/hover';
import { clusterModelsOf } from '../../server/src/core/flow/build';
import { memoryWorkspace } from '../support/workspaceFixtures';

const multusConfig = (pools: string) => `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderMultusConfig
metadata:
  name: ceph-public
  namespace: rook-ceph
spec:
  cniType: macvlan
  macvlan:
    master: ["ens224"]
    ippools:
${pools}`;

const ipPool = (name: string, subnet: string, ips: string) => `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata:
  name: ${name}
spec:
  subnet: ${subnet}
  ips:
    - ${ips}
`;

const cluster = (extra: string) => `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: rook-ceph
  namespace: rook-ceph
spec:
  network:
    provider: multus
    selectors:
      public: ceph-public
${extra}`;

const ROOK = /^rook\/(address-range-mismatch|ip-family-mismatch|same-network|nad-no-ipam|nad-ipam-per-node)$/;

/** `code slice [related slices]` of the Rook range findings of cluster.yaml. */
function findings(files: Record<string, string>): string[] {
  const ws = memoryWorkspace(files);
  return ws
    .problemsFor('file:///mem/cluster.yaml')
    .filter((p) => ROOK.test(p.code))
    .map((p) => {
      const related = (p.related ?? []).map((r) => {
        const file = r.uri.slice('file:///mem/'.length);
        return `${file}:${files[file].slice(r.start, r.end)}`;
      });
      return `${p.code} ${files['cluster.yaml'].slice(p.start, p.end)} [${related.join(', ')}]`;
    });
}

const V4 = '      ipv4: ["ceph-public-v4"]\n';

test('rook/address-range-mismatch on the range of the SpiderIPPool a SpiderMultusConfig names', () => {
  const files = {
    'multus.yaml': multusConfig(V4),
    'pools.yaml': ipPool('ceph-public-v4', '10.20.0.0/16', '10.20.1.10-10.20.1.200'),
    'cluster.yaml': cluster('    addressRanges:\n      public: ["192.168.10.0/24"]\n'),
  };
  assert.deepEqual(findings(files), [
    'rook/address-range-mismatch "192.168.10.0/24" [pools.yaml:10.20.0.0/16, cluster.yaml:ceph-public]',
  ]);
  const ws = memoryWorkspace(files);
  const p = ws.problemsFor('file:///mem/cluster.yaml').find((x) => x.code === 'rook/address-range-mismatch')!;
  assert.match(p.message, /does not contain 10\.20\.0\.0\/16/);
  assert.deepEqual(p.data, { suggestion: '10.20.0.0/16' });
  // Hover on the selector shows the range and where it comes from.
  const c = files['cluster.yaml'];
  const h = hoverAt(ws, 'file:///mem/cluster.yaml', c.indexOf('public: ceph-public') + 10)!;
  assert.match(h.markdown, /IPAM: `spiderpool`/);
  assert.match(h.markdown, /range: `10\.20\.0\.0\/16` \(SpiderIPPool `ceph-public-v4`\)/);
  // The replication-flow preview draws the pool's range too.
  const [m] = clusterModelsOf(ws, 'file:///mem/cluster.yaml');
  assert.deepEqual(
    [m.public.nad?.pluginType, m.public.nad?.ipamType, m.public.nad?.ranges],
    ['macvlan', 'spiderpool', ['10.20.0.0/16']],
  );
  // Near misses: the pool lies inside addressRanges; the pool is not in the workspace (its range is
  // not known: nothing rests on a guess); two pools of that name with different subnets.
  assert.deepEqual(
    findings({ ...files, 'cluster.yaml': cluster('    addressRanges:\n      public: ["10.20.0.0/16"]\n') }),
    [],
  );
  assert.deepEqual(findings({ ...files, 'pools.yaml': ipPool('other', '10.20.0.0/16', '10.20.1.10') }), []);
  assert.deepEqual(findings({ ...files, 'pools-b.yaml': ipPool('ceph-public-v4', '10.30.0.0/16', '10.30.1.10') }), []);
});

test('rook/ip-family-mismatch and rook/same-network through SpiderIPPools', () => {
  const v6 = {
    'multus.yaml': multusConfig('      ipv6: ["ceph-public-v6"]\n'),
    'pools.yaml': ipPool('ceph-public-v6', 'fd00:20::/64', 'fd00:20::10-fd00:20::ff'),
    'cluster.yaml': cluster(''),
  };
  assert.deepEqual(findings(v6), ['rook/ip-family-mismatch ceph-public [multus.yaml:ceph-public]']);
  // Near miss: dual stack binds both families.
  assert.deepEqual(findings({ ...v6, 'cluster.yaml': cluster('    dualStack: true\n') }), []);

  const clusterNet = `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderMultusConfig
metadata:
  name: ceph-cluster
  namespace: rook-ceph
spec:
  cniType: macvlan
  macvlan:
    master: ["ens256"]
    ippools:
      ipv4: ["ceph-cluster-v4"]
`;
  const both = (clusterSubnet: string) => ({
    'multus.yaml': `${multusConfig(V4)}---\n${clusterNet}`,
    'pools.yaml': `${ipPool('ceph-public-v4', '10.20.0.0/16', '10.20.1.10')}---\n${ipPool('ceph-cluster-v4', clusterSubnet, '10.20.9.10')}`,
    'cluster.yaml': cluster('      cluster: ceph-cluster\n'),
  });
  assert.deepEqual(findings(both('10.20.9.0/24')), [
    'rook/same-network ceph-cluster [multus.yaml:ceph-public, multus.yaml:ceph-cluster]',
  ]);
  assert.deepEqual(findings(both('10.21.9.0/24')), []);
});

test('a SpiderIPPool edit re-checks the CephCluster (dependents)', () => {
  const ws = memoryWorkspace({
    'multus.yaml': multusConfig(V4),
    'pools.yaml': ipPool('ceph-public-v4', '10.20.0.0/16', '10.20.1.10'),
    'cluster.yaml': cluster('    addressRanges:\n      public: ["10.20.0.0/16"]\n'),
  });
  const uri = 'file:///mem/pools.yaml';
  const before = ws.get(uri);
  const after = ws.setFile(uri, ipPool('ceph-public-v4', '10.99.0.0/16', '10.99.1.10'));
  assert.deepEqual(ws.dependentsOf(uri, before, after), ['file:///mem/cluster.yaml']);
  assert.deepEqual(
    ws.problemsFor('file:///mem/cluster.yaml').map((p) => p.code),
    ['rook/address-range-mismatch'],
  );
});

// Quick fixes and completion inside the JSON strings an operator pastes piecewise into the NAD it renders
// (SriovNetwork/MacvlanNetwork spec.ipam, spec.metaPlugins; issue 15): the CNI fixes are computed on
// the rendered config and written back into the user's string, re-encoded for its YAML style, when
// every edit falls inside that one string. Each fix round-trips: the finding is gone and nothing new
// appears. Resources written for these tests after the operators' docs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixesFor } from '../../server/src/core/features/codeActions';
import { completionsAt, type CompletionItemCore } from '../../server/src/core/features/completion';
import { memoryWorkspace } from '../support/workspaceFixtures';

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
      "rangeStart": "192.168.120.10"
    }
  metaPlugins: |
    {"type": "tunning", "sysctl": {"net.ipv4.conf.IFNAME.arp_notify": "1"}}
`;

const MACVLAN = `apiVersion: mellanox.com/v1alpha1
kind: MacvlanNetwork
metadata:
  name: rdma-macvlan
spec:
  networkNamespace: default
  master: ens1f0
  mode: bridge
  ipam: '{"type": "whereabouts", "range": "192.168.2.5/24"}'
`;

const codes = (text: string) =>
  memoryWorkspace({ 'r.yaml': text })
    .problemsFor('file:///mem/r.yaml')
    .map((p) => `${p.code} ${JSON.stringify(text.slice(p.start, p.end))}`)
    .sort();

/** Applies the preferred fix of the finding `code` on `slice`; returns the new text. */
function applyPreferred(text: string, code: string, slice: string): string {
  const ws = memoryWorkspace({ 'r.yaml': text });
  const uri = 'file:///mem/r.yaml';
  const p = ws.problemsFor(uri).find((x) => x.code === code && text.slice(x.start, x.end) === slice);
  assert.ok(p, `${code} on ${slice}`);
  const fix = fixesFor({ uri, analysis: ws.get(uri)!, workspace: ws }, p).find((f) => f.isPreferred);
  assert.ok(fix, `a preferred fix for ${code}`);
  let out = text;
  for (const e of [...fix.change.edits.get(uri)!].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

test('quick fixes inside a SriovNetwork spec.ipam (| block, whitespace deleted) and spec.metaPlugins round-trip', () => {
  const before = codes(SRIOV);
  assert.ok(before.includes('cni/unknown-field "\\"rangeStart\\""'), before.join('\n'));
  assert.ok(before.includes('cni/type-near-miss "\\"tunning\\""'), before.join('\n'));

  const field = applyPreferred(SRIOV, 'cni/unknown-field', '"rangeStart"');
  assert.equal(field, SRIOV.replace('"rangeStart"', '"range_start"'));
  assert.deepEqual(
    codes(field),
    before.filter((c) => !c.startsWith('cni/unknown-field')),
  );

  const type = applyPreferred(SRIOV, 'cni/type-near-miss', '"tunning"');
  assert.equal(type, SRIOV.replace('"tunning"', '"tuning"'));
  assert.deepEqual(
    codes(type),
    before.filter((c) => !c.startsWith('cni/type-near-miss')),
  );
});

test('quick fix inside a single-quoted MacvlanNetwork spec.ipam (host bits) round-trips; none on text the operator writes', () => {
  const before = codes(MACVLAN);
  assert.ok(before.includes('ipam/host-bits "\\"192.168.2.5/24\\""'), before.join('\n'));
  const fixed = applyPreferred(MACVLAN, 'ipam/host-bits', '"192.168.2.5/24"');
  assert.equal(fixed, MACVLAN.replace('192.168.2.5/24', '192.168.2.0/24'));
  assert.deepEqual(
    codes(fixed),
    before.filter((c) => !c.startsWith('ipam/host-bits')),
  );
  // A finding on a spec field the operator renders (mode → "mode") is reported on the field, but
  // its fix would edit a JSON string the operator writes: none is offered.
  const badMode = MACVLAN.replace('mode: bridge', 'mode: brigde');
  const ws = memoryWorkspace({ 'r.yaml': badMode });
  const uri = 'file:///mem/r.yaml';
  const p = ws.problemsFor(uri).find((x) => x.code === 'cni/invalid-value')!;
  assert.equal(badMode.slice(p.start, p.end), 'brigde');
  assert.deepEqual(fixesFor({ uri, analysis: ws.get(uri)!, workspace: ws }, p), []);
});

// Completion inside those strings: the place in the rendered config decides what is offered.
function completeAt(text: string, marker: string): { labels: string[]; items: CompletionItemCore[] } {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, marker);
  const src = text.slice(0, at) + text.slice(at + marker.length);
  const ws = memoryWorkspace({ 'r.yaml': src });
  const items = completionsAt(ws, 'file:///mem/r.yaml', at);
  return { labels: items.map((i) => i.label), items };
}

test('completion inside a SriovNetwork spec.ipam (whereabouts fields, even while the JSON is unfinished) and metaPlugins', () => {
  const ipam = SRIOV.replace('"rangeStart": "192.168.120.10"', '"§');
  const { labels, items } = completeAt(ipam, '§');
  assert.ok(labels.includes('range_start'), labels.join(' '));
  assert.ok(!labels.includes('vlan'), 'sriov plugin fields are not ipam fields');
  // The replace range stays inside the user's string, on the characters typed so far.
  const text = ipam.replace('§', '');
  const it = items.find((i) => i.label === 'range_start')!;
  assert.ok(it.start >= text.indexOf('ipam: |') && it.end <= text.indexOf('metaPlugins'), `${it.start}-${it.end}`);
  const meta = SRIOV.replace('"tunning"', '"tuning"').replace('"sysctl"', '"§"');
  assert.ok(completeAt(meta, '§').labels.includes('sysctl'));
  // Outside the strings (a spec field), no CNI field completion.
  assert.ok(!completeAt(SRIOV.replace('vlan: 120', 'vlan: 1§20'), '§').labels.includes('range_start'));
});

test('json/syntax quick fix inside spec.ipam and spec.metaPlugins (a trailing comma, as in a network-operator example) round-trips', () => {
  const ib = `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovIBNetwork
metadata:
  name: example-sriov-ib-network
  namespace: network-operator
spec:
  resourceName: mlnxnics
  linkState: enable
  networkNamespace: default
  ipam: |
    {
      "type": "whereabouts",
      "range": "192.168.5.225/28",
    }
`;
  const before = codes(ib);
  assert.deepEqual(
    before.filter((c) => c.startsWith('json/')),
    ['json/syntax ","'],
  );
  const fixed = applyPreferred(ib, 'json/syntax', ',');
  assert.equal(fixed, ib.replace('"192.168.5.225/28",\n', '"192.168.5.225/28"\n'));
  assert.deepEqual(
    codes(fixed).filter((c) => c.startsWith('json/')),
    [],
  );
  // metaPlugins is parsed as a list of plugin objects: offsets shift by the "[" it is wrapped in.
  const meta = SRIOV.replace('"1"}}', '"1"},}');
  assert.ok(codes(meta).includes('json/syntax ","'), codes(meta).join('\n'));
  assert.equal(applyPreferred(meta, 'json/syntax', ','), SRIOV);
});

// Completion at cursor-marked positions (`<|>`): field names, enum values and types inside the CNI
// JSON in every scalar style (inserted text escaped for the style, and the accepted item leaves a
// valid config), CephCluster network keys and values, NAD names in selectors and annotations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core/edits';
import { CompletionItemCore, completionsAt } from '../../server/src/core/features/completion';
import { expandSnippet } from '../../server/src/core/features/fixes/snippets';
import type { Workspace } from '../../server/src/core/workspace';
import { marked } from '../support/caret';
import { cephCluster, nad } from '../support/manifests';
import { memoryWorkspace } from '../support/workspaceFixtures';

/** A NAD in rook-ceph whose spec.config is written as given (any scalar style). */
const NAD = (config: string, name = 'n1', namespace = 'rook-ceph') => nad({ config, name, namespace });

function complete(
  files: Record<string, string>,
  file: string,
): { ws: Workspace; text: string; items: CompletionItemCore[] } {
  const m = marked(files[file]);
  const ws = memoryWorkspace({ ...files, [file]: m.text });
  return { ws, text: m.text, items: completionsAt(ws, `file:///mem/${file}`, m.at) };
}

/** Accepts an item the way an editor does (snippet tab stops take their defaults). */
function accept(text: string, item: CompletionItemCore): string {
  const insert = item.snippet ? expandSnippet(item.insertText) : item.insertText;
  return applyEdits(text, [{ start: item.start, end: item.end, newText: insert }]);
}

const labels = (items: CompletionItemCore[]) => items.map((i) => i.label);
const configOf = (text: string) =>
  memoryWorkspace({ 'x.yaml': text }).get('file:///mem/x.yaml')!.nads[0].decoded!.value;

const KEY_CASES: [string, string][] = [
  ['single-quoted', `'{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", <|>}'`],
  ['double-quoted', `"{\\"cniVersion\\": \\"1.0.0\\", \\"type\\": \\"macvlan\\", \\"master\\": \\"eth1\\", <|>}"`],
  [
    'literal block',
    `|\n    {\n      "cniVersion": "1.0.0",\n      "type": "macvlan",\n      "master": "eth1",\n      <|>\n    }`,
  ],
  ['folded block', `>\n    {"cniVersion": "1.0.0", "type": "macvlan",\n    "master": "eth1", <|>}`],
  [
    'multi-line single-quoted',
    `'{\n      "cniVersion": "1.0.0",\n      "type": "macvlan",\n      "master": "eth1",\n      <|>\n    }'`,
  ],
];

for (const [style, config] of KEY_CASES) {
  test(`completion of macvlan field names in a ${style} config; the accepted item leaves valid JSON`, () => {
    const { text, items } = complete({ 'a.yaml': NAD(config) }, 'a.yaml');
    const names = labels(items);
    for (const f of ['mode', 'mtu', 'mac', 'ipam', 'name', 'linkInContainer'])
      assert.ok(names.includes(f), `${f} offered (${names.join(', ')})`);
    for (const f of ['master', 'type', 'cniVersion', 'runtimeConfig'])
      assert.ok(!names.includes(f), `${f} not offered`);
    const mode = items.find((i) => i.label === 'mode')!;
    assert.equal(mode.snippet, true);
    const after = configOf(accept(text, mode));
    assert.deepEqual(JSON.parse(after), { cniVersion: '1.0.0', type: 'macvlan', master: 'eth1', mode: 'bridge' });
    const mtu = items.find((i) => i.label === 'mtu')!;
    assert.equal(JSON.parse(configOf(accept(text, mtu))).mtu, 0);
  });
}

test('completion text is escaped for the scalar style: \\" in double quotes, verbatim in single quotes and blocks', () => {
  const dq = complete({ 'a.yaml': NAD(KEY_CASES[1][1]) }, 'a.yaml').items.find((i) => i.label === 'mode')!;
  assert.equal(dq.insertText, '\\\\"mode\\\\": \\\\"${1|bridge,private,vepa,passthru|}\\\\"');
  const sq = complete({ 'a.yaml': NAD(KEY_CASES[0][1]) }, 'a.yaml').items.find((i) => i.label === 'mode')!;
  assert.equal(sq.insertText, '"mode": "${1|bridge,private,vepa,passthru|}"');
  // A value with an apostrophe inside single quotes is doubled.
  const apostrophe = complete(
    { 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "ipam": {"type": "<|>"}}'`) },
    'a.yaml',
  );
  assert.ok(apostrophe.items.every((i) => !i.insertText.includes("'") || i.insertText.includes("''")));
});

test('completion inside a key being typed replaces just the key and keeps the value', () => {
  const { text, items } = complete(
    { 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "ma<|>": "eth1"}'`) },
    'a.yaml',
  );
  const master = items.find((i) => i.label === 'master')!;
  assert.equal(text.slice(master.start, master.end), 'ma');
  assert.equal(master.insertText, 'master');
  assert.deepEqual(JSON.parse(configOf(accept(text, master))), {
    cniVersion: '1.0.0',
    type: 'macvlan',
    master: 'eth1',
  });
});

test('completion of a key in quotes with no colon yet inserts the whole member', () => {
  const { text, items } = complete(
    { 'a.yaml': NAD(`|\n    {\n      "cniVersion": "1.0.0",\n      "type": "ipvlan",\n      "mo<|>"\n    }`) },
    'a.yaml',
  );
  const mode = items.find((i) => i.label === 'mode')!;
  assert.equal(text.slice(mode.start, mode.end), '"mo"');
  assert.equal(mode.filterText, '"mode"');
  assert.deepEqual(JSON.parse(configOf(accept(text, mode))), { cniVersion: '1.0.0', type: 'ipvlan', mode: 'l2' });
});

test('enum values: macvlan and ipvlan modes, plugin types, IPAM types, released cniVersions', () => {
  const mode = complete({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "mode": "<|>"}'`) }, 'a.yaml');
  assert.deepEqual(labels(mode.items), ['bridge', 'private', 'vepa', 'passthru']);
  const ipvlan = complete({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "ipvlan", "mode": "l<|>"}'`) }, 'a.yaml');
  assert.deepEqual(labels(ipvlan.items), ['l2', 'l3', 'l3s']);
  assert.equal(ipvlan.text.slice(ipvlan.items[0].start, ipvlan.items[0].end), 'l');
  const types = labels(complete({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "<|>"}'`) }, 'a.yaml').items);
  assert.deepEqual(types.slice(0, 6), ['macvlan', 'ipvlan', 'host-device', 'bridge', 'vlan', 'sriov']);
  assert.ok(types.includes('tuning') && types.includes('ovs'));
  const ipam = labels(
    complete({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "ipam": {"type": "<|>"}}'`) }, 'a.yaml')
      .items,
  );
  assert.deepEqual(ipam.slice(0, 4), ['whereabouts', 'host-local', 'static', 'dhcp']);
  const versions = complete({ 'a.yaml': NAD(`'{"cniVersion": <|>, "type": "macvlan"}'`) }, 'a.yaml');
  assert.deepEqual(labels(versions.items), ['1.1.0', '1.0.0', '0.4.0', '0.3.1', '0.3.0', '0.2.0', '0.1.0']);
  assert.equal(versions.items.find((i) => i.preselect)?.label, '1.0.0');
  assert.equal(versions.items[1].insertText, '"1.0.0"', 'outside a string the value comes with its quotes');
  const bool = labels(
    complete({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "linkInContainer": <|>}'`) }, 'a.yaml').items,
  );
  assert.deepEqual(bool, ['true', 'false']);
});

test('IPAM field names follow ipam.type; plugin list entries follow their own type', () => {
  const wa = labels(
    complete(
      { 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "ipam": {"type": "whereabouts", <|>}}'`) },
      'a.yaml',
    ).items,
  );
  for (const f of ['range', 'range_start', 'range_end', 'exclude', 'routes']) assert.ok(wa.includes(f), f);
  assert.ok(!wa.includes('subnet'), 'host-local fields are not whereabouts fields');
  const hl = labels(
    complete(
      { 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "ipam": {"type": "host-local", <|>}}'`) },
      'a.yaml',
    ).items,
  );
  for (const f of ['subnet', 'rangeStart', 'ranges', 'gateway']) assert.ok(hl.includes(f), f);
  const tuning = labels(
    complete(
      {
        'a.yaml': NAD(
          `'{"cniVersion": "1.0.0", "name": "t", "plugins": [{"type": "macvlan"}, {"type": "tuning", <|>}]}'`,
        ),
      },
      'a.yaml',
    ).items,
  );
  for (const f of ['sysctl', 'mtu', 'promisc']) assert.ok(tuning.includes(f), f);
});

/** A CephCluster whose spec.network body is given already indented (so carets keep their columns). */
const CLUSTER = (network: string, namespace = 'rook-ceph') =>
  cephCluster({ namespace, network: network.replace(/^ {4}/gm, '') });

const WORKSPACE_NADS = {
  'public.yaml': NAD(
    `'{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "10.1.0.0/24"}}'`,
    'public-net',
  ),
  'cluster.yaml': NAD(
    `'{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth2", "ipam": {"type": "whereabouts", "range": "10.2.0.0/24"}}'`,
    'cluster-net',
    'storage',
  ),
};

test('CephCluster network: field names, provider values, selector keys', () => {
  const keys = complete({ 'c.yaml': CLUSTER('    provider: multus\n    <|>') }, 'c.yaml');
  assert.deepEqual(labels(keys.items), [
    'selectors',
    'addressRanges',
    'ipFamily',
    'dualStack',
    'connections',
    'multiClusterService',
  ]);
  // A mapping's value goes on the next line: no trailing space; a scalar's value follows the space.
  assert.equal(keys.items[0].insertText, 'selectors:');
  assert.equal(keys.items[2].insertText, 'ipFamily: ');
  const provider = complete({ 'c.yaml': CLUSTER('    provider: <|>') }, 'c.yaml');
  assert.deepEqual(labels(provider.items), ['multus', 'host', '""']);
  const partial = complete({ 'c.yaml': CLUSTER('    provider: mu<|>') }, 'c.yaml');
  assert.equal(partial.text.slice(partial.items[0].start, partial.items[0].end), 'mu');
  const quoted = complete({ 'c.yaml': CLUSTER('    provider: "<|>"') }, 'c.yaml');
  assert.deepEqual(labels(quoted.items), ['multus', 'host'], 'inside quotes, no bare ""');
  const selectorKeys = complete(
    { 'c.yaml': CLUSTER('    provider: multus\n    selectors:\n      public: public-net\n      <|>') },
    'c.yaml',
  );
  assert.deepEqual(labels(selectorKeys.items), ['cluster']);
});

test('CephCluster selectors: NAD names of the workspace, qualified when the NAD lives in another namespace', () => {
  const r = complete(
    { ...WORKSPACE_NADS, 'c.yaml': CLUSTER('    provider: multus\n    selectors:\n      public: <|>') },
    'c.yaml',
  );
  assert.deepEqual(labels(r.items), ['public-net', 'storage/cluster-net']);
  assert.match(r.items[0].detail!, /macvlan · whereabouts · 10\.1\.0\.0\/24/);
  assert.match(r.items[0].documentation!, /public\.yaml:4/);
  const quoted = complete(
    { ...WORKSPACE_NADS, 'c.yaml': CLUSTER("    provider: multus\n    selectors:\n      cluster: 'clu<|>'") },
    'c.yaml',
  );
  const item = quoted.items.find((i) => i.label === 'storage/cluster-net')!;
  assert.equal(quoted.text.slice(item.start, item.end), 'clu');
  assert.match(accept(quoted.text, item), /cluster: 'storage\/cluster-net'/);
  // Helm values: the namespace is not known, so names stay bare.
  const helm = complete(
    {
      ...WORKSPACE_NADS,
      'values.yaml': 'cephClusterSpec:\n  network:\n    provider: multus\n    selectors:\n      public: <|>\n',
    },
    'values.yaml',
  );
  assert.deepEqual(labels(helm.items), ['cluster-net', 'public-net']);
});

test('networks annotation: NAD names for the entry under the cursor, the interface suffix kept', () => {
  const pod = (value: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: storage
  annotations:
    k8s.v1.cni.cncf.io/networks: ${value}
spec:
  containers: []
`;
  const r = complete({ ...WORKSPACE_NADS, 'p.yaml': pod('cluster-net, pub<|>@net2') }, 'p.yaml');
  assert.deepEqual(labels(r.items), ['cluster-net', 'rook-ceph/public-net']);
  const item = r.items.find((i) => i.label === 'rook-ceph/public-net')!;
  assert.equal(r.text.slice(item.start, item.end), 'pub');
  assert.match(accept(r.text, item), /networks: cluster-net, rook-ceph\/public-net@net2/);
  assert.deepEqual(complete({ ...WORKSPACE_NADS, 'p.yaml': pod('<|>') }, 'p.yaml').items.length, 2);
});

test('no completion outside our objects, and none in comments', () => {
  assert.deepEqual(
    complete({ 'x.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  provider: <|>\n' }, 'x.yaml').items,
    [],
  );
  assert.deepEqual(complete({ 'c.yaml': CLUSTER('    provider: multus # <|>') }, 'c.yaml').items, []);
});

test('an empty spec.config offers whole configs from our snippets, named after the NAD', () => {
  const quoted = complete({ 'a.yaml': NAD(`'<|>'`, 'storage-net') }, 'a.yaml');
  assert.deepEqual(labels(quoted.items), [
    'macvlan + whereabouts',
    'ipvlan + whereabouts',
    'host-device + dhcp',
    'bridge + whereabouts',
    'vlan + whereabouts',
    'SR-IOV + whereabouts',
    'plugin list (macvlan + tuning)',
  ]);
  const after = configOf(accept(quoted.text, quoted.items[0]));
  assert.deepEqual(JSON.parse(after), {
    cniVersion: '1.0.0',
    name: 'storage-net',
    type: 'macvlan',
    master: 'eth1',
    mode: 'bridge',
    ipam: { type: 'whereabouts', range: '192.168.20.0/24' },
  });
  const block = complete({ 'a.yaml': NAD(`|\n    <|>\n`, 'storage-net') }, 'a.yaml');
  const text = accept(block.text, block.items[2]);
  assert.match(
    text,
    /config: \|\n {4}\{\n {6}"cniVersion": "1\.0\.0",\n {6}"name": "storage-net",\n {6}"type": "host-device",/,
  );
  assert.equal(JSON.parse(configOf(text)).ipam.type, 'dhcp');
});

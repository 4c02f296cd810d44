// Hover at cursor-marked positions (`<|>`): CNI and IPAM fields (schema description, type, allowed
// values, docs link) in every scalar style, plugin type values, selectors (the NAD they resolve
// to) and NAD names (who uses them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverAt, HoverResult } from '../../server/src/core/features/hover';
import { marked } from '../support/caret';
import { nad } from '../support/manifests';
import { memoryWorkspace } from '../support/workspaceFixtures';

/** A NAD in rook-ceph whose spec.config is written as given (any scalar style). */
const NAD = (config: string, name = 'n1', namespace = 'rook-ceph') => nad({ config, name, namespace });

function hover(files: Record<string, string>, file: string): { text: string; h: HoverResult | undefined } {
  const m = marked(files[file]);
  const ws = memoryWorkspace({ ...files, [file]: m.text });
  return { text: m.text, h: hoverAt(ws, `file:///mem/${file}`, m.at) };
}

const STYLES: [string, string, string][] = [
  ['single-quoted', `'{"cniVersion": "1.0.0", "type": "macvlan", "mo<|>de": "bridge"}'`, '"mode"'],
  [
    'double-quoted',
    `"{\\"cniVersion\\": \\"1.0.0\\", \\"type\\": \\"macvlan\\", \\"mo<|>de\\": \\"bridge\\"}"`,
    '\\"mode\\"',
  ],
  [
    'literal block',
    `|\n    {\n      "cniVersion": "1.0.0",\n      "type": "macvlan",\n      "mo<|>de": "bridge"\n    }`,
    '"mode"',
  ],
  ['folded block', `>\n    {"cniVersion": "1.0.0", "type": "macvlan",\n    "mo<|>de": "bridge"}`, '"mode"'],
];

for (const [style, config, token] of STYLES) {
  test(`hover on a macvlan field in a ${style} config: description, allowed values, docs link; range = the key`, () => {
    const { text, h } = hover({ 'a.yaml': NAD(config) }, 'a.yaml');
    assert.ok(h);
    assert.equal(text.slice(h.start, h.end), token);
    assert.match(h.markdown, /^\*\*mode\*\* `string` — macvlan/);
    assert.match(h.markdown, /How macvlan interfaces on the same master talk to each other/);
    assert.match(h.markdown, /Allowed: `"bridge"`, `"private"`, `"vepa"`, `"passthru"` · Default: `"bridge"`/);
    assert.match(h.markdown, /\[Documentation\]\(https:\/\/www\.cni\.dev\/plugins\/current\/main\/macvlan\/\)/);
  });
}

test('hover on IPAM fields follows ipam.type; common keys document the CNI spec', () => {
  const wa = hover(
    {
      'a.yaml': NAD(
        `'{"cniVersion": "1.0.0", "type": "macvlan", "ipam": {"type": "whereabouts", "ran<|>ge": "10.0.0.0/24"}}'`,
      ),
    },
    'a.yaml',
  ).h!;
  assert.match(wa.markdown, /^\*\*range\*\* `string` — whereabouts IPAM/);
  const version = hover({ 'a.yaml': NAD(`'{"cniVer<|>sion": "1.0.0", "type": "macvlan"}'`) }, 'a.yaml').h!;
  assert.match(version.markdown, /^\*\*cniVersion\*\* `string` — CNI configuration/);
  const value = hover({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "mtu": 15<|>00}'`) }, 'a.yaml').h!;
  assert.match(value.markdown, /^\*\*mtu\*\* `integer` — macvlan/, 'a value shows its field');
  const listEntry = hover(
    {
      'a.yaml': NAD(
        `'{"cniVersion": "1.0.0", "name": "x", "plugins": [{"type": "macvlan"}, {"type": "tuning", "sys<|>ctl": {}}]}'`,
      ),
    },
    'a.yaml',
  ).h!;
  assert.match(listEntry.markdown, /^\*\*sysctl\*\* `map of string to string` — tuning/);
});

test('hover on a plugin or IPAM type value describes the plugin', () => {
  const t = hover({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "ipv<|>lan"}'`) }, 'a.yaml');
  assert.equal(t.text.slice(t.h!.start, t.h!.end), '"ipvlan"');
  assert.match(t.h!.markdown, /^\*\*ipvlan\*\* — CNI plugin/);
  assert.match(t.h!.markdown, /\[Documentation\]\(https:\/\/www\.cni\.dev\/plugins\/current\/main\/ipvlan\/\)/);
  const ipam = hover(
    { 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan", "ipam": {"type": "where<|>abouts"}}'`) },
    'a.yaml',
  ).h!;
  assert.match(ipam.markdown, /^\*\*whereabouts\*\* IPAM — IPAM plugin/);
});

const FILES = {
  'nads.yaml': NAD(
    `|\n    {"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1",\n     "ipam": {"type": "whereabouts", "range": "10.1.0.0/24"}}`,
    'public-net',
  ),
  'cluster.yaml': `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: my-cluster
  namespace: rook-ceph
spec:
  network:
    provider: multus
    selectors:
      public: public-net
      cluster: missing-net
`,
  'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: client
  namespace: rook-ceph
  annotations:
    k8s.v1.cni.cncf.io/networks: public-net@net1
`,
};

test('hover on a selector shows the NAD it resolves to: type, master, IPAM, range, file', () => {
  const files = {
    ...FILES,
    'cluster.yaml': FILES['cluster.yaml'].replace('public: public-net', 'public: pub<|>lic-net'),
  };
  const { text, h } = hover(files, 'cluster.yaml');
  assert.equal(text.slice(h!.start, h!.end), 'public-net');
  assert.equal(
    h!.markdown,
    [
      'Selector `public` → `rook-ceph/public-net`',
      '',
      '**NetworkAttachmentDefinition `rook-ceph/public-net`**',
      '- type: `macvlan`',
      '- master: `eth1`',
      '- IPAM: `whereabouts`',
      '- range: `10.1.0.0/24`',
      '- file: [nads.yaml:4](file:///mem/nads.yaml#L4)',
    ].join('\n'),
  );
  const missing = hover(
    { ...FILES, 'cluster.yaml': FILES['cluster.yaml'].replace('cluster: missing-net', 'cluster: miss<|>ing-net') },
    'cluster.yaml',
  ).h!;
  // The diagnostic there already says it is missing and what to do; the hover does not repeat it
  // but says what the selector is for and which NADs the namespace has.
  assert.equal(
    missing.markdown,
    [
      'Selector `cluster` → `rook-ceph/missing-net` (not in the workspace)',
      'The NetworkAttachmentDefinition of the Ceph cluster (replication) network.',
      'NetworkAttachmentDefinitions in namespace `rook-ceph`: `rook-ceph/public-net`.',
    ].join('\n\n'),
  );
  const ws = memoryWorkspace({ ...FILES, 'cluster.yaml': FILES['cluster.yaml'] });
  const diag = ws.problemsFor('file:///mem/cluster.yaml').find((p) => p.code === 'rook/selector-not-found')!;
  for (const sentence of diag.message.split(/(?<=[.?:])\s+/).filter((x) => x.length > 20))
    assert.ok(!missing.markdown.includes(sentence.replace(/"/g, '`')), `repeats: ${sentence}`);
});

test('hover on the keys of a CephCluster network: provider, selectors, public, cluster, addressRanges; on a provider value', () => {
  const cluster = (network: string) =>
    `apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata:\n  name: c\n  namespace: rook-ceph\nspec:\n  network:\n${network}`;
  const NET = `    provider: multus\n    selectors:\n      public: public-net\n      cluster: cluster-net\n    addressRanges:\n      public:\n        - 10.1.0.0/24\n      cluster:\n        - 10.2.0.0/24\n`;
  const at = (needle: string, marked: string) => {
    const { text, h } = hover({ 'c.yaml': cluster(NET.replace(needle, marked)) }, 'c.yaml');
    assert.ok(h, marked);
    return { slice: text.slice(h.start, h.end), md: h.markdown };
  };
  const provider = at('provider:', 'prov<|>ider:');
  assert.equal(provider.slice, 'provider');
  assert.match(provider.md, /^\*\*provider\*\* — CephCluster `spec\.network\.provider`\n\nNetwork provider: `""`/);
  assert.match(
    provider.md,
    /\[Rook: network providers\]\(https:\/\/rook\.io\/docs\/rook\/latest\/CRDs\/Cluster\/network-providers\/\)$/,
  );
  const selectors = at('selectors:', 'sel<|>ectors:');
  assert.equal(selectors.slice, 'selectors');
  assert.match(selectors.md, /^\*\*selectors\*\* — CephCluster `spec\.network\.selectors`\n\nMultus only/);
  const pub = at('  public: public-net', '  pub<|>lic: public-net');
  assert.equal(pub.slice, 'public');
  assert.match(
    pub.md,
    /^\*\*public\*\* — CephCluster `spec\.network\.selectors\.public`\n\nThe NetworkAttachmentDefinition of the Ceph public network/,
  );
  const clu = at('  cluster: cluster-net', '  clus<|>ter: cluster-net');
  assert.match(
    clu.md,
    /^\*\*cluster\*\* — CephCluster `spec\.network\.selectors\.cluster`\n\n.*cluster \(replication\) network/,
  );
  const ranges = at('addressRanges:', 'address<|>Ranges:');
  assert.equal(ranges.slice, 'addressRanges');
  assert.match(ranges.md, /^\*\*addressRanges\*\* — CephCluster `spec\.network\.addressRanges`\n\nCIDRs/);
  const rangePublic = at('      public:\n        - 10.1', '      pu<|>blic:\n        - 10.1');
  assert.match(rangePublic.md, /^\*\*public\*\* — CephCluster `spec\.network\.addressRanges\.public`/);
  const value = at('provider: multus', 'provider: mul<|>tus');
  assert.equal(value.slice, 'multus');
  assert.match(
    value.md,
    /^\*\*provider: multus\*\*\n\nMultus: the Ceph pods get the NetworkAttachmentDefinitions named in `selectors`\.$/,
  );
  // Not a field of spec.network: no hover (k8s/unknown-field and rook/unknown-field speak there).
  const { h } = hover({ 'c.yaml': cluster(NET.replace('provider: multus', 'provdr<|>: multus')) }, 'c.yaml');
  assert.equal(h, undefined);
});

test('hover on a NAD name lists who uses it', () => {
  const files = { ...FILES, 'nads.yaml': FILES['nads.yaml'].replace('name: public-net', 'name: public<|>-net') };
  const { h } = hover(files, 'nads.yaml');
  assert.match(
    h!.markdown,
    /\*\*Used by\*\*\n- CephCluster `rook-ceph\/my-cluster` — `public` selector \(\[cluster\.yaml:10\]\(file:\/\/\/mem\/cluster\.yaml#L10\)\)\n- Pod `rook-ceph\/client` — networks annotation \(\[pod\.yaml:7\]\(file:\/\/\/mem\/pod\.yaml#L7\)\)$/,
  );
  const unused = hover({ 'nads.yaml': files['nads.yaml'] }, 'nads.yaml').h!;
  assert.match(
    unused.markdown,
    /Not used by any CephCluster selector, pod networks annotation or KubeVirt network in the workspace\.$/,
  );
});

test('no hover on YAML keys outside the config, on JSON punctuation, or in other files', () => {
  assert.equal(
    hover({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0", "type": "macvlan"}'`).replace('kind:', 'ki<|>nd:') }, 'a.yaml').h,
    undefined,
  );
  assert.equal(hover({ 'a.yaml': NAD(`'{"cniVersion": "1.0.0",<|> "type": "macvlan"}'`) }, 'a.yaml').h, undefined);
  assert.equal(hover({ 'x.yaml': 'a: b<|>\n' }, 'x.yaml').h, undefined);
});

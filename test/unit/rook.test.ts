// rook/ rules (file-local and cross-file), nad/duplicate and k8s/schema on spec.network, driven by
// fixture workspaces whose `# expect:` comments list every finding (positives); everything else in
// them is a near-miss that must stay silent.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { atLeast, atMost, compareVersions } from '../../server/src/core/rook/version';
import { RULES } from '../../server/src/core/rules';
import { cephCluster, helmValues, macvlanConfig, multusNetwork, nad } from '../support/manifests';
import {
  actualFindings,
  expectedFindings,
  FIXTURES,
  loadFolder,
  memoryWorkspace,
  problemsOf,
  sortFindings,
} from '../support/workspaceFixtures';

const RULES_WS = path.join(FIXTURES, 'workspace-rules');
const LEGACY_WS = path.join(FIXTURES, 'workspace-legacy');

/** The findings of a fixture workspace equal its `# expect:` comments (severity too, where given). */
function assertFixture(root: string): void {
  const ws = loadFolder(root);
  const expected = expectedFindings(root);
  const withSeverity = new Set(expected.filter((e) => e.severity).map((e) => `${e.file}:${e.line}:${e.code}`));
  const actual = actualFindings(ws, root, undefined, (f) => withSeverity.has(`${f.file}:${f.line}:${f.code}`));
  assert.deepEqual(sortFindings(actual), sortFindings(expected));
}

test('workspace-rules: exactly the expected rook/, ref/, nad/duplicate and k8s/schema findings, at the exact slices', () => {
  assertFixture(RULES_WS);
});

test('workspace-legacy (rookVersion 1.12.3): unreadable NAD ranges, version-dependent severities, no node-route advice', () => {
  assertFixture(LEGACY_WS);
});

test('every rook/ rule, nad/duplicate and k8s/schema has a positive in the fixtures', () => {
  const codes = new Set([...expectedFindings(RULES_WS), ...expectedFindings(LEGACY_WS)].map((f) => f.code));
  const mine = RULES.map((r) => r.id).filter(
    (id) => id.startsWith('rook/') || id === 'nad/duplicate' || id === 'k8s/schema',
  );
  assert.deepEqual(
    mine.filter((id) => !codes.has(id)),
    [],
  );
});

test('the same rules at their default severities on the current Rook version', () => {
  const ws = loadFolder(RULES_WS);
  const sev = new Map<string, Set<string>>();
  for (const a of ws.all())
    for (const p of ws.problemsFor(a.uri))
      if (p.code.startsWith('rook/')) sev.set(p.code, (sev.get(p.code) ?? new Set()).add(p.severity));
  for (const [code, s] of sev) {
    const def = RULES.find((r) => r.id === code)!.severity;
    // multus-without-selectors is an error when absent and a warning when present but empty.
    if (code === 'rook/multus-without-selectors') assert.deepEqual([...s].sort(), ['error', 'warning']);
    else assert.deepEqual([...s], [def], code);
  }
});

test('selector-not-found suggests the closest names; selector-namespace gives the qualified name', () => {
  const ws = loadFolder(RULES_WS);
  const ps = problemsOf(ws, 'clusters/cross.yaml');
  const nf = ps.filter((p) => p.code === 'rook/selector-not-found');
  assert.deepEqual(
    nf.map((p) => p.data?.suggestions),
    [['good-public'], ['storage/good-cluster']],
  );
  assert.match(
    nf[0].message,
    /no NetworkAttachmentDefinition "good-pubic" in namespace "storage".*Did you mean "good-public"\?/,
  );
  const ns = ps.find((p) => p.code === 'rook/selector-namespace')!;
  assert.equal(ns.data?.qualified, 'elsewhere/other-ns-net');
  assert.match(ns.message, /Qualify it: "elsewhere\/other-ns-net"/);
  assert.equal(ns.related?.[0].uri.endsWith('nads/storage-nads.yaml'), true);
});

test('cross-file findings relate to the NAD declaration (metadata.name) in its file', () => {
  const ws = loadFolder(RULES_WS);
  const p = problemsOf(ws, 'clusters/cross.yaml').find((x) => x.code === 'rook/nad-no-ipam')!;
  const rel = p.related![0];
  const nadText = [...ws.all()].find((a) => a.uri === rel.uri)!.text;
  assert.equal(nadText.slice(rel.start, rel.end), 'no-ipam');
  const dup = problemsOf(ws, 'nads/dups-b.yaml').find((x) => x.code === 'nad/duplicate')!;
  assert.equal(dup.related?.length, 1);
  assert.ok(dup.related![0].uri.endsWith('nads/dups-a.yaml'));
  assert.equal(dup.severity, 'warning');
  assert.match(dup.message, /"storage\/dup-net" is also defined in another file/);
  const twin = problemsOf(ws, 'nads/dups-a.yaml').filter((x) => x.code === 'nad/duplicate' && x.severity === 'error');
  assert.equal(twin.length, 2);
  assert.match(twin[0].message, /"twin" is defined 2 times in this file: applying the file keeps only the last one/);
});

test('a wrong YAML type is reported once, as k8s/schema, not also as the enum rule', () => {
  const ws = memoryWorkspace({
    'c.yaml':
      'apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: { name: c, namespace: n }\nspec:\n  network:\n    provider: [multus]\n    ipFamily: 6\n    selectors: public-net\n',
  });
  const ps = problemsOf(ws, 'c.yaml');
  assert.deepEqual(
    ps.map((p) => p.code),
    ['k8s/schema', 'k8s/schema', 'k8s/schema'],
  );
  assert.match(ps[0].message, /The field spec\.network\.provider must be a string, not a sequence/);
});

test('Helm values: cephClusterSpec.network messages name the Helm path', () => {
  const ws = memoryWorkspace({
    'values.yaml': 'cephClusterSpec:\n  network:\n    hostNetwork: "true"\n    sélecteur: x\n',
  });
  const ps = problemsOf(ws, 'values.yaml');
  assert.deepEqual(
    ps.map((p) => p.code),
    ['k8s/schema', 'rook/unknown-field'],
  );
  assert.match(ps[0].message, /The field cephClusterSpec\.network\.hostNetwork must be a boolean/);
  assert.match(ps[1].message, /not a field of cephClusterSpec\.network\./);
});

test('unknown fields suggest the right spelling in data.suggestion', () => {
  const ws = loadFolder(RULES_WS);
  const ps = problemsOf(ws, 'clusters/local.yaml').filter(
    (p) =>
      p.code === 'rook/unknown-field' ||
      p.code === 'rook/unknown-selector-key' ||
      p.code === 'rook/unknown-provider' ||
      p.code === 'rook/ip-family',
  );
  assert.deepEqual(
    ps.map((p) => [p.code, p.data?.suggestion]),
    [
      ['rook/unknown-provider', 'multus'],
      ['rook/unknown-selector-key', 'public'],
      ['rook/unknown-field', 'selectors'],
      ['rook/unknown-field', undefined],
      ['rook/unknown-field', 'addressRanges'],
      ['rook/ip-family', 'IPv6'],
    ],
  );
  const nested = ps.find((p) => p.code === 'rook/unknown-field' && p.data?.suggestion === undefined)!;
  assert.match(nested.message, /belongs directly under spec\.network\./);
});

test('public-no-node-route follows the Rook version (>= 1.16 only)', () => {
  const files = {
    'nad.yaml':
      'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata: { name: pub, namespace: r }\nspec:\n  config: \'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "10.9.0.0/24"}}\'\n',
    'c.yaml':
      'apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: { name: c, namespace: r }\nspec:\n  network:\n    provider: multus\n    selectors: { public: pub }\n',
  };
  const codes = (v: string) => problemsOf(memoryWorkspace(files, { rookVersion: v }), 'c.yaml').map((p) => p.code);
  assert.deepEqual(codes('1.16'), ['rook/public-no-node-route']);
  assert.deepEqual(codes('1.20.6'), ['rook/public-no-node-route']);
  assert.deepEqual(codes('1.15.9'), []);
});

test('addressRanges are read as Go reads them (core/net/ip.ts, held to Go by netDifferential.test.ts)', () => {
  const text = cephCluster({
    namespace: 'rook-ceph',
    network: `${multusNetwork({ public: 'pub' })}addressRanges:\n  public:\n    - "010.0.0.0/8"\n    - "fd00::/129"\n    - "::ffff:10.1.2.0/120"\n    - "fd00::/64"\n    - "10.1.0.0/16"\n`,
  });
  const ws = memoryWorkspace({
    'c.yaml': text,
    'n.yaml': nad({ name: 'pub', namespace: 'rook-ceph', config: macvlanConfig('10.1.2.0/24') }),
  });
  const ps = problemsOf(ws, 'c.yaml').filter(
    (p) => p.code.startsWith('rook/address-range') || p.code === 'rook/ip-family-mismatch',
  );
  assert.deepEqual(
    ps.map((p) => [p.code, text.slice(p.start, p.end)]),
    [
      ['rook/address-range-invalid', '"010.0.0.0/8"'],
      ['rook/address-range-invalid', '"fd00::/129"'],
      // IPv4-mapped with /120 is the IPv4 network 10.1.2.0/24 to Go: no family mismatch.
      ['rook/ip-family-mismatch', '"fd00::/64"'],
    ],
  );
  assert.match(ps[0].message, /leading zero/);
  assert.match(ps[1].message, /longer than \/128/);
});

test('Rook versions compare numerically; a missing patch is .0', () => {
  assert.equal(compareVersions('1.12.3', '1.12.10'), -1);
  assert.ok(atMost('1.12', '1.12.3'));
  assert.ok(!atMost('1.12.4', '1.12.3'));
  assert.ok(atLeast('1.20', '1.16'));
  assert.ok(!atLeast('1.13.4', '1.13.5'));
});

test('rook/duplicate-cluster: another CephCluster in the namespace of an earlier one of the file is a warning on its name, with the earlier one related', () => {
  const first = cephCluster({ name: 'rook-ceph', namespace: 'rook-ceph', network: 'provider: host' });
  const text = `${first}---\n${cephCluster({ name: 'second', namespace: 'rook-ceph', network: 'provider: host' })}`;
  const ws = memoryWorkspace({ 'c.yaml': text });
  const ps = problemsOf(ws, 'c.yaml').filter((p) => p.code === 'rook/duplicate-cluster');
  assert.deepEqual(
    ps.map((p) => [p.severity, text.slice(p.start, p.end)]),
    [['warning', 'second']],
  );
  assert.equal(
    ps[0].message,
    'Another CephCluster in namespace "rook-ceph" in this file (also "rook-ceph/rook-ceph"): Rook supports one CephCluster per namespace, and both would drive the same Ceph cluster. Put this one in its own namespace, or keep one.',
  );
  assert.deepEqual(
    ps[0].related?.map((r) => text.slice(r.start, r.end)),
    ['rook-ceph'],
  );
  assert.equal(ps[0].related?.[0].start, first.indexOf('name: rook-ceph') + 'name: '.length);
  // Three copies of one name: each later copy says so once.
  const three = `${first}---\n${first}---\n${first}`;
  const dup = problemsOf(memoryWorkspace({ 'c.yaml': three }), 'c.yaml').filter(
    (p) => p.code === 'rook/duplicate-cluster',
  );
  assert.deepEqual(
    dup.map((p) => [p.severity, p.start > three.indexOf('---') ? 'later' : 'first']),
    [
      ['error', 'later'],
      ['error', 'later'],
    ],
  );
  assert.match(dup[0].message, /^CephCluster "rook-ceph\/rook-ceph" is defined 3 times in this file/);
});

test('rook/duplicate-cluster near misses: other namespaces, namespace-less next to namespaced, other files of the folder, Helm values', () => {
  const host = 'provider: host';
  const a = cephCluster({ name: 'a', namespace: 'rook-ceph', network: host });
  const noNs = cephCluster({ name: 'b', network: host });
  const values = helmValues({ network: host });
  const ws = memoryWorkspace({
    'one.yaml': `${a}---\n${cephCluster({ name: 'a', namespace: 'other', network: host })}---\n${noNs}`,
    'two.yaml': a,
    'values.yaml': values,
    'release.yaml': `${a}---\n${values}`,
  });
  for (const f of ['one.yaml', 'two.yaml', 'values.yaml', 'release.yaml'])
    assert.deepEqual(
      problemsOf(ws, f).filter((p) => p.code === 'rook/duplicate-cluster'),
      [],
      f,
    );
  // Two namespace-less clusters in one file land in one namespace.
  const both = `${noNs}---\n${noNs.replace('name: b', 'name: c')}`;
  assert.deepEqual(
    problemsOf(memoryWorkspace({ 'n.yaml': both }), 'n.yaml')
      .filter((p) => p.code === 'rook/duplicate-cluster')
      .map((p) => [p.severity, both.slice(p.start, p.end)]),
    [['warning', 'c']],
  );
});

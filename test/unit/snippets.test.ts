// Every snippet of snippets/yaml.json, expanded the way the editor does when each placeholder keeps
// its default, checks with zero errors and warnings through analyzeFile + Workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseStrictJson } from '../../server/src/core/cni/json';
import { expandSnippet, SNIPPETS, snippetByPrefix } from '../../server/src/core/features/fixes/snippets';
import type { Problem } from '../../server/src/core/types';
import { memoryWorkspace } from '../support/workspaceFixtures';

const ROOT = path.resolve(__dirname, '../../..');
const loud = (p: Problem) => p.severity === 'error' || p.severity === 'warning';

test('snippet expansion: defaults, mirrors, choices, escapes, final tab stop', () => {
  assert.equal(expandSnippet('${1:a} $1 ${2|x,y|} \\$3 ${3:b${4:c}} $4$0'), 'a a x $3 bc c');
  assert.equal(expandSnippet('name: ${1:n}', { 1: 'given' }), 'name: given');
  assert.equal(expandSnippet('${1:a\\}b}'), 'a}b');
});

test('snippets/yaml.json is well formed; the language server offers it, so the extension does not contribute it (it would flood every completion list)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { snippets?: { language: string; path: string }[] };
  };
  assert.equal(pkg.contributes.snippets, undefined);
  assert.ok(SNIPPETS.length >= 9);
  const prefixes = new Set<string>();
  for (const s of SNIPPETS) {
    assert.ok(s.description.length > 20, `${s.name} has a description`);
    for (const p of s.prefix) {
      assert.ok(!prefixes.has(p), `prefix ${p} is unique`);
      prefixes.add(p);
    }
    // Tab stops are numbered from 1 without gaps; every `$` is a tab stop.
    const stops = [...new Set([...s.body.matchAll(/\$\{?(\d+)/g)].map((m) => Number(m[1])).filter((n) => n > 0))].sort(
      (a, b) => a - b,
    );
    stops.forEach((n, i) => assert.equal(n, stops[0] + i, `${s.name}: tab stops ${stops.join(',')}`));
    assert.ok(!/\$(?![{\d])/.test(s.body), `${s.name}: no stray $`);
    assert.ok(!/\t/.test(s.body), `${s.name}: spaces, not tabs`);
  }
});

const NAD_SNIPPETS = SNIPPETS.filter(
  (s) => s.body.startsWith('apiVersion: k8s.cni.cncf.io/v1') && !s.body.includes('kind: CephCluster'),
);

test('the NAD snippets cover macvlan+whereabouts, ipvlan, host-device+dhcp, bridge, vlan, SR-IOV and a conflist with tuning', () => {
  const types = NAD_SNIPPETS.map((s) => {
    const ws = memoryWorkspace({ 'n.yaml': expandSnippet(s.body) });
    const summary = ws.get('file:///mem/n.yaml')!.nads[0].cni!.summary!;
    return `${summary.pluginTypes.join('+')}/${summary.ipamTypes.join('+')}`;
  });
  assert.deepEqual(types, [
    'macvlan/whereabouts',
    'ipvlan/whereabouts',
    'host-device/dhcp',
    'bridge/whereabouts',
    'vlan/whereabouts',
    'sriov/whereabouts',
    'macvlan+tuning/whereabouts',
  ]);
});

for (const s of NAD_SNIPPETS) {
  test(`snippet "${s.name}" checks clean`, () => {
    const text = expandSnippet(s.body);
    const ws = memoryWorkspace({ 'n.yaml': text });
    const uri = 'file:///mem/n.yaml';
    assert.deepEqual(
      ws
        .problemsFor(uri)
        .filter(loud)
        .map((p) => `${p.code}: ${p.message}`),
      [],
    );
    const nad = ws.get(uri)!.nads[0];
    assert.deepEqual(parseStrictJson(nad.decoded!.value).problems, []);
    assert.equal(JSON.parse(nad.decoded!.value).name, nad.nad.name, 'the config is named after the NAD');
  });
}

test('snippet "Rook CephCluster network: Multus" checks clean inside a CephCluster, with its NADs in the workspace', () => {
  const block = expandSnippet(snippetByPrefix('rook-network-multus')!.body);
  const cluster = `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: rook-ceph
  namespace: rook-ceph
spec:
  dataDirHostPath: /var/lib/rook
${block
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
  const starter = expandSnippet(snippetByPrefix('rook-multus-starter')!.body);
  const nadsOnly = starter
    .split(/^---$/m)
    .filter((d) => d.includes('NetworkAttachmentDefinition'))
    .join('---');
  const ws = memoryWorkspace({ 'cluster.yaml': cluster, 'nads.yaml': nadsOnly });
  assert.deepEqual(
    ws
      .problemsFor('file:///mem/cluster.yaml')
      .filter(loud)
      .map((p) => `${p.code}: ${p.message}`),
    [],
  );
  assert.equal(ws.index.resolve({ name: 'public-net', namespace: 'rook-ceph' }).candidates.length, 1);
});

test('snippet "Rook + Multus starter" checks clean: two NADs and a CephCluster that selects them', () => {
  const text = expandSnippet(snippetByPrefix('rook-multus-starter')!.body);
  const ws = memoryWorkspace({ 'starter.yaml': text });
  const uri = 'file:///mem/starter.yaml';
  assert.deepEqual(
    ws
      .problemsFor(uri)
      .filter(loud)
      .map((p) => `${p.code}: ${p.message}`),
    [],
  );
  const a = ws.get(uri)!;
  assert.deepEqual(
    a.nads.map((n) => n.nad.name),
    ['public-net', 'cluster-net'],
  );
  assert.equal(a.objects.clusters.length, 1);
  // Both selectors resolve to the NADs in the same file.
  assert.deepEqual(
    ws
      .problemsFor(uri)
      .filter((p) => p.code.startsWith('rook/'))
      .map((p) => p.code),
    [],
  );
});

test('renamed placeholders still check clean (the config name follows the NAD name)', () => {
  for (const s of NAD_SNIPPETS) {
    const ws = memoryWorkspace({ 'n.yaml': expandSnippet(s.body, { 1: 'renamed-net', 2: 'storage' }) });
    assert.deepEqual(
      ws
        .problemsFor('file:///mem/n.yaml')
        .filter(loud)
        .map((p) => p.code),
      [],
      s.name,
    );
  }
});

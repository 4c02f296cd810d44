// Definition, references and rename across the files of a fixture workspace: exact locations, and
// rename edits applied to every file and compared with the whole expected texts.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { definitionAt } from '../../server/src/core/features/definition';
import { referencesAt } from '../../server/src/core/features/references';
import { prepareRename, RenameError, renameEdits } from '../../server/src/core/features/rename';
import type { Workspace } from '../../server/src/core/workspace';
import { applyEdits, FIXTURES, loadFolder, memoryWorkspace, offsetOf } from '../support/workspaceFixtures';

const DIR = path.join(FIXTURES, 'workspace-rook');
const ws = loadFolder(DIR);
const uriOf = (rel: string) => [...ws.all()].find((a) => a.uri.endsWith(rel))!.uri;
const textOf = (w: Workspace, rel: string) => [...w.all()].find((a) => a.uri.endsWith(rel))!.text;
const NADS = 'nads/rook-ceph-nads.yaml';
const DEFAULT_NADS = 'nads/default-nads.yaml';
const CLUSTER = 'cluster/cluster.yaml';
const APPS = 'apps/workloads.yaml';
const VALUES = 'helm/values.yaml';

/** `[file, sliced text, line]` of each span, for readable exact assertions. */
function show(w: Workspace, spans: { uri: string; start: number; end: number }[]) {
  return spans.map((s) => {
    const a = w.get(s.uri)!;
    return [
      path.relative(DIR, new URL(s.uri).pathname),
      a.text.slice(s.start, s.end),
      a.lines.positionAt(s.start).line,
    ];
  });
}

test('definition: from a bare selector to the NAD in the CephCluster namespace (not the same name in default)', () => {
  const at = offsetOf(textOf(ws, CLUSTER), 'public: public-net', 1, 'public: '.length + 3);
  const defs = definitionAt(ws, uriOf(CLUSTER), at);
  assert.deepEqual(show(ws, defs), [[NADS, 'public-net', 4]]);
  assert.equal(defs[0].start, offsetOf(textOf(ws, NADS), 'name: public-net', 1, 'name: '.length));
});

test('definition: from a qualified, double-quoted selector to a double-quoted NAD name (inside the quotes)', () => {
  const at = offsetOf(textOf(ws, CLUSTER), 'rook-ceph/cluster-net', 1, 'rook-ceph/'.length + 1);
  assert.deepEqual(show(ws, definitionAt(ws, uriOf(CLUSTER), at)), [[NADS, 'cluster-net', 24]]);
});

test('definition: from annotation entries (short form with @iface, JSON form) and Helm values', () => {
  const apps = textOf(ws, APPS);
  assert.deepEqual(show(ws, definitionAt(ws, uriOf(APPS), offsetOf(apps, 'apps-net'))), [
    [DEFAULT_NADS, 'apps-net', 21],
  ]);
  assert.deepEqual(show(ws, definitionAt(ws, uriOf(APPS), offsetOf(apps, '@ceph0', 1, 2))), [[NADS, 'public-net', 4]]);
  assert.deepEqual(show(ws, definitionAt(ws, uriOf(APPS), offsetOf(apps, '"cluster-net"', 1, 1))), [
    [NADS, 'cluster-net', 24],
  ]);
  assert.deepEqual(show(ws, definitionAt(ws, uriOf(VALUES), offsetOf(textOf(ws, VALUES), 'public-net'))), [
    [NADS, 'public-net', 4],
  ]);
  assert.deepEqual(definitionAt(ws, uriOf(CLUSTER), offsetOf(textOf(ws, CLUSTER), 'provider')), []);
});

test('references: from the NAD name, every selector and annotation entry across files (+ the declaration)', () => {
  const at = offsetOf(textOf(ws, NADS), 'name: public-net', 1, 'name: '.length);
  const expected = [
    [APPS, 'public-net', 12],
    [APPS, 'public-net', 24],
    [CLUSTER, 'public-net', 10],
    [VALUES, 'public-net', 8],
  ];
  assert.deepEqual(show(ws, referencesAt(ws, uriOf(NADS), at, false)), expected);
  assert.deepEqual(show(ws, referencesAt(ws, uriOf(NADS), at, true)), [...expected, [NADS, 'public-net', 4]]);
  // The same set from any reference.
  assert.deepEqual(
    show(ws, referencesAt(ws, uriOf(VALUES), offsetOf(textOf(ws, VALUES), 'public-net'), false)),
    expected,
  );
  // default/public-net has the same name but nothing resolves to it.
  assert.deepEqual(
    show(ws, referencesAt(ws, uriOf(DEFAULT_NADS), offsetOf(textOf(ws, DEFAULT_NADS), 'name: public-net', 1, 6), true)),
    [[DEFAULT_NADS, 'public-net', 5]],
  );
});

function renameAll(w: Workspace, rel: string, offset: number, newName: string): Map<string, string> {
  const edits = renameEdits(w, uriOf(rel), offset, newName);
  const out = new Map<string, string>();
  for (const a of w.all())
    out.set(path.relative(DIR, new URL(a.uri).pathname), applyEdits(a.text, edits.get(a.uri) ?? []));
  return out;
}

test('rename from a selector: NAD name, config name, every selector and annotation entry; ns/ and @iface kept', () => {
  const before = new Map([...ws.all()].map((a) => [path.relative(DIR, new URL(a.uri).pathname), a.text]));
  const at = offsetOf(textOf(ws, CLUSTER), 'public: public-net', 1, 'public: '.length);
  assert.deepEqual(prepareRename(ws, uriOf(CLUSTER), at), {
    start: at,
    end: at + 'public-net'.length,
    placeholder: 'public-net',
  });
  const after = renameAll(ws, CLUSTER, at, 'ceph-public');
  const expected = new Map(before);
  expected.set(
    NADS,
    before
      .get(NADS)!
      .replace('  name: public-net\n', '  name: ceph-public\n')
      .replace('"name": "public-net"', '"name": "ceph-public"'),
  );
  expected.set(CLUSTER, before.get(CLUSTER)!.replace('public: public-net', 'public: ceph-public'));
  expected.set(
    APPS,
    before
      .get(APPS)!
      .replace('rook-ceph/public-net@ceph0', 'rook-ceph/ceph-public@ceph0')
      .replace('{"name": "public-net"}', '{"name": "ceph-public"}'),
  );
  expected.set(VALUES, before.get(VALUES)!.replace('public: public-net', 'public: ceph-public'));
  assert.deepEqual(after, expected);
  assert.equal(after.get(DEFAULT_NADS), before.get(DEFAULT_NADS), 'default/public-net is another NAD');
});

test('rename from a JSON annotation entry keeps the quoting of the NAD name and of the selector', () => {
  const apps = textOf(ws, APPS);
  const after = renameAll(ws, APPS, offsetOf(apps, '"cluster-net"', 1, 1), 'replication-net');
  const t = (rel: string) => textOf(ws, rel);
  assert.equal(after.get(NADS), t(NADS).replace('name: "cluster-net"', 'name: "replication-net"'));
  assert.equal(after.get(CLUSTER), t(CLUSTER).replace('"rook-ceph/cluster-net"', '"rook-ceph/replication-net"'));
  assert.equal(after.get(APPS), t(APPS).replace('"name": "cluster-net"', '"name": "replication-net"'));
  assert.equal(after.get(VALUES), t(VALUES).replace('rook-ceph/cluster-net', 'rook-ceph/replication-net'));
});

test('the renamed workspace checks clean and navigates to the new name', () => {
  const at = offsetOf(textOf(ws, NADS), 'name: public-net', 1, 'name: '.length + 2);
  const after = renameAll(ws, NADS, at, 'ceph-public');
  const w2 = memoryWorkspace(Object.fromEntries(after));
  for (const a of w2.all())
    assert.deepEqual(
      w2
        .problemsFor(a.uri)
        .filter((p) => p.code.startsWith('rook/') || p.code.startsWith('ref/') || p.code.startsWith('nad/')),
      [],
      a.uri,
    );
  const c = [...w2.all()].find((a) => a.uri.endsWith(CLUSTER))!;
  const defs = definitionAt(w2, c.uri, offsetOf(c.text, 'ceph-public'));
  assert.equal(defs.length, 1);
  assert.equal(w2.get(defs[0].uri)!.text.slice(defs[0].start, defs[0].end), 'ceph-public');
});

test('rename refuses names that are not DNS-1123 labels, taken names, and places without a network', () => {
  const at = offsetOf(textOf(ws, CLUSTER), 'public-net');
  const refused = (name: string, o = at, rel = CLUSTER) => {
    try {
      renameEdits(ws, uriOf(rel), o, name);
    } catch (err) {
      assert.ok(err instanceof RenameError);
      return [err.reason, err.message];
    }
    return undefined;
  };
  for (const bad of ['Public', 'my.net', 'under_score', '-x', 'x-', '', 'a'.repeat(64), 'ns/name']) {
    const r = refused(bad);
    assert.equal(r?.[0], 'invalid-name', bad);
    assert.match(r![1], /DNS-1123 label/);
  }
  assert.deepEqual(refused('cluster-net')?.[0], 'conflict');
  assert.match(refused('cluster-net')![1], /"rook-ceph\/cluster-net" already exists/);
  assert.equal(refused('x', offsetOf(textOf(ws, CLUSTER), 'provider'))?.[0], 'no-symbol');
  assert.throws(() => prepareRename(ws, uriOf(CLUSTER), offsetOf(textOf(ws, CLUSTER), 'dataDirHostPath')), RenameError);
  assert.equal(renameEdits(ws, uriOf(CLUSTER), at, 'public-net').size, 0, 'same name: nothing to change');
});

test('rename rewrites a scalar whose name is escaped, in its own quoting style', () => {
  const w = memoryWorkspace({
    'n.yaml':
      "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: 'net-a'\n  namespace: r\nspec:\n  config: '{}'\n",
    'c.yaml':
      'apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: { name: c, namespace: r }\nspec:\n  network:\n    provider: multus\n    selectors:\n      public: "r/net\\x2da@eth1"\n',
  });
  const c = [...w.all()].find((a) => a.uri.endsWith('c.yaml'))!;
  const edits = renameEdits(w, c.uri, offsetOf(c.text, 'net\\x2da'), 'net-b');
  assert.equal(applyEdits(c.text, edits.get(c.uri)!), c.text.replace('"r/net\\x2da@eth1"', '"r/net-b@eth1"'));
  const n = [...w.all()].find((a) => a.uri.endsWith('n.yaml'))!;
  assert.equal(applyEdits(n.text, edits.get(n.uri)!), n.text.replace("'net-a'", "'net-b'"));
});

test('rename from an unresolved reference renames the references that look the same', () => {
  const w = memoryWorkspace({
    'c.yaml':
      'apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: { name: c, namespace: r }\nspec:\n  network:\n    provider: multus\n    selectors:\n      public: missing\n',
    'p.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: r\n  annotations:\n    k8s.v1.cni.cncf.io/networks: missing@m0\nspec: {}\n',
  });
  const c = [...w.all()].find((a) => a.uri.endsWith('c.yaml'))!;
  const edits = renameEdits(w, c.uri, offsetOf(c.text, 'missing'), 'found');
  assert.deepEqual(
    [...edits.values()].map((l) => l.map((e) => e.newText)),
    [['found'], ['found']],
  );
  assert.deepEqual(
    show(w, referencesAt(w, c.uri, offsetOf(c.text, 'missing'), true)).map((x) => x[1]),
    ['missing', 'missing'],
  );
});

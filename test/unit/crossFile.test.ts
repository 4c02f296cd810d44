// Cross-file behaviour end to end: real manifests (the shared corpus, the article's seed) check
// clean and navigate, and the CLI applies the cross-file checks with the folder as workspace.
// (The language-server side is in crossFileProtocol.test.ts.)
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import { definitionAt } from '../../server/src/core/features/definition';
import { referencesAt } from '../../server/src/core/features/references';
import { renameEdits } from '../../server/src/core/features/rename';
import {
  applyEdits,
  CORPUS,
  corpusSkip,
  expectedFindings,
  loadFolder,
  memoryWorkspace,
  MY_FAMILIES,
  offsetOf,
  seedSkip,
} from '../support/workspaceFixtures';
import { seedManifests } from '../support/shared';

const ROOT = path.resolve(__dirname, '../../..');

function errorsIn(dir: string, filter: (code: string) => boolean = () => true): string[] {
  const ws = loadFolder(dir);
  const out: string[] = [];
  for (const a of ws.all()) {
    for (const p of ws.problemsFor(a.uri)) {
      if (filter(p.code) && p.severity === 'error') out.push(`${path.basename(a.uri)} ${p.code} ${p.message}`);
    }
  }
  return out;
}

test('corpus/valid/rook as a workspace: zero errors, and no rook/ or ref/ finding at all', { skip: corpusSkip }, () => {
  const dir = path.join(CORPUS, 'valid/rook');
  assert.deepEqual(errorsIn(dir), []);
  const ws = loadFolder(dir);
  const mine = [...ws.all()].flatMap((a) =>
    ws
      .problemsFor(a.uri)
      .filter((p) => MY_FAMILIES(p.code))
      .map((p) => `${path.basename(a.uri)} ${p.code}`),
  );
  assert.deepEqual(mine, []);
});

test('corpus/valid/nad as a workspace: no error from the cross-file families', { skip: corpusSkip }, () => {
  assert.deepEqual(errorsIn(path.join(CORPUS, 'valid/nad'), MY_FAMILIES), []);
});

/** The article's YAML blocks as two files (test/support/shared.ts). */
function seedFiles(): Record<string, string> {
  return seedManifests()!;
}

test('the seed article: its NADs and CephCluster check clean and navigate', { skip: seedSkip }, () => {
  const ws = memoryWorkspace(seedFiles());
  for (const a of ws.all()) {
    const ps = ws.problemsFor(a.uri);
    assert.deepEqual(
      ps.filter((p) => MY_FAMILIES(p.code) || p.severity === 'error' || p.severity === 'warning').map((p) => p.code),
      [],
      a.uri,
    );
  }
  const c = ws.get('file:///mem/seed-cluster.yaml')!;
  const n = ws.get('file:///mem/seed-nads.yaml')!;
  const def = definitionAt(ws, c.uri, offsetOf(c.text, 'ceph-cluster-net'));
  assert.deepEqual(
    def.map((d) => [d.uri, n.text.slice(d.start, d.end)]),
    [[n.uri, 'ceph-cluster-net']],
  );
  const refs = referencesAt(ws, n.uri, offsetOf(n.text, 'ceph-public-net'), true);
  assert.deepEqual(
    refs.map((r) => [path.basename(r.uri), ws.get(r.uri)!.text.slice(r.start, r.end)]),
    [
      ['seed-cluster.yaml', 'ceph-public-net'],
      ['seed-nads.yaml', 'ceph-public-net'],
    ],
  );
  const edits = renameEdits(ws, n.uri, offsetOf(n.text, 'ceph-public-net'), 'public');
  assert.equal(applyEdits(c.text, edits.get(c.uri)!), c.text.replace('public: ceph-public-net', 'public: public'));
  assert.equal(applyEdits(n.text, edits.get(n.uri)!), n.text.replace('name: ceph-public-net', 'name: public'));
});

test(
  'the seed article on the Rook it was written for (1.11): its dhcp NADs have no range Rook can read',
  { skip: seedSkip },
  () => {
    const ws = memoryWorkspace(seedFiles(), { rookVersion: '1.11' });
    const c = ws.get('file:///mem/seed-cluster.yaml')!;
    assert.deepEqual(
      ws.problemsFor(c.uri).map((p) => [p.code, c.text.slice(p.start, p.end)]),
      [
        ['rook/nad-unreadable-range', 'ceph-public-net'],
        ['rook/nad-unreadable-range', 'ceph-cluster-net'],
      ],
    );
  },
);

function cli(args: string[]): { code: number; out: string } {
  let out = '';
  const code = runCli(args, { out: (s) => (out += s), err: (s) => (out += s), cwd: ROOT });
  return { code, out };
}

test('CLI check on a fixture folder applies the cross-file checks with the folder as workspace', () => {
  const dir = 'test/fixtures/workspace-rules';
  const r = cli(['check', '--format', 'json', dir]);
  assert.equal(r.code, 1, 'errors are present');
  const json = JSON.parse(r.out) as { diagnostics: { file: string; line: number; code: string }[] };
  const got = json.diagnostics
    .filter((d) => MY_FAMILIES(d.code))
    .map((d) => ({ file: path.relative(dir, d.file), line: d.line - 1, code: d.code }));
  const want = expectedFindings(path.join(ROOT, dir)).map((e) => ({ file: e.file, line: e.line, code: e.code }));
  const key = (x: { file: string; line: number; code: string }) => `${x.file}:${x.line}:${x.code}`;
  assert.deepEqual(got.map(key).sort(), want.map(key).sort());
  // One file alone is a workspace of one file: its selectors resolve to nothing.
  const alone = JSON.parse(cli(['check', '--format', 'json', `${dir}/clusters/cross.yaml`]).out) as {
    diagnostics: { code: string }[];
  };
  assert.ok(alone.diagnostics.some((d) => d.code === 'rook/selector-not-found'));
  assert.ok(!alone.diagnostics.some((d) => d.code === 'rook/nad-no-ipam'));
});

test('CLI check on the clean fixture workspace finds nothing of the cross-file families', () => {
  const clean = cli(['check', '--format', 'json', 'test/fixtures/workspace-rook']);
  const diags = (JSON.parse(clean.out) as { diagnostics: { code: string }[] }).diagnostics.filter((d) =>
    MY_FAMILIES(d.code),
  );
  assert.deepEqual(diags, []);
});

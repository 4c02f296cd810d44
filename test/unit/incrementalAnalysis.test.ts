// The whole checker through its incremental paths: a Workspace that reuses the previous version's
// documents after each edit reports exactly what a fresh analysis of the same text reports, and a
// file whose parse is dropped (closed files in the server) keeps its objects and findings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { completionsAt } from '../../server/src/core/features/completion';
import { DEFAULT_SETTINGS, settingsFrom } from '../../server/src/core/settings';
import { documentAt } from '../../server/src/core/yaml/yamlFile';
import { CORPUS, corpusSkip, FIXTURES, yamlFilesUnder } from '../support/workspaceFixtures';
import { Workspace } from '../../server/src/core/workspace';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** Multi-document streams made of real files (NADs, CephClusters, workloads, unrelated objects): the
 * corpus when it is present, and always the bundled examples and cross-file fixtures. */
const sources = [
  ...(corpusSkip ? [] : yamlFilesUnder(path.join(CORPUS, 'valid'))),
  ...yamlFilesUnder(EXAMPLES),
  ...yamlFilesUnder(path.join(FIXTURES, 'workspace-rook')),
  ...yamlFilesUnder(path.join(FIXTURES, 'workspace-rules')),
].map((f) => fs.readFileSync(f, 'utf8'));

const URI = 'file:///ws/bundle.yaml';

const view = (ws: Workspace) => ws.problemsFor(URI).map((p) => [p.code, p.severity, p.start, p.end, p.message]);

/** Edits that matter to an incremental parser: inside a document, across a marker, adding or removing markers. */
const edit = fc.tuple(
  fc.nat(),
  fc.nat(12),
  fc.constantFrom('', ' ', 'x', '"', '\n', '---\n', '\n---\n', '  ', ':', '{', '}', ',', '#'),
);

test('random edits of multi-document files: the incremental analysis equals a fresh one', () => {
  assert.ok(sources.length > 10, `${sources.length} source files`);
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: sources.length - 1 }), { minLength: 2, maxLength: 5 }),
      fc.array(edit, { minLength: 1, maxLength: 8 }),
      (picks, edits) => {
        let text = picks.map((i) => sources[i].replace(/\n?$/, '\n')).join('---\n');
        const incremental = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
        incremental.setFile(URI, text);
        for (const [at, len, insert] of edits) {
          const start = at % (text.length + 1);
          text = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + len));
          incremental.setFile(URI, text);
          const fresh = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
          fresh.setFile(URI, text);
          assert.deepEqual(
            view(incremental),
            view(fresh),
            `text: ${JSON.stringify(text.slice(Math.max(0, start - 40), start + 40))}`,
          );
        }
      },
    ),
    { numRuns: 120 },
  );
});

test('a file whose parse is dropped keeps its objects, its findings and its cross-file part', () => {
  const nad = sources.find((s) => s.includes('NetworkAttachmentDefinition') && s.includes('spec:'))!;
  const bad =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      annotations:\n        k8s.v1.cni.cncf.io/networks: no-such-net\n';
  const text = `${nad.replace(/\n?$/, '\n')}---\n${bad}`;
  const kept = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
  kept.setFile(URI, text);
  const dropped = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
  const analysis = dropped.setFile(URI, text, { retainParse: false });
  assert.equal(analysis.yaml, undefined);
  assert.equal(analysis.sourceYaml, undefined);
  assert.equal(analysis.objects.annotations.length, 1);
  assert.ok(!('doc' in analysis.objects.annotations[0]), 'annotation refs do not pin their document');
  assert.ok(view(dropped).some(([code]) => code === 'ref/nad-not-found'));
  assert.deepEqual(view(dropped), view(kept));
  // A settings change re-analyzes without bringing the parse back.
  dropped.reanalyzeAll({ ...DEFAULT_SETTINGS });
  assert.equal(dropped.get(URI)!.yaml, undefined);
});

test('documents the checker skipped are parsed on demand for features (documentAt)', () => {
  const text =
    'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: apps\n';
  const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
  ws.setFile(URI, text);
  const yaml = ws.get(URI)!.yaml!;
  assert.deepEqual(
    yaml.parts.map((p) => p.docs === undefined),
    [false, true],
    'the ConfigMap is not parsed for checking',
  );
  const doc = documentAt(yaml, text.indexOf('namespace: apps'));
  assert.deepEqual(doc?.toJS(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'apps' } });
  assert.equal(doc?.contents?.range?.[0], text.indexOf('apiVersion: v1'), 'offsets count from the start of the file');
  assert.deepEqual(documentAt(yaml, 5)?.toJS().kind, 'NetworkAttachmentDefinition');
});

test('completion after incremental edits answers from the current text', () => {
  const text =
    'apiVersion: v1\nkind: ConfigMap\n---\napiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata:\n  name: c\nspec:\n  network:\n    provider: \n';
  const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
  ws.setFile(URI, text);
  // Grow the first (unrelated) document: the CephCluster document is reused, moved.
  const next = text.replace('kind: ConfigMap\n', 'kind: ConfigMap\ndata:\n  k: "v"\n');
  ws.setFile(URI, next);
  const labels = completionsAt(ws, URI, next.indexOf('provider: ') + 'provider: '.length).map((c) => c.label);
  assert.deepEqual(labels, ['multus', 'host', '""']);
});

test('the pre-scan guards the documents the parser reads: a long line elsewhere does not stop the check', () => {
  const nad =
    'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: a\nspec:\n  config: \'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth0", "ipam": {"type": "dhcp"}, "mode": "brigde"}\'\n';
  const longLine = `apiVersion: v1\nkind: ConfigMap\ndata:\n  blob: ${'x'.repeat(30_000)}\n`;
  const ws = new Workspace(settingsFrom({ limits: { maxLineLength: 10_000 } }), ALL_CHECKS);
  ws.setFile(URI, `${longLine}---\n${nad}`);
  const codes = ws.problemsFor(URI).map((p) => p.code);
  assert.ok(codes.includes('cni/invalid-value'), codes.join(','));
  assert.ok(!codes.includes('yaml/limit'), codes.join(','));
  // The same line inside the NAD's own document: that document is not parsed, the file not checked.
  const inside = `${nad.replace('metadata:', `metadata:\n  labels:\n    blob: ${'x'.repeat(30_000)}`)}`;
  ws.setFile(URI, `${longLine}---\n${inside}`);
  assert.deepEqual(
    ws.problemsFor(URI).map((p) => [p.code, p.start]),
    [['yaml/limit', `${longLine}---\n`.length + inside.indexOf('    blob:')]],
  );
  // An edit back to the clean text is checked again (nothing stale is reused from the refused version).
  ws.setFile(URI, `${longLine}---\n${nad}`);
  assert.deepEqual(
    ws.problemsFor(URI).map((p) => p.code),
    codes,
  );
});

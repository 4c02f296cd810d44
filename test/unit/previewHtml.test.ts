// The preview's pure parts: the HTML (CSP, nonce, no remote resources, embedded state that cannot
// close its script tag), the state sent to the webview, the validation of what the webview sends,
// the Markdown export, the `flow` CLI, and `multus/flow` + the code lens through the built server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  buildPreviewHtml,
  contentSecurityPolicy,
  createNonce,
  escapeHtml,
  PreviewState,
  scriptJson,
  toPreviewState,
} from '../../client/src/preview/html';
import { parseWebviewMessage, restoredStateFrom } from '../../client/src/preview/messages';
import { runCli } from '../../server/src/cli/cli';
import { flowsForWorkspace } from '../../server/src/core/flow/flow';
import { flowMarkdown } from '../../server/src/core/flow/markdown';
import { FLOW_REQUEST, flowParamsFrom, FlowResult } from '../../server/src/core/flow/protocol';
import { flowCodeLenses, flowResult } from '../../server/src/lsp/flow';
import { TestLspClient } from '../support/lspClient';
import { FIXTURES, loadFolder, uriOf } from '../support/workspaceFixtures';

const ROOT = path.resolve(__dirname, '../../..');
const FLOW = path.join(FIXTURES, 'flow');
const NONCE = 'n0nceN0NCEn0nce12345678';

function html(state?: PreviewState): string {
  return buildPreviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: NONCE,
    mermaidUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/mermaid.min.js',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
    initialState: state,
  });
}

test('the CSP: nothing by default, scripts by nonce only (no unsafe-eval, no unsafe-inline scripts)', () => {
  const csp = contentSecurityPolicy('vscode-webview://x', 'abc');
  assert.equal(
    csp,
    "default-src 'none'; script-src 'nonce-abc'; style-src vscode-webview://x 'unsafe-inline'; img-src vscode-webview://x data:; font-src vscode-webview://x",
  );
  const page = html();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
  assert.ok(meta);
  assert.equal(meta[1], escapeHtml(contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', NONCE)));
  assert.doesNotMatch(page, /unsafe-eval/);
  // Every executable script carries the nonce and a src; no inline script, no event handler attribute.
  const scripts = [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 3);
  for (const [, attrs, body] of scripts) {
    if (/type="application\/json"/.test(attrs)) continue;
    assert.match(attrs, new RegExp(`nonce="${NONCE}" src="https://file\\+\\.vscode-resource`));
    assert.equal(body, '');
  }
  assert.doesNotMatch(page, /\son[a-z]+=/i);
  assert.doesNotMatch(page.replace(/https:\/\/file\+\.vscode-resource\.vscode-cdn\.net/g, ''), /https?:\/\//);
});

test('nonces are fresh, long and base64; a weak nonce is refused', () => {
  const a = createNonce();
  const b = createNonce();
  assert.notEqual(a, b);
  assert.match(a, /^[A-Za-z0-9+/]{24}$/);
  assert.throws(
    () => buildPreviewHtml({ cspSource: 'x', nonce: 'short', mermaidUri: '', scriptUri: '', styleUri: '' }),
    /nonce/,
  );
  assert.throws(
    () =>
      buildPreviewHtml({ cspSource: 'x', nonce: `${NONCE}"><script>`, mermaidUri: '', scriptUri: '', styleUri: '' }),
    /nonce/,
  );
});

test('the embedded state cannot close its script tag; attributes are escaped; body class is filtered', () => {
  const state = toPreviewState(null, 'file:///a', '</script><script>alert(1)</script>\u2028', 0);
  const page = html(state);
  const json = /<script type="application\/json" id="initial-state">([\s\S]*?)<\/script>/.exec(page)![1];
  assert.doesNotMatch(json, /[<>&\u2028]/);
  assert.deepEqual(JSON.parse(json), state);
  assert.equal(scriptJson(null), 'null');
  const odd = buildPreviewHtml({
    cspSource: 'x',
    nonce: NONCE,
    mermaidUri: '"><script>',
    scriptUri: 'a',
    styleUri: 'b',
    bodyClass: 'vscode-dark" onload="x',
  });
  assert.match(odd, /src="&quot;&gt;&lt;script&gt;"/);
  assert.match(odd, /<body class="vscode-dark onloadx">/);
});

test('toPreviewState: the selected cluster (clamped), its problems and diagrams, notices', () => {
  const ws = loadFolder(path.join(FLOW, 'missing-nad'));
  const result: FlowResult = { uri: 'file:///c.yaml', clusters: flowsForWorkspace(ws), related: false };
  const s = toPreviewState(result, 'file:///c.yaml', 'c.yaml', 7);
  assert.equal(s.selected, 0);
  assert.deepEqual(s.clusters, ['CephCluster rook-ceph/my-cluster']);
  assert.deepEqual(s.problems, [
    {
      severity: 'error',
      message:
        'No NetworkAttachmentDefinition rook-ceph/clustr-net in the workspace: pods of this cluster cannot start on the cluster network.',
      target: 'problem_0',
    },
  ]);
  assert.deepEqual(
    s.diagrams.map((d) => [d.kind, d.title]),
    [
      ['sequence', 'One write: replicated pool, size 3 (replicapool)'],
      ['topology', 'Network topology'],
    ],
  );
  assert.equal(s.notice, undefined);
  // The webview gets ids, never locations.
  assert.doesNotMatch(JSON.stringify(s), /"range"|"line"/);
  assert.equal(
    toPreviewState({ ...result, related: true }, 'u', 'n', 0).notice,
    'This file defines no CephCluster; showing the clusters that use its NADs.',
  );
  assert.deepEqual(toPreviewState(null, 'u', 'n.yaml', 3), {
    uri: 'u',
    document: 'n.yaml',
    clusters: [],
    selected: 0,
    related: false,
    problems: [],
    diagrams: [],
    notice: 'No CephCluster (or cephClusterSpec) in this file, and no cluster uses a NAD of it.',
  });
  assert.equal(toPreviewState(result, 'u', 'n', 0, 'Waiting').notice, 'Waiting');
});

test('webview messages: only known shapes with ids and small indices pass', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'save', extra: 1 }), { type: 'save' });
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', target: 'problem_0' }), {
    type: 'reveal',
    target: 'problem_0',
  });
  assert.deepEqual(parseWebviewMessage({ type: 'copy', diagram: 1 }), { type: 'copy', diagram: 1 });
  assert.deepEqual(parseWebviewMessage({ type: 'selectCluster', index: 0 }), { type: 'selectCluster', index: 0 });
  const refused: unknown[] = [
    null,
    'reveal',
    [],
    { type: 'reveal' },
    { type: 'reveal', target: '../etc/passwd' },
    { type: 'reveal', target: 'file:///etc/passwd' },
    { type: 'reveal', target: '__proto__x'.repeat(10) },
    { type: 'reveal', target: { uri: 'file:///x' } },
    { type: 'copy', diagram: -1 },
    { type: 'copy', diagram: 1.5 },
    { type: 'copy', diagram: '1' },
    { type: 'selectCluster', index: 1e9 },
    { type: 'open', uri: 'file:///x' },
    { type: 'command', command: 'workbench.action.terminal.new' },
  ];
  for (const m of refused) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
  assert.deepEqual(restoredStateFrom({ uri: 'file:///a.yaml', selected: 2 }), { uri: 'file:///a.yaml', selected: 2 });
  assert.deepEqual(restoredStateFrom({ uri: 'file:///a.yaml', selected: 'x' }), { uri: 'file:///a.yaml', selected: 0 });
  assert.equal(restoredStateFrom({ uri: 'not a uri' }), undefined);
  assert.equal(restoredStateFrom(undefined), undefined);
});

test('flow params: a URI is required; kinds are filtered', () => {
  assert.deepEqual(flowParamsFrom({ uri: 'file:///a', kinds: ['topology', 'x'] }), {
    uri: 'file:///a',
    kinds: ['topology'],
  });
  assert.deepEqual(flowParamsFrom({ uri: 'file:///a', kinds: ['x'] }), { uri: 'file:///a' });
  for (const bad of [null, {}, { uri: '' }, { uri: 3 }, 'file:///a']) assert.equal(flowParamsFrom(bad), undefined);
});

test('Markdown export: headings, then one ```mermaid block per diagram', () => {
  const folder = path.join(FLOW, 'host-provider');
  const [flow] = flowsForWorkspace(loadFolder(folder));
  const md = flowMarkdown(flow, 'ceph/cluster.yaml', 1);
  assert.equal(md.split('\n')[0], '# CephCluster rook-ceph/my-cluster (ceph/cluster.yaml)');
  assert.deepEqual(md.match(/^#+ .*$/gm), [
    '# CephCluster rook-ceph/my-cluster (ceph/cluster.yaml)',
    '## One write: replicated, size 3 (no CephBlockPool found: Rook default)',
    '## Network topology',
  ]);
  assert.equal((md.match(/^```mermaid$/gm) ?? []).length, 2);
  assert.ok(md.includes(`\`\`\`mermaid\n${flow.diagrams[1].mermaid}\`\`\`\n`));
});

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (s) => (out += s), err: (s) => (err += s), cwd: ROOT });
  return { code, out, err };
}

test('CLI flow: Markdown by default (= expected.md), bare Mermaid with --format mermaid, --kind, usage errors', () => {
  const dir = 'test/fixtures/flow/replicas-3';
  const md = run(['flow', dir]);
  assert.equal(md.code, 0, md.err);
  const expected = fs
    .readFileSync(path.join(ROOT, dir, 'expected.md'), 'utf8')
    .replace('(cluster.yaml)', `(${dir}/cluster.yaml)`);
  assert.equal(md.out, expected);
  const seq = run(['flow', '--kind', 'sequence', '--format=mermaid', dir]);
  assert.equal(seq.code, 0);
  assert.match(seq.out, /^sequenceDiagram\n/);
  assert.doesNotMatch(seq.out, /flowchart|```/);
  const topo = run(['flow', '--kind=topology', '--format', 'mermaid', dir]);
  assert.match(topo.out, /^flowchart LR\n/);
  assert.doesNotMatch(topo.out, /sequenceDiagram/);
  const none = run(['flow', 'test/fixtures/cli/good-nad.yml']);
  assert.deepEqual([none.code, none.out], [1, '']);
  assert.match(none.err, /no CephCluster/);
  for (const bad of [
    ['flow'],
    ['flow', '--kind', 'pie', dir],
    ['flow', '--format', 'svg', dir],
    ['flow', '--nope', dir],
    ['flow', 'no/such/dir'],
  ]) {
    const r = run(bad);
    assert.equal(r.code, 2, bad.join(' '));
    assert.match(r.err, /Usage:/);
  }
});

test('LSP glue: flowResult and one code lens per cluster with (uri, index)', () => {
  const folder = path.join(FLOW, 'ec-pool');
  const ws = loadFolder(folder);
  const uri = uriOf(path.join(folder, 'cluster.yaml'));
  const r = flowResult(ws, { uri })!;
  assert.deepEqual([r.uri, r.related, r.clusters.length, r.clusters[0].diagrams.length], [uri, false, 1, 3]);
  assert.equal(flowResult(ws, { nope: 1 }), null);
  assert.deepEqual(flowCodeLenses(ws, uri), [
    {
      range: { start: { line: 1, character: 6 }, end: { line: 1, character: 17 } },
      command: { title: 'Show replication flow', command: 'multusNetworks.showReplicationFlow', arguments: [uri, 0] },
    },
  ]);
  assert.deepEqual(flowCodeLenses(ws, uriOf(path.join(folder, 'nads.yaml'))), []);
  assert.deepEqual(flowCodeLenses(ws, 'file:///unknown.yaml'), []);
});

const SERVER_BUILT = fs.existsSync(path.join(ROOT, 'dist', 'server.js'));

test(
  'through the built server: codeLensProvider, `multus/flow` for an open document, updated after an edit',
  { skip: !SERVER_BUILT && 'dist/server.js not built' },
  async () => {
    const client = new TestLspClient();
    try {
      const init = (await client.initialize({ scanWorkspace: false })) as {
        capabilities: { codeLensProvider?: unknown };
      };
      assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
      const dir = path.join(FLOW, 'replicas-3');
      const nadUri = 'file:///tmp/multus-flow-test/nads.yaml';
      const clusterUri = 'file:///tmp/multus-flow-test/cluster.yaml';
      const clusterText = fs.readFileSync(path.join(dir, 'cluster.yaml'), 'utf8');
      await client.open(nadUri, fs.readFileSync(path.join(dir, 'nads.yaml'), 'utf8'));
      await client.open(clusterUri, clusterText);
      const lenses = (await client.conn.sendRequest('textDocument/codeLens', {
        textDocument: { uri: clusterUri },
      })) as { command: { arguments: unknown[] } }[];
      assert.deepEqual(
        lenses.map((l) => l.command.arguments),
        [[clusterUri, 0]],
      );
      const first = (await client.conn.sendRequest(FLOW_REQUEST, { uri: clusterUri })) as FlowResult;
      assert.deepEqual(first.clusters[0].model.writes, [
        { kind: 'replicated', size: 3, pools: ['replicapool'], defaulted: false },
      ]);
      assert.match(first.clusters[0].diagrams[0].mermaid, /participant O3 as OSD 3/);
      await client.change(clusterUri, 2, [{ text: clusterText.replace('size: 3', 'size: 2') }]);
      const second = (await client.conn.sendRequest(FLOW_REQUEST, { uri: clusterUri })) as FlowResult;
      assert.doesNotMatch(second.clusters[0].diagrams[0].mermaid, /participant O3/);
      assert.equal(await client.conn.sendRequest(FLOW_REQUEST, { bogus: true }), null);
    } finally {
      await client.shutdown();
    }
  },
);

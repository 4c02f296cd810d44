// The preview's pure parts: the HTML (CSP, nonce, no remote resources, embedded state that cannot
// close its script tag), the state sent to the webview and the validation of what the webview sends.
// The `flow` CLI: flowCli.test.ts; `multus/flow` and the code lens: flowProtocol.test.ts; the
// Markdown export: flow.test.ts.
import assert from 'node:assert/strict';
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
import { flowsForWorkspace } from '../../server/src/core/flow/flow';
import type { FlowResult } from '../../server/src/core/flow/protocol';
import { FIXTURES, loadFolder } from '../support/workspaceFixtures';

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
      severity: 'warning',
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

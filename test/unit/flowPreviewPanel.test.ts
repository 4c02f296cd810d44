// The preview panel's glue, against a small fake of the `vscode` API and a fake language client
// that answers `multus/flow` from a fixture workspace: the command opens one panel beside the
// editor with a nonce CSP; webview messages are validated and mapped to locations held by the
// extension; copy and save use the held Mermaid; YAML edits refresh once after the debounce; stale
// answers are dropped.
import assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FlowResult } from '../../server/src/core/flow/protocol';
import { flowResult } from '../../server/src/lsp/flow';
import { FIXTURES, loadFolder, uriOf } from '../support/workspaceFixtures';

type Listener<T> = (e: T) => unknown;

class Emitter<T> {
  private listeners: Listener<T>[] = [];
  event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static parse(s: string): FakeUri {
    const u = new URL(s);
    return new FakeUri(u.protocol.slice(0, -1), decodeURIComponent(u.pathname));
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(base.scheme, path.posix.join(base.path, ...parts));
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class FakeRange {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}

interface FakePanel {
  viewColumn: number;
  title: string;
  webview: {
    html: string;
    options: unknown;
    cspSource: string;
    posted: unknown[];
    asWebviewUri(u: FakeUri): FakeUri;
    postMessage(m: unknown): Promise<boolean>;
    onDidReceiveMessage: Emitter<unknown>['event'];
    receive: Emitter<unknown>;
  };
  reveal(): void;
  dispose(): void;
  onDidDispose: Emitter<void>['event'];
  disposed: Emitter<void>;
  created: { viewType: string; column: unknown; options: unknown };
}

function fakeVscode() {
  const log = {
    panels: [] as FakePanel[],
    commands: new Map<string, (...a: unknown[]) => unknown>(),
    shown: [] as { uri: string; column: unknown; selection: FakeRange }[],
    clipboard: [] as string[],
    written: [] as { uri: string; text: string }[],
    saveAnswer: undefined as FakeUri | undefined,
    cancelled: 0,
    serializer: undefined as { deserializeWebviewPanel(p: unknown, s: unknown): Promise<void> } | undefined,
  };
  const changeDoc = new Emitter<unknown>();
  const closeDoc = new Emitter<unknown>();
  const watcherEvents = new Emitter<unknown>();
  const api = {
    Uri: FakeUri,
    Range: FakeRange,
    CancellationTokenSource: class {
      readonly token = { isCancellationRequested: false };
      cancel() {
        this.token.isCancellationRequested = true;
        log.cancelled++;
      }
      dispose() {}
    },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
    commands: {
      registerCommand(id: string, fn: (...a: unknown[]) => unknown) {
        log.commands.set(id, fn);
        return { dispose: () => log.commands.delete(id) };
      },
    },
    env: { clipboard: { writeText: async (t: string) => void log.clipboard.push(t) } },
    window: {
      activeTextEditor: undefined as unknown,
      visibleTextEditors: [] as unknown[],
      createWebviewPanel(viewType: string, _title: string, column: unknown, options: unknown): FakePanel {
        const receive = new Emitter<unknown>();
        const disposed = new Emitter<void>();
        const panel: FakePanel = {
          viewColumn: 2,
          title: '',
          webview: {
            html: '',
            options,
            cspSource: 'vscode-webview://fake',
            posted: [],
            asWebviewUri: (u) => new FakeUri('vscode-webview', u.path),
            postMessage: async (m) => {
              panel.webview.posted.push(JSON.parse(JSON.stringify(m)));
              return true;
            },
            onDidReceiveMessage: receive.event,
            receive,
          },
          reveal() {},
          dispose: () => disposed.fire(),
          onDidDispose: disposed.event,
          disposed,
          created: { viewType, column, options },
        };
        log.panels.push(panel);
        return panel;
      },
      registerWebviewPanelSerializer(
        _type: string,
        s: { deserializeWebviewPanel(p: unknown, s: unknown): Promise<void> },
      ) {
        log.serializer = s;
        return { dispose() {} };
      },
      async showTextDocument(uri: FakeUri, opts: { viewColumn: unknown; selection: FakeRange }) {
        log.shown.push({ uri: uri.toString(), column: opts.viewColumn, selection: opts.selection });
        return { revealRange() {} };
      },
      showInformationMessage: async () => undefined,
      setStatusBarMessage: () => ({ dispose() {} }),
      showSaveDialog: async () => log.saveAnswer,
    },
    workspace: {
      createFileSystemWatcher: () => ({
        onDidCreate: watcherEvents.event,
        onDidChange: watcherEvents.event,
        onDidDelete: watcherEvents.event,
        dispose() {},
      }),
      onDidChangeTextDocument: changeDoc.event,
      onDidCloseTextDocument: closeDoc.event,
      asRelativePath: (u: FakeUri) => path.posix.basename(u.path),
      workspaceFolders: undefined,
      fs: {
        writeFile: async (u: FakeUri, data: Uint8Array) =>
          void log.written.push({ uri: u.toString(), text: Buffer.from(data).toString('utf8') }),
      },
    },
  };
  return { api, log, changeDoc, watcherEvents };
}

// Install the fake before the panel module loads.
const fake = fakeVscode();
const mod = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = mod._resolveFilename;
mod._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = {
  id: 'vscode',
  filename: 'vscode',
  loaded: true,
  exports: fake.api,
} as unknown as NodeJS.Module;
const { registerPreview, SHOW_FLOW_COMMAND } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the vscode stub above is registered
  require('../../client/src/preview/previewPanel') as typeof import('../../client/src/preview/previewPanel');

const folder = path.join(FIXTURES, 'flow', 'missing-nad');
const ws = loadFolder(folder);
const clusterUri = uriOf(path.join(folder, 'cluster.yaml'));
const requests: unknown[] = [];
const tokens: { isCancellationRequested: boolean }[] = [];
let delays: number[] = [];
const client = {
  isRunning: () => true,
  async sendRequest(
    method: string,
    params: unknown,
    token?: { isCancellationRequested: boolean },
  ): Promise<FlowResult | null> {
    assert.equal(method, 'multus/flow');
    requests.push(params);
    if (token) tokens.push(token);
    const delay = delays.shift() ?? 0;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    return flowResult(ws, params);
  },
};
const context = { extensionUri: new FakeUri('file', '/ext') };
const disposables = registerPreview(context as never, (() => client) as never);
const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const panel = () => fake.log.panels[fake.log.panels.length - 1];
const lastState = () =>
  (
    panel().webview.posted[panel().webview.posted.length - 1] as {
      type: string;
      state: { diagrams: { mermaid: string }[]; uri: string };
    }
  ).state;

test('the command (from the code lens: uri + index) opens one panel beside, with a nonce CSP and local roots only', async () => {
  await fake.log.commands.get(SHOW_FLOW_COMMAND)!(clusterUri, 0);
  assert.equal(fake.log.panels.length, 1);
  const p = panel();
  assert.equal(p.created.viewType, 'multusNetworks.replicationFlow');
  assert.deepEqual(p.created.column, { viewColumn: -2, preserveFocus: true });
  const opts = p.webview.options as { enableScripts: boolean; localResourceRoots: FakeUri[] };
  assert.equal(opts.enableScripts, true);
  assert.deepEqual(opts.localResourceRoots.map(String), ['file:///ext/dist/media', 'file:///ext/media']);
  const html = p.webview.html.replace(/&#39;/g, "'");
  const nonce = /script-src 'nonce-([^']+)'/.exec(html)![1];
  assert.equal((p.webview.html.match(new RegExp(`nonce="${nonce.replace(/[+/]/g, '\\$&')}"`, 'g')) ?? []).length, 2);
  assert.match(p.webview.html, /src="vscode-webview:\/\/\/ext\/dist\/media\/mermaid\.min\.js"/);
  assert.equal(p.title, 'Replication Flow: cluster.yaml');
  assert.deepEqual(requests, [{ uri: clusterUri }]);
  assert.equal(lastState().diagrams.length, 2);
  assert.equal(lastState().uri, clusterUri);
  // A second invocation reuses the panel.
  await fake.log.commands.get(SHOW_FLOW_COMMAND)!(clusterUri, 0);
  assert.equal(fake.log.panels.length, 1);
});

test('reveal: known ids open the location the extension holds; anything else is ignored', async () => {
  const p = panel();
  p.webview.receive.fire({ type: 'reveal', target: 'public' });
  p.webview.receive.fire({ type: 'reveal', target: 'osd' });
  for (const bad of [
    { type: 'reveal', target: 'nope' },
    { type: 'reveal', target: '__proto__' },
    { type: 'reveal', target: 'constructor' },
    { type: 'reveal', uri: 'file:///etc/passwd' },
    { type: 'open', target: 'public' },
    'reveal',
  ])
    p.webview.receive.fire(bad);
  await settle();
  assert.deepEqual(
    fake.log.shown.map((s) => [path.basename(s.uri), s.selection.startLine, s.selection.startCharacter, s.column]),
    [
      ['nads.yaml', 3, 8, 1],
      ['cluster.yaml', 10, 15, 1],
    ],
  );
});

test('copy and save use the held Mermaid; out-of-range indices do nothing', async () => {
  const p = panel();
  p.webview.receive.fire({ type: 'copy', diagram: 1 });
  p.webview.receive.fire({ type: 'copy', diagram: 9 });
  await settle();
  assert.deepEqual(fake.log.clipboard, [lastState().diagrams[1].mermaid]);
  fake.log.saveAnswer = new FakeUri('file', '/tmp/out.md');
  p.webview.receive.fire({ type: 'save' });
  await settle();
  assert.equal(fake.log.written.length, 1);
  assert.equal(fake.log.written[0].uri, 'file:///tmp/out.md');
  assert.match(fake.log.written[0].text, /^# CephCluster rook-ceph\/my-cluster \(cluster\.yaml\)\n/);
  assert.ok(fake.log.written[0].text.includes(lastState().diagrams[0].mermaid));
});

test('YAML edits refresh once after ~300 ms; other languages do not; a stale answer is dropped', async () => {
  requests.length = 0;
  const yamlDoc = { languageId: 'yaml', uri: FakeUri.parse('file:///w/a.yaml') };
  for (let i = 0; i < 5; i++) fake.changeDoc.fire({ document: yamlDoc, contentChanges: [{}] });
  fake.changeDoc.fire({
    document: { languageId: 'json', uri: FakeUri.parse('file:///w/a.json') },
    contentChanges: [{}],
  });
  await settle(150);
  assert.equal(requests.length, 0, 'debounced');
  await settle(300);
  assert.equal(requests.length, 1);
  // The first of two overlapping refreshes answers last: its answer must not win.
  requests.length = 0;
  tokens.length = 0;
  const posted = panel().webview.posted.length;
  delays = [500, 0];
  fake.watcherEvents.fire({});
  await settle(320);
  fake.watcherEvents.fire({});
  await settle(600);
  assert.equal(requests.length, 2);
  assert.equal(panel().webview.posted.length, posted + 1);
  // The superseded request was cancelled (its token), not just ignored.
  assert.equal(tokens.length, 2);
  assert.deepEqual(
    tokens.map((t) => t.isCancellationRequested),
    [true, false],
  );
});

test('a restored panel gets a fresh nonce and follows the saved document; a disposed panel stops refreshing', async () => {
  const nonceOf = (html: string) => /nonce="([^"]+)"/.exec(html)![1];
  const oldNonce = nonceOf(panel().webview.html);
  const restored = fake.api.window.createWebviewPanel('multusNetworks.replicationFlow', 't', 1, {});
  await fake.log.serializer!.deserializeWebviewPanel(restored, { uri: clusterUri, selected: 0 });
  assert.notEqual(nonceOf(restored.webview.html), oldNonce);
  assert.equal(lastState().uri, clusterUri);
  requests.length = 0;
  restored.dispose();
  fake.watcherEvents.fire({});
  await settle(400);
  assert.equal(requests.length, 0);
  for (const d of disposables) d.dispose();
});

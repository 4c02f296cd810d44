// The replication-flow preview: a webview beside the editor that draws the Mermaid diagrams the
// language server builds for a document's CephClusters (`multus/flow`), redrawn ~300 ms after any
// YAML document or file changes. Clicks in the picture reveal the NAD or selector behind a network
// or OSD; the webview only sends ids, which are mapped to locations held here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { flowMarkdown } from '../../../server/src/core/flow/markdown';
import { FLOW_REQUEST, FlowParams, FlowResult, SHOW_FLOW_COMMAND } from '../../../server/src/core/flow/protocol';
import { buildPreviewHtml, createNonce, toPreviewState } from './html';
import { ExtensionMessage, parseWebviewMessage, restoredStateFrom } from './messages';

export { SHOW_FLOW_COMMAND };
export const FLOW_VIEW_TYPE = 'multusNetworks.replicationFlow';
const REFRESH_DELAY_MS = 300;
const SERVER_WAIT_MS = 500;
const SERVER_WAIT_TRIES = 40;

/** The client, or a getter for it (the client is replaced when the server restarts). */
export type ClientSource = LanguageClient | (() => LanguageClient);

/**
 * Registers the command (`multusNetworks.showReplicationFlow`, called with no argument, an editor
 * resource Uri, or `(uri: string, clusterIndex: number)` from the code lens), the panel serializer
 * and the change listeners. Returns the disposables for `context.subscriptions`.
 */
export function registerPreview(
  context: vscode.ExtensionContext,
  client: ClientSource,
  beforeStop?: vscode.Disposable[],
): vscode.Disposable[] {
  const getClient = typeof client === 'function' ? client : () => client;
  const preview = new FlowPreview(context.extensionUri, getClient);
  // Before the server stops (deactivation): no request in flight, none scheduled; the panel stays
  // (VS Code restores it after a reload).
  beforeStop?.push({ dispose: () => preview.cancelPending() });
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
  const changed = () => preview.scheduleRefresh();
  const isYaml = (d: vscode.TextDocument) => d.languageId === 'yaml' || /\.ya?ml$/i.test(d.uri.path);
  return [
    preview,
    watcher,
    vscode.commands.registerCommand(SHOW_FLOW_COMMAND, (arg?: unknown, index?: unknown) =>
      preview.show(uriArgument(arg), typeof index === 'number' ? index : undefined),
    ),
    vscode.window.registerWebviewPanelSerializer(FLOW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => preview.restore(panel, state),
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && isYaml(e.document)) changed();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (isYaml(d)) changed();
    }),
    watcher.onDidCreate(changed),
    watcher.onDidChange(changed),
    watcher.onDidDelete(changed),
  ];
}

/** The document a command invocation is about: the argument (Uri or URI string), else the active editor's. */
function uriArgument(arg: unknown): { uri: vscode.Uri; key: string } | undefined {
  if (arg instanceof vscode.Uri) return { uri: arg, key: arg.toString() };
  if (typeof arg === 'string' && arg) {
    try {
      return { uri: vscode.Uri.parse(arg, true), key: arg };
    } catch {
      return undefined;
    }
  }
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? { uri: doc.uri, key: doc.uri.toString() } : undefined;
}

class FlowPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private doc: { uri: vscode.Uri; key: string } | undefined;
  private selected = 0;
  private result: FlowResult | null = null;
  private notice: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** The request in flight: cancelled when a newer one starts or the preview goes (window reload). */
  private inFlight: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient,
  ) {}

  async show(doc: { uri: vscode.Uri; key: string } | undefined, clusterIndex: number | undefined): Promise<void> {
    if (!doc) {
      void vscode.window.showInformationMessage(
        'Multus: open a YAML file with a CephCluster (or the NADs it uses) to show its replication flow.',
      );
      return;
    }
    const sameDoc = this.doc?.key === doc.key;
    this.doc = doc;
    this.selected = clusterIndex ?? (sameDoc ? this.selected : 0);
    if (this.panel) this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    else {
      const panel = vscode.window.createWebviewPanel(
        FLOW_VIEW_TYPE,
        'Replication Flow',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        this.webviewOptions(),
      );
      this.adopt(panel);
    }
    this.updateTitle();
    await this.refresh();
  }

  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = restoredStateFrom(state);
    if (this.panel) this.panel.dispose();
    this.adopt(panel);
    if (saved) {
      this.doc = { uri: vscode.Uri.parse(saved.uri), key: saved.uri };
      this.selected = saved.selected;
      this.updateTitle();
    }
    await this.refresh();
  }

  scheduleRefresh(): void {
    if (!this.panel || !this.doc) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  cancelPending(): void {
    this.inFlight?.cancel();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
  }

  dispose(): void {
    this.inFlight?.cancel();
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist', 'media'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview);
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.result = null;
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    ];
  }

  private html(webview: vscode.Webview): string {
    const media = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    return buildPreviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      mermaidUri: media('dist', 'media', 'mermaid.min.js'),
      scriptUri: media('media', 'preview.js'),
      styleUri: media('media', 'preview.css'),
    });
  }

  private updateTitle(): void {
    if (this.panel && this.doc) this.panel.title = `Replication Flow: ${path.posix.basename(this.doc.uri.path)}`;
  }

  /** Asks the server for the flows of the document; stale answers (a newer request started) are dropped. */
  private async refresh(): Promise<void> {
    const doc = this.doc;
    if (!this.panel || !doc) return;
    const generation = ++this.generation;
    let result: FlowResult | null = null;
    let notice: string | undefined;
    try {
      const client = await this.runningClient(generation);
      if (!client) return;
      const params: FlowParams = { uri: doc.key };
      this.inFlight?.cancel();
      const source = (this.inFlight = new vscode.CancellationTokenSource());
      try {
        result = await client.sendRequest<FlowResult | null>(FLOW_REQUEST, params, source.token);
      } finally {
        if (this.inFlight === source) this.inFlight = undefined;
        source.dispose();
      }
    } catch (err) {
      notice = `The language server could not draw this file: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (generation !== this.generation) return;
    this.result = result;
    this.notice = notice;
    this.post();
  }

  /** The client once it runs (it may be starting or restarting); undefined if a newer refresh took over. */
  private async runningClient(generation: number): Promise<LanguageClient | undefined> {
    for (let i = 0; i < SERVER_WAIT_TRIES; i++) {
      const client = this.client();
      if (client.isRunning()) return client;
      if (i === 0) {
        this.notice = 'Waiting for the Multus language server…';
        this.post();
      }
      await new Promise((r) => setTimeout(r, SERVER_WAIT_MS));
      if (generation !== this.generation) return undefined;
    }
    throw new Error('the language server is not running (see Multus: Show Output)');
  }

  private post(): void {
    if (!this.panel || !this.doc) return;
    const state = toPreviewState(
      this.result,
      this.doc.key,
      path.posix.basename(this.doc.uri.path),
      this.selected,
      this.notice,
    );
    this.selected = state.selected;
    const message: ExtensionMessage = { type: 'update', state };
    void this.panel.webview.postMessage(message);
  }

  private current() {
    return this.result?.clusters[this.selected];
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = parseWebviewMessage(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        if (this.result || this.notice) this.post();
        else await this.refresh();
        return;
      case 'selectCluster':
        if (this.result && msg.index < this.result.clusters.length) {
          this.selected = msg.index;
          this.post();
        }
        return;
      case 'reveal':
        await this.reveal(msg.target);
        return;
      case 'copy': {
        const d = this.current()?.diagrams[msg.diagram];
        if (!d) return;
        await vscode.env.clipboard.writeText(d.mermaid);
        vscode.window.setStatusBarMessage('Mermaid source copied', 2500);
        return;
      }
      case 'save':
        await this.saveMarkdown();
        return;
    }
  }

  private async reveal(target: string): Promise<void> {
    const flow = this.current();
    const loc =
      flow && Object.prototype.hasOwnProperty.call(flow.model.targets, target) ? flow.model.targets[target] : undefined;
    if (!loc) return;
    const uri = vscode.Uri.parse(loc.uri);
    const range = new vscode.Range(
      loc.range.start.line,
      loc.range.start.character,
      loc.range.end.line,
      loc.range.end.character,
    );
    const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column =
      open?.viewColumn ??
      vscode.window.visibleTextEditors.find((e) => e.viewColumn !== this.panel?.viewColumn)?.viewColumn ??
      vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: column,
      selection: range,
      preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async saveMarkdown(): Promise<void> {
    const flow = this.current();
    const doc = this.doc;
    if (!flow || !doc) return;
    const slug =
      (flow.model.name ?? 'cluster')
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'cluster';
    const folder =
      doc.uri.scheme === 'file' ? vscode.Uri.joinPath(doc.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const defaultUri = folder ? vscode.Uri.joinPath(folder, `${slug}-replication-flow.md`) : undefined;
    const target = await vscode.window.showSaveDialog({
      defaultUri,
      filters: { Markdown: ['md'] },
      saveLabel: 'Save Mermaid as Markdown',
    });
    if (!target) return;
    const file = vscode.workspace.asRelativePath(vscode.Uri.parse(flow.model.uri), false);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(flowMarkdown(flow, file, 1)));
    const choice = await vscode.window.showInformationMessage(`Saved ${path.posix.basename(target.path)}.`, 'Open');
    if (choice) await vscode.window.showTextDocument(target);
  }
}

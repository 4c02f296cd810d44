// The `multusNetworks.flowAvailable` context key: true when the active editor's document has a
// replication flow to show (a CephCluster, or a NAD a cluster uses), as the server answers
// `multus/flowAvailable`. The editor title button "Show Replication Flow" appears only then.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FLOW_AVAILABLE_REQUEST } from '../../server/src/core/flow/protocol';

export const FLOW_CONTEXT_KEY = 'multusNetworks.flowAvailable';
const DELAY_MS = 300;

export interface FlowContext extends vscode.Disposable {
  /** Asks again soon (the server started, or the workspace changed). */
  refresh(): void;
  /** The value last set (undefined before the first answer). */
  readonly current: boolean | undefined;
}

export function registerFlowContext(client: () => BaseLanguageClient): FlowContext {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: vscode.CancellationTokenSource | undefined;
  let shown: boolean | undefined;
  const set = (value: boolean) => {
    if (value === shown) return;
    shown = value;
    void vscode.commands.executeCommand('setContext', FLOW_CONTEXT_KEY, value);
  };
  const update = async () => {
    timer = undefined;
    pending?.cancel();
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'yaml') return set(false);
    const c = client();
    if (!c.isRunning()) return;
    const source = (pending = new vscode.CancellationTokenSource());
    try {
      const available = await c.sendRequest<boolean>(FLOW_AVAILABLE_REQUEST, { uri: doc.uri.toString() }, source.token);
      if (!source.token.isCancellationRequested) set(available === true);
    } catch {
      // Cancelled, or the server is stopping: the next change asks again.
    } finally {
      source.dispose();
      if (pending === source) pending = undefined;
    }
  };
  let disposed = false;
  const schedule = () => {
    if (disposed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), DELAY_MS);
  };
  schedule();
  const subscriptions = [
    vscode.window.onDidChangeActiveTextEditor(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) schedule();
    }),
  ];
  return {
    refresh: schedule,
    get current() {
      return shown;
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      pending?.cancel();
      for (const s of subscriptions) s.dispose();
    },
  };
}

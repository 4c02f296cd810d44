// The language status item for YAML files (the {} in the status bar): files indexed, findings and
// the server's state, from the server's `multus/status` notification and the client's state;
// clicking it shows the "Multus Networks" output.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { STATUS_NOTIFICATION, type ServerStatus } from '../../server/src/lsp/statusProtocol';

export const STATUS_ITEM_ID = 'multusNetworks.status';

/** What the item shows, as pure data (tests read it through the extension's API). */
export interface StatusView {
  text: string;
  detail: string;
  severity: 'info' | 'warning' | 'error';
  busy: boolean;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function statusView(state: 'starting' | 'running' | 'stopped', status: ServerStatus | undefined): StatusView {
  if (state === 'stopped')
    return {
      text: '$(error) Multus: server stopped',
      detail: 'Run "Multus: Restart Language Server"; see the output for why',
      severity: 'error',
      busy: false,
    };
  if (state === 'starting' || !status)
    return {
      text: '$(sync~spin) Multus: starting',
      detail: 'The language server is starting',
      severity: 'info',
      busy: true,
    };
  const f = status.findings;
  const findings =
    f.error + f.warning + f.info === 0
      ? 'no findings'
      : [
          f.error ? plural(f.error, 'error') : '',
          f.warning ? plural(f.warning, 'warning') : '',
          f.info ? plural(f.info, 'note') : '',
        ]
          .filter(Boolean)
          .join(', ');
  const files = plural(status.files, 'YAML file');
  return {
    text: status.scanning ? `$(sync~spin) Multus: indexing, ${files}` : `$(check) Multus: ${files} indexed`,
    detail: `${findings} · server ${status.version} running${status.scanMs !== undefined ? `, scanned in ${status.scanMs} ms` : ''}`,
    severity: 'info',
    busy: status.scanning,
  };
}

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private state: 'starting' | 'running' | 'stopped' = 'starting';
  private status: ServerStatus | undefined;
  private clientDisposables: vscode.Disposable[] = [];
  view: StatusView = statusView('starting', undefined);

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem(STATUS_ITEM_ID, { language: 'yaml' });
    this.item.name = 'Multus Networks';
    this.item.command = { title: 'Show Output', command: 'multusNetworks.showOutput' };
    this.render();
  }

  /** Follows a (new) client: its state and its status notifications. */
  follow(client: BaseLanguageClient): void {
    for (const d of this.clientDisposables) d.dispose();
    this.status = undefined;
    this.state = client.state === State.Running ? 'running' : client.state === State.Stopped ? 'stopped' : 'starting';
    this.clientDisposables = [
      client.onDidChangeState((e) => {
        this.state = e.newState === State.Running ? 'running' : e.newState === State.Stopped ? 'stopped' : 'starting';
        this.render();
      }),
      client.onNotification(STATUS_NOTIFICATION, (s: ServerStatus) => {
        if (s && typeof s.files === 'number' && s.findings) {
          this.status = s;
          this.render();
        }
      }),
    ];
    this.render();
  }

  dispose(): void {
    for (const d of this.clientDisposables) d.dispose();
    this.item.dispose();
  }

  private render(): void {
    this.view = statusView(this.state, this.status);
    this.item.text = this.view.text;
    this.item.detail = this.view.detail;
    this.item.busy = this.view.busy;
    this.item.severity =
      this.view.severity === 'error'
        ? vscode.LanguageStatusSeverity.Error
        : this.view.severity === 'warning'
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  }
}

// A minimal LSP client for protocol-level tests: spawns the built server (dist/server.js) over
// stdio and speaks JSON-RPC with vscode-jsonrpc. Waits on notifications instead of sleeping.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  message: string;
  data?: unknown;
}

export interface Registration {
  id: string;
  method: string;
  registerOptions?: unknown;
}

export const SERVER_PATH = path.resolve(__dirname, '../../../dist/server.js');

export class TestLspClient {
  readonly conn: MessageConnection;
  private readonly proc: ChildProcess;
  private readonly diagnostics = new Map<string, { version?: number; diagnostics: LspDiagnostic[]; seq: number }>();
  private seq = 0;
  private waiters: (() => void)[] = [];
  readonly logs: string[] = [];
  /** Dynamic registrations the server asked for. */
  readonly registrations: Registration[] = [];
  /** window/showMessage messages. */
  readonly messages: string[] = [];

  constructor(serverPath = SERVER_PATH) {
    this.proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => this.logs.push(String(d)));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout!),
      new StreamMessageWriter(this.proc.stdin!),
    );
    this.conn.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: LspDiagnostic[] }) => {
        this.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics, seq: ++this.seq });
        const w = this.waiters;
        this.waiters = [];
        for (const f of w) f();
      },
    );
    this.conn.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.conn.onNotification('window/showMessage', (p: { message: string }) => this.messages.push(p.message));
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.listen();
  }

  settings: unknown = {};

  /** `capabilities` replaces the default client capabilities when a test needs specific ones. */
  async initialize(
    opts: {
      rootUri?: string;
      settings?: unknown;
      scanWorkspace?: boolean;
      configuration?: boolean;
      capabilities?: Record<string, unknown>;
      /** More initialization options (e.g. workspaceFiles: "client"). */
      initializationOptions?: Record<string, unknown>;
    } = {},
  ): Promise<unknown> {
    if (opts.settings) this.settings = opts.settings;
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: opts.rootUri ?? null,
      workspaceFolders: opts.rootUri ? [{ uri: opts.rootUri, name: 'ws' }] : null,
      capabilities: opts.capabilities ?? {
        workspace: { configuration: opts.configuration ?? true, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
        window: { workDoneProgress: true },
      },
      initializationOptions: {
        settings: opts.settings,
        scanWorkspace: opts.scanWorkspace ?? !!opts.rootUri,
        ...opts.initializationOptions,
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  }

  change(
    uri: string,
    version: number,
    changes: ({ text: string } | { range: LspDiagnostic['range']; text: string })[],
  ): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  latest(uri: string): LspDiagnostic[] | undefined {
    return this.diagnostics.get(uri)?.diagnostics;
  }

  /** Resolves with the first published diagnostics for `uri` that satisfy `pred` (checks the latest too). */
  async waitForDiagnostics(
    uri: string,
    pred: (d: LspDiagnostic[], version?: number) => boolean,
    timeoutMs = 10_000,
  ): Promise<LspDiagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cur = this.diagnostics.get(uri);
      if (cur && pred(cur.diagnostics, cur.version)) return cur.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for diagnostics of ${uri}; latest: ${JSON.stringify(cur?.diagnostics.map((d) => d.code))}\n${this.logs.join('\n')}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async shutdown(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // The process may already be gone.
    }
    this.conn.dispose();
    this.proc.kill();
  }
}

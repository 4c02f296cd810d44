// The language client: owns the language server's lifecycle. The server itself comes from the
// entry's factory: a Node process over IPC on the desktop (client/src/node/main.ts), a Web Worker
// in the browser (client/src/browser/main.ts). Crash handling is vscode-languageclient's default
// (restart up to 4 times in 3 minutes).
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { State } from 'vscode-languageclient';
import { WORKSPACE_FILES_OPTION } from '../../server/src/lsp/workspaceFilesProtocol';
import { adjustConfiguration } from './redHatYaml';
import { serveWorkspaceFiles } from './workspaceFiles';

/**
 * Creates the client of one server start. `web`: the server cannot read the workspace itself
 * (the client sends it the files); on the desktop it reads them from disk.
 */
export interface ServerFactory {
  readonly web: boolean;
  create(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
}

/** Also the settings prefix: the client reads `multusNetworks.trace.server` by this id. */
export const CLIENT_ID = 'multusNetworks';
export const CLIENT_NAME = 'Multus Networks';

/** What `activate` returns; integration tests use it to wait for the server. */
export interface MultusNetworksApi {
  /** The current client (a new one after `multusNetworks.restartServer`). */
  readonly client: BaseLanguageClient;
  /** Settles when the current client has started (or failed to start). */
  readonly ready: Promise<void>;
  /** What the language status item shows (integration tests read it). */
  readonly status?: import('./statusItem').StatusView;
  /** The multusNetworks.flowAvailable context key as last set (integration tests read it). */
  readonly flowAvailable?: boolean;
}

export class LanguageServerController implements MultusNetworksApi {
  private current: BaseLanguageClient;
  private starting: Promise<void>;
  private restarts: Promise<void> = Promise.resolve();
  private readonly clientListeners: ((client: BaseLanguageClient) => void)[] = [];

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
    private readonly factory: ServerFactory,
  ) {
    this.current = this.create();
    this.starting = this.start(this.current);
  }

  get client(): BaseLanguageClient {
    return this.current;
  }

  get ready(): Promise<void> {
    return this.starting;
  }

  /** Calls `listener` with the current client and with every client a restart creates. */
  onDidCreateClient(listener: (client: BaseLanguageClient) => void): void {
    this.clientListeners.push(listener);
    listener(this.current);
  }

  /** Stops the server and starts a fresh client, whatever state the old one was in. */
  restart(): Promise<void> {
    // One restart at a time; a second request runs after the first.
    const run = this.restarts.then(() => this.replaceClient());
    this.restarts = run.catch(() => undefined);
    return run;
  }

  /** Stops the server (after a pending start has settled). */
  async stop(): Promise<void> {
    await this.starting.catch(() => undefined);
    if (this.current.state === State.Running) await this.current.dispose();
  }

  private async replaceClient(): Promise<void> {
    try {
      await this.stop();
    } catch (err) {
      this.output.warn(`Stopping the language server failed: ${describe(err)}`);
    }
    this.current = this.create();
    for (const l of this.clientListeners) l(this.current);
    this.starting = this.start(this.current);
    await this.starting;
  }

  private create(): BaseLanguageClient {
    // Virtual workspaces (vscode.dev, github.dev, or a remote file system on the desktop): their
    // documents are checked too, and the client sends the server the workspace files
    // (client/src/workspaceFiles.ts), on the desktop whenever a folder is not on disk.
    const folders = vscode.workspace.workspaceFolders ?? [];
    const schemes = new Set(['file', 'untitled', ...folders.map((f) => f.uri.scheme)]);
    const clientFeed = this.factory.web || folders.some((f) => f.uri.scheme !== 'file');
    const clientOptions: LanguageClientOptions = {
      documentSelector: [...schemes].map((scheme) => ({ scheme, language: 'yaml' })),
      // File events: the server registers workspace/didChangeWatchedFiles itself (dynamically).
      synchronize: { configurationSection: 'multusNetworks' },
      // Log messages and (with multusNetworks.trace.server) the protocol trace go to one channel.
      outputChannel: this.output,
      initializationOptions: clientFeed ? { [WORKSPACE_FILES_OPTION]: 'client' } : undefined,
      // Beside Red Hat YAML, our yaml/syntax findings step back (multusNetworks.yamlSyntax).
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            return Array.isArray(result)
              ? result.map((v, i) => (params.items[i]?.section === CLIENT_ID ? adjustConfiguration(v) : v))
              : result;
          },
        },
      },
    };
    const client = this.factory.create(CLIENT_ID, CLIENT_NAME, clientOptions);
    serveWorkspaceFiles(client, (m) => this.output.info(m));
    return client;
  }

  private start(client: BaseLanguageClient): Promise<void> {
    const started = client.start();
    // Logged here; callers awaiting `ready` still see the rejection.
    started.catch((err) => this.output.error(`The language server did not start: ${describe(err)}`));
    return started;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

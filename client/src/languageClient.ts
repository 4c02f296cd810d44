// The language client: starts dist/server.js (a Node process, over IPC) and owns its lifecycle.
// Crash handling is vscode-languageclient's default (restart up to 4 times in 3 minutes).
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
// Node options for the server process, shared with the benchmark (8 MB semi-spaces: the young
// generation otherwise grows to 32 MB during the first scan and stays; no measurable time cost).
import SERVER_EXEC_ARGV from '../../server/execArgv.json';

/** Also the settings prefix: the client reads `multusNetworks.trace.server` by this id. */
export const CLIENT_ID = 'multusNetworks';
export const CLIENT_NAME = 'Multus Networks';

/** What `activate` returns; integration tests use it to wait for the server. */
export interface MultusNetworksApi {
  /** The current client (a new one after `multusNetworks.restartServer`). */
  readonly client: LanguageClient;
  /** Settles when the current client has started (or failed to start). */
  readonly ready: Promise<void>;
}

export class LanguageServerController implements MultusNetworksApi {
  private current: LanguageClient;
  private starting: Promise<void>;
  private restarts: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {
    this.current = this.create();
    this.starting = this.start(this.current);
  }

  get client(): LanguageClient {
    return this.current;
  }

  get ready(): Promise<void> {
    return this.starting;
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
    this.starting = this.start(this.current);
    await this.starting;
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
      debug: {
        module,
        transport: TransportKind.ipc,
        options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
      ],
      // File events: the server registers workspace/didChangeWatchedFiles itself (dynamically).
      synchronize: { configurationSection: 'multusNetworks' },
      // Log messages and (with multusNetworks.trace.server) the protocol trace go to one channel.
      outputChannel: this.output,
    };
    return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  }

  private start(client: LanguageClient): Promise<void> {
    const started = client.start();
    // Logged here; callers awaiting `ready` still see the rejection.
    started.catch((err) => this.output.error(`The language server did not start: ${describe(err)}`));
    return started;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

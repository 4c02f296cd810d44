// Web entry of the extension (package.json "browser": dist/web/client.js), for vscode.dev,
// github.dev and any browser-hosted VS Code: the language server runs in a Web Worker
// (dist/web/server.js) and the client sends it the workspace files (client/src/workspaceFiles.ts).
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { activateWith, deactivate } from '../extension';
import type { MultusNetworksApi } from '../languageClient';

type WorkerPort = ConstructorParameters<typeof LanguageClient>[3];
/** The browser's Worker (the project compiles without the DOM lib). */
declare const Worker: new (url: string) => WorkerPort & { terminate(): void };

/** A client that ends its worker when disposed (vscode-languageclient leaves it running). */
class WorkerLanguageClient extends LanguageClient {
  constructor(
    id: string,
    name: string,
    options: LanguageClientOptions,
    private readonly ownWorker: WorkerPort & { terminate(): void },
  ) {
    super(id, name, options, ownWorker);
  }

  override async dispose(timeout?: number): Promise<void> {
    try {
      await super.dispose(timeout);
    } finally {
      this.ownWorker.terminate();
    }
  }
}

export function activate(context: vscode.ExtensionContext): MultusNetworksApi {
  return activateWith(context, {
    web: true,
    create(id, name, clientOptions) {
      const main = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
      const worker = new Worker(main.toString(true));
      // A server that fails to load (or throws outside a request) says why: in the output channel
      // and the extension host's console.
      worker.addEventListener('error', (e: { message?: string }) => {
        const message = `The language server's Web Worker failed: ${e.message ?? 'unknown error'}`;
        (clientOptions.outputChannel as vscode.LogOutputChannel | undefined)?.error(message);
        console.error(`${name}: ${message}`);
      });
      return new WorkerLanguageClient(id, name, clientOptions, worker);
    },
  });
}

export { deactivate };

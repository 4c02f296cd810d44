// Desktop entry of the extension (package.json "main": dist/client.js): the language server is
// dist/server.js, a Node process over IPC that reads the workspace from disk.
import * as vscode from 'vscode';
import { ServerOptions, TransportKind } from 'vscode-languageclient/node';
// Node options for the server process, shared with the benchmark (8 MB semi-spaces: the young
// generation otherwise grows to 32 MB during the first scan and stays; no measurable time cost).
import SERVER_EXEC_ARGV from '../../../server/execArgv.json';
import { activateWith, deactivate } from '../extension';
import type { MultusNetworksApi } from '../languageClient';
import { QuietExitLanguageClient } from './quietClient';

export function activate(context: vscode.ExtensionContext): MultusNetworksApi {
  return activateWith(context, {
    web: false,
    create(id, name, clientOptions) {
      const module = context.asAbsolutePath('dist/server.js');
      const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
        debug: {
          module,
          transport: TransportKind.ipc,
          options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] },
        },
      };
      return new QuietExitLanguageClient(id, name, serverOptions, clientOptions);
    },
  });
}

export { deactivate };

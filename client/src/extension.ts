// The extension's activation, shared by its two entries (client/src/node/main.ts for the desktop,
// client/src/browser/main.ts for the web): creates the output channel, starts the language client
// with the entry's server factory, registers commands. No Node built-ins here.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { CLIENT_NAME, LanguageServerController, MultusNetworksApi, ServerFactory } from './languageClient';
import { registerPreview } from './preview/previewPanel';

let server: LanguageServerController | undefined;

export function activateWith(context: vscode.ExtensionContext, factory: ServerFactory): MultusNetworksApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  server = new LanguageServerController(context, output, factory);
  registerCommands(context, server);
  const controller = server;
  // A getter: the restart command replaces the client.
  context.subscriptions.push(...registerPreview(context, () => controller.client));
  // Getters, so that callers see the client of the latest restart.
  return {
    get client() {
      return controller.client;
    },
    get ready() {
      return controller.ready;
    },
  };
}

export async function deactivate(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.stop();
}

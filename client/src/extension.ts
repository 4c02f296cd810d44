// Extension entry: creates the output channel, starts the language client, registers commands.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { CLIENT_NAME, LanguageServerController, MultusNetworksApi } from './languageClient';
import { registerPreview } from './preview/previewPanel';

let server: LanguageServerController | undefined;

export function activate(context: vscode.ExtensionContext): MultusNetworksApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  server = new LanguageServerController(context, output);
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

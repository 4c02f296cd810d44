// The extension's activation, shared by its two entries (client/src/node/main.ts for the desktop,
// client/src/browser/main.ts for the web): creates the output channel, starts the language client
// with the entry's server factory, registers commands. No Node built-ins here.
import type * as vscode from 'vscode';
import { State } from 'vscode-languageclient';
import { registerCommands } from './commands';
import { registerFlowContext } from './flowContext';
import { createOutput } from './output';
import { contributeSchemas, watchRedHatYaml } from './redHatYaml';
import { StatusItem } from './statusItem';
import { CLIENT_NAME, LanguageServerController, MultusNetworksApi, ServerFactory } from './languageClient';
import { registerPreview } from './preview/previewPanel';

let server: LanguageServerController | undefined;
/** Disposed before the server stops, so that nothing sends it requests while it goes away. */
let beforeStop: vscode.Disposable[] = [];

export function activateWith(context: vscode.ExtensionContext, factory: ServerFactory): MultusNetworksApi {
  const output = createOutput(CLIENT_NAME);
  context.subscriptions.push(output);
  server = new LanguageServerController(context, output, factory);
  registerCommands(context, server);
  const controller = server;
  // Signs of life: the language status item, and the title button's context key.
  const status = new StatusItem();
  const flowContext = registerFlowContext(() => controller.client);
  context.subscriptions.push(status, flowContext);
  controller.onDidCreateClient((client) => {
    status.follow(client);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) flowContext.refresh();
    });
  });
  // Beside Red Hat YAML: our schemas in its validation, our yaml/syntax findings off (auto).
  context.subscriptions.push(watchRedHatYaml(() => controller.client, output));
  void contributeSchemas(output);
  // A getter: the restart command replaces the client.
  beforeStop = [flowContext];
  context.subscriptions.push(...registerPreview(context, () => controller.client, beforeStop));
  // Getters, so that callers see the client of the latest restart.
  return {
    get client() {
      return controller.client;
    },
    get ready() {
      return controller.ready;
    },
    get status() {
      return status.view;
    },
    get flowAvailable() {
      return flowContext.current;
    },
  };
}

export async function deactivate(): Promise<void> {
  const s = server;
  server = undefined;
  for (const d of beforeStop.splice(0)) d.dispose();
  await s?.stop();
}

// Commands contributed in package.json (except the preview's, registered by client/src/preview/).
import * as vscode from 'vscode';
import type { LanguageServerController } from './languageClient';

export function registerCommands(context: vscode.ExtensionContext, server: LanguageServerController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('multusNetworks.restartServer', async () => {
      server.output.info('Restarting the language server');
      try {
        await server.restart();
        server.output.info('Language server running');
      } catch {
        // Already logged by the controller; offer the log.
        const choice = await vscode.window.showErrorMessage(
          'Multus Networks: the language server did not start.',
          'Show Output',
        );
        if (choice) server.output.show(true);
      }
    }),
    vscode.commands.registerCommand('multusNetworks.showOutput', () => server.output.show(true)),
  );
}

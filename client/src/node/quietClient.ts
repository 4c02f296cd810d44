// The desktop language client, with one log line corrected: vscode-languageclient reports every
// exit of the server process at error level, so a clean stop (restart, reload) read
// "[Error] Server process exited with code 0". Exit code 0 is a normal stop: logged as info.
import { LanguageClient } from 'vscode-languageclient/node';

const CLEAN_EXIT = /^Server process exited with code 0\.?$/;

export class QuietExitLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    if (CLEAN_EXIT.test(message)) {
      this.info('The language server stopped.');
      return;
    }
    super.error(message, data, showNotification);
  }
}

// Node entry of the language server: builds the connection (IPC or stdio, chosen by the launcher's
// arguments), routes console output to the client, and keeps the process alive on stray errors.
// Workspace files come from the disk (node/diskFiles.ts) unless the client offers to send them
// (initializationOptions.workspaceFiles: "client", e.g. for a virtual file system).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ALL_CHECKS } from '../core/checks';
import { startServer } from '../lsp/server';
import { DiskFiles } from './diskFiles';

const connection = createConnection(ProposedFeatures.all);

console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});
process.on('uncaughtException', (err) => {
  connection.console.error(`Uncaught exception: ${err.stack ?? String(err)}`);
});

startServer(connection, ALL_CHECKS, () => new DiskFiles());

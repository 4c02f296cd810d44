// Web Worker entry of the language server (dist/web/server.js, started by the web extension's
// client): the same server as the Node one (lsp/server.ts), over the worker's message port, with
// the workspace files sent by the client (lsp/clientFiles.ts). No Node built-ins.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { ALL_CHECKS } from '../core/checks';
import { clientFeedOnly, startServer } from '../lsp/server';

/** The worker's global scope, as far as this entry uses it (the project compiles without the DOM lib). */
declare const self: {
  close(): void;
  addEventListener(
    type: 'unhandledrejection' | 'error',
    listener: (e: { reason?: unknown; error?: unknown; message?: string }) => void,
  ): void;
};
type Port = ConstructorParameters<typeof BrowserMessageReader>[0];

// setImmediate (the server yields to queued messages with it) is Node's; a message channel gives
// the same "after pending events" turn in a worker without setTimeout's clamping.
if (typeof globalThis.setImmediate !== 'function') {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  // The browser's MessagePort (the Node typings describe Node's).
  (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => queue.shift()?.();
  (globalThis as { setImmediate?: unknown }).setImmediate = (fn: (...a: unknown[]) => void, ...args: unknown[]) => {
    queue.push(() => fn(...args));
    channel.port2.postMessage(null);
  };
}

const connection = createConnection(
  new BrowserMessageReader(self as unknown as Port),
  new BrowserMessageWriter(self as unknown as Port),
);

console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

self.addEventListener('unhandledrejection', (e) => {
  const reason = e.reason;
  connection.console.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});
self.addEventListener('error', (e) => {
  connection.console.error(`Uncaught exception: ${e.error instanceof Error ? e.error.stack : e.message}`);
});

startServer(connection, ALL_CHECKS, clientFeedOnly);
// After shutdown and exit the worker ends itself (a Node server's process exits).
connection.onExit(() => self.close());

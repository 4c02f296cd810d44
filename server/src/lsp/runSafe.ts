// Request handlers that cannot take the server down or spam the user: a handler that throws is
// logged (with its stack) and answers an empty result; a request the client cancelled before or
// while it ran answers RequestCancelled instead of a stale result. `safeConnection` applies this
// to every request handler a feature registers, so features need not remember to.
import { CancellationToken, Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

export type Log = (message: string) => void;

const isToken = (x: unknown): x is CancellationToken =>
  !!x &&
  typeof x === 'object' &&
  typeof (x as CancellationToken).isCancellationRequested === 'boolean' &&
  typeof (x as CancellationToken).onCancellationRequested === 'function';

const cancelled = () => new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');

export function describeError(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/**
 * Wraps a request handler. The cancellation token is found among its arguments (LSP handlers get
 * it second, star handlers third). `fallback` computes the answer after a failure (null unless
 * given; resolve requests must answer their item). ResponseErrors thrown on purpose (e.g. a
 * refused rename) pass through unchanged.
 */
export function runSafe<A extends unknown[], R>(
  log: Log,
  name: string,
  handler: (...args: A) => R | PromiseLike<R>,
  fallback: (...args: A) => unknown = () => null,
): (...args: A) => Promise<R | ResponseError<void> | unknown> {
  return (...args: A) =>
    new Promise((resolve) => {
      const token = args.find(isToken);
      // One turn of the event loop first: a $/cancelRequest already queued behind this request
      // (the user kept typing) is then seen before any work is done.
      setImmediate(() => {
        if (token?.isCancellationRequested) {
          resolve(cancelled());
          return;
        }
        const failed = (err: unknown) => {
          if (err instanceof ResponseError) {
            resolve(err);
            return;
          }
          log(`${name} failed: ${describeError(err)}`);
          try {
            resolve(fallback(...args));
          } catch {
            resolve(null);
          }
        };
        try {
          Promise.resolve(handler(...args)).then(
            (result) => resolve(token?.isCancellationRequested ? cancelled() : result),
            failed,
          );
        } catch (err) {
          failed(err);
        }
      });
    });
}

/** Connection methods that register request handlers (notifications are contained by vscode-jsonrpc). */
const REQUEST_REGISTRATIONS = new Set([
  'onRequest',
  'onHover',
  'onCompletion',
  'onCompletionResolve',
  'onSignatureHelp',
  'onDeclaration',
  'onDefinition',
  'onTypeDefinition',
  'onImplementation',
  'onReferences',
  'onDocumentHighlight',
  'onDocumentSymbol',
  'onWorkspaceSymbol',
  'onWorkspaceSymbolResolve',
  'onCodeAction',
  'onCodeActionResolve',
  'onCodeLens',
  'onCodeLensResolve',
  'onDocumentFormatting',
  'onDocumentRangeFormatting',
  'onDocumentOnTypeFormatting',
  'onRenameRequest',
  'onPrepareRename',
  'onDocumentLinks',
  'onDocumentLinkResolve',
  'onDocumentColor',
  'onColorPresentation',
  'onFoldingRanges',
  'onSelectionRanges',
  'onExecuteCommand',
  'onWillSaveTextDocumentWaitUntil',
]);

/** Resolve requests answer the item they were given when resolving it failed. */
const echoFirst = (...args: unknown[]) => args[0];

/**
 * The connection as features should see it: every request handler registered through it (the
 * methods above; `connection.languages.*` is not covered) runs under runSafe, logging through
 * `connection.console.error`. Everything else is the connection itself.
 */
export function safeConnection(connection: Connection): Connection {
  const log: Log = (m) => connection.console.error(m);
  return new Proxy(connection, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const name = String(prop);
      if (!REQUEST_REGISTRATIONS.has(name)) return (value as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        const label =
          name === 'onRequest' && args.length > 1
            ? `Request ${typeof args[0] === 'string' ? args[0] : ((args[0] as { method?: string })?.method ?? '?')}`
            : name;
        const fallback = name.endsWith('Resolve') ? echoFirst : undefined;
        const wrapped = args.map((a) =>
          typeof a === 'function' ? runSafe(log, label, a as (...x: unknown[]) => unknown, fallback) : a,
        );
        return (value as (...a: unknown[]) => unknown).apply(target, wrapped);
      };
    },
  });
}

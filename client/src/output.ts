// The "Multus Networks" output channel, guarded: once disposed (the extension host disposes it on
// window reload, possibly before the language client has finished stopping), further writes are
// dropped instead of throwing "Channel has been closed" into the extension host log.
import * as vscode from 'vscode';

const WRITES = new Set(['append', 'appendLine', 'replace', 'clear', 'show', 'trace', 'debug', 'info', 'warn', 'error']);

export function createOutput(name: string): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  let disposed = false;
  return new Proxy(channel, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'dispose')
        return () => {
          disposed = true;
          target.dispose();
        };
      if (typeof prop === 'string' && WRITES.has(prop))
        return (...args: unknown[]) => {
          if (disposed) return;
          try {
            (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch {
            // Disposed underneath us (the host tore it down first): nothing left to write to.
            disposed = true;
          }
        };
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

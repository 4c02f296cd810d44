// Messages between the preview webview and the extension. The webview is treated as untrusted:
// everything it sends is checked here, and it can only name things the extension already holds
// (a click target id of the shown cluster, a diagram index, a cluster index).
import type { PreviewState } from './html';

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; target: string }
  | { type: 'copy'; diagram: number }
  | { type: 'save' }
  | { type: 'selectCluster'; index: number };

export type ExtensionMessage = { type: 'update'; state: PreviewState };

const TARGET_RE = /^[A-Za-z0-9_]{1,64}$/;
const MAX_INDEX = 10_000;

const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < MAX_INDEX;

/** The message, or undefined when it is not one the webview may send. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'save':
      return { type: 'save' };
    case 'reveal':
      return typeof m.target === 'string' && TARGET_RE.test(m.target)
        ? { type: 'reveal', target: m.target }
        : undefined;
    case 'copy':
      return isIndex(m.diagram) ? { type: 'copy', diagram: m.diagram } : undefined;
    case 'selectCluster':
      return isIndex(m.index) ? { type: 'selectCluster', index: m.index } : undefined;
    default:
      return undefined;
  }
}

/** What a restored panel remembers (vscode.setState in the webview); undefined when unusable. */
export function restoredStateFrom(raw: unknown): { uri: string; selected: number } | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const s = raw as Record<string, unknown>;
  if (typeof s.uri !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(s.uri)) return undefined;
  return { uri: s.uri, selected: isIndex(s.selected) ? s.selected : 0 };
}

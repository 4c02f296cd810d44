// The preview webview's HTML and the state it renders, as pure functions (no `vscode` import), so
// tests and the headless render run them as the extension does.
import { randomBytes } from 'node:crypto';
import type { FlowResult } from '../../../server/src/core/flow/protocol';
import type { DiagramKind, FlowSeverity } from '../../../server/src/core/flow/model';

export interface PreviewDiagram {
  kind: DiagramKind;
  title: string;
  mermaid: string;
  /** Mermaid node / participant id -> click target id. */
  nodes: Record<string, string>;
  /** Rendered label line -> click target id. */
  texts: [string, string][];
}

/** What the webview draws; everything it may send back is an index or a target id from here. */
export interface PreviewState {
  /** The document the preview follows (kept by the webview for restoring the panel). */
  uri: string;
  /** Its file name, for the header. */
  document: string;
  /** One entry per cluster, for the picker. */
  clusters: string[];
  selected: number;
  /** True when the document has no cluster and these are the clusters using its NADs. */
  related: boolean;
  problems: { severity: FlowSeverity; message: string; target?: string }[];
  diagrams: PreviewDiagram[];
  /** Shown instead of diagrams (no cluster, server not ready, request failed). */
  notice?: string;
}

export interface PreviewHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce for each HTML render (createNonce()). */
  nonce: string;
  /** Webview URIs of the bundled Mermaid IIFE, media/preview.js and media/preview.css. */
  mermaidUri: string;
  scriptUri: string;
  styleUri: string;
  /** State to render at once, before any message arrives (the headless render uses it). */
  initialState?: PreviewState;
  /** Body classes, for rendering outside VS Code (which sets vscode-dark / vscode-light itself). */
  bodyClass?: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Mermaid puts a <style> element and style attributes in its SVG.
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** JSON for a `<script type="application/json">` block: no `<`, `>`, `&` or line separators in the text. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value ?? null).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const NONCE_RE = /^[A-Za-z0-9+/=_-]{16,}$/;

export function buildPreviewHtml(opts: PreviewHtmlOptions): string {
  if (!NONCE_RE.test(opts.nonce)) throw new Error('buildPreviewHtml: the nonce must be at least 16 base64 characters');
  const csp = contentSecurityPolicy(opts.cspSource, opts.nonce);
  const bodyClass = (opts.bodyClass ?? '').replace(/[^A-Za-z0-9 _-]/g, '');
  const nonce = escapeHtml(opts.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">
<title>Replication flow</title>
</head>
<body${bodyClass ? ` class="${bodyClass}"` : ''}>
<header class="toolbar">
<span id="document" class="document"></span>
<label id="cluster-label" class="cluster-label" hidden>CephCluster <select id="cluster"></select></label>
<span class="spacer"></span>
<button id="save" type="button" disabled>Save as Markdown</button>
</header>
<p id="notice" class="notice" hidden></p>
<ul id="problems" class="problems" hidden></ul>
<main id="diagrams" aria-live="polite"></main>
<script type="application/json" id="initial-state">${scriptJson(opts.initialState ?? null)}</script>
<script nonce="${nonce}" src="${escapeHtml(opts.mermaidUri)}"></script>
<script nonce="${nonce}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>
`;
}

/** The webview state for a `multus/flow` answer, showing cluster `selected` (clamped). */
export function toPreviewState(
  result: FlowResult | null | undefined,
  uri: string,
  documentName: string,
  selected: number,
  notice?: string,
): PreviewState {
  const clusters = result?.clusters ?? [];
  const index = clusters.length ? Math.max(0, Math.min(clusters.length - 1, Math.trunc(selected) || 0)) : 0;
  const flow = clusters[index];
  const state: PreviewState = {
    uri,
    document: documentName,
    clusters: clusters.map((c) => c.title),
    selected: index,
    related: !!result?.related,
    problems: flow
      ? flow.model.problems.map((p) => ({
          severity: p.severity,
          message: p.message,
          ...(p.target ? { target: p.target } : {}),
        }))
      : [],
    diagrams: flow
      ? flow.diagrams.map((d) => ({ kind: d.kind, title: d.title, mermaid: d.mermaid, nodes: d.nodes, texts: d.texts }))
      : [],
  };
  const text =
    notice ??
    (flow
      ? result?.related
        ? `This file defines no CephCluster; showing the clusters that use its NADs.`
        : undefined
      : 'No CephCluster (or cephClusterSpec) in this file, and no cluster uses a NAD of it.');
  if (text) state.notice = text;
  return state;
}

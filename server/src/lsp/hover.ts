// LSP glue for hover (core: core/features/hover.ts).
import { Hover, MarkupKind } from 'vscode-languageserver';
import { hoverAt } from '../core/features/hover';
import { toRange } from './convert';
import type { FeatureRegistration } from './context';

export const registerHover: FeatureRegistration = (ctx) => {
  ctx.connection.onHover((p): Hover | null => {
    const lines = ctx.lineIndex(p.textDocument.uri);
    if (!lines) return null;
    const h = hoverAt(ctx.workspace, p.textDocument.uri, lines.offsetAt(p.position));
    return h
      ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(lines, h.start, h.end) }
      : null;
  });
  return { hoverProvider: true };
};

// LSP glue for completion (core: core/features/completion.ts).
import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  MarkupKind,
} from 'vscode-languageserver';
import { CompletionItemCore, completionsAt } from '../core/features/completion';
import { toRange } from './convert';
import type { FeatureRegistration } from './context';

const KIND: Record<CompletionItemCore['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
};

export const registerCompletion: FeatureRegistration = (ctx, params) => {
  const snippets = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
  ctx.connection.onCompletion((p): CompletionList | null => {
    const uri = p.textDocument.uri;
    const lines = ctx.lineIndex(uri);
    if (!lines) return null;
    const items = completionsAt(ctx.workspace, uri, lines.offsetAt(p.position));
    if (!items.length) return null;
    return {
      isIncomplete: false,
      items: items.map((it): CompletionItem => {
        const plain = it.snippet && !snippets ? stripTabStops(it.insertText) : it.insertText;
        return {
          label: it.label,
          kind: KIND[it.kind],
          ...(it.detail ? { detail: it.detail } : {}),
          ...(it.documentation ? { documentation: { kind: MarkupKind.Markdown, value: it.documentation } } : {}),
          textEdit: { range: toRange(lines, it.start, it.end), newText: plain },
          insertTextFormat: it.snippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          ...(it.filterText ? { filterText: it.filterText } : {}),
          ...(it.sortText ? { sortText: it.sortText } : {}),
          ...(it.preselect ? { preselect: true } : {}),
          ...(it.additionalEdits
            ? {
                additionalTextEdits: it.additionalEdits.map((e) => ({
                  range: toRange(lines, e.start, e.end),
                  newText: e.newText,
                })),
              }
            : {}),
        };
      }),
    };
  });
  return { completionProvider: { triggerCharacters: ['"', ':', '/', ' ', ','] } };
};

/** Snippet text as plain text: tab stops become their default or first choice. */
function stripTabStops(s: string): string {
  return s
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}|,])/g, '$1');
}

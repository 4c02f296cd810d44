// LSP glue for go to definition (core: core/features/definition.ts).
import type { Location } from 'vscode-languageserver';
import { definitionAt } from '../core/features/definition';
import type { SpanIn } from '../core/index/symbolAt';
import { toRange } from './convert';
import type { FeatureRegistration, ServerContext } from './context';

export function toLocations(ctx: ServerContext, spans: SpanIn[]): Location[] {
  return spans.flatMap((s) => {
    const lines = ctx.lineIndex(s.uri);
    return lines ? [{ uri: s.uri, range: toRange(lines, s.start, s.end) }] : [];
  });
}

export const registerDefinition: FeatureRegistration = (ctx) => {
  ctx.connection.onDefinition((params) => {
    const lines = ctx.lineIndex(params.textDocument.uri);
    if (!lines) return null;
    return toLocations(ctx, definitionAt(ctx.workspace, params.textDocument.uri, lines.offsetAt(params.position)));
  });
  return { definitionProvider: true };
};

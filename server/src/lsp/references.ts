// LSP glue for find references (core: core/features/references.ts).
import { referencesAt } from '../core/features/references';
import { toLocations } from './definition';
import type { FeatureRegistration } from './context';

export const registerReferences: FeatureRegistration = (ctx) => {
  ctx.connection.onReferences((params) => {
    const lines = ctx.lineIndex(params.textDocument.uri);
    if (!lines) return null;
    const spans = referencesAt(
      ctx.workspace,
      params.textDocument.uri,
      lines.offsetAt(params.position),
      !!params.context?.includeDeclaration,
    );
    return toLocations(ctx, spans);
  });
  return { referencesProvider: true };
};

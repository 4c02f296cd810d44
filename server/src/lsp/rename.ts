// LSP glue for rename (core: core/features/rename.ts). Refusals become ResponseErrors whose message
// the editor shows.
import { ErrorCodes, ResponseError, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { prepareRename, RenameError, renameEdits } from '../core/features/rename';
import { toRange } from './convert';
import type { FeatureRegistration } from './context';

function asResponseError(err: unknown): never {
  if (err instanceof RenameError)
    throw new ResponseError(
      err.reason === 'invalid-name' ? ErrorCodes.InvalidParams : ErrorCodes.InvalidRequest,
      err.message,
    );
  throw err;
}

export const registerRename: FeatureRegistration = (ctx, params) => {
  const prepareSupport = !!params.capabilities.textDocument?.rename?.prepareSupport;
  ctx.connection.onPrepareRename((p) => {
    const lines = ctx.lineIndex(p.textDocument.uri);
    if (!lines) return null;
    try {
      const r = prepareRename(ctx.workspace, p.textDocument.uri, lines.offsetAt(p.position));
      return { range: toRange(lines, r.start, r.end), placeholder: r.placeholder };
    } catch (err) {
      return asResponseError(err);
    }
  });
  ctx.connection.onRenameRequest((p): WorkspaceEdit | null => {
    const lines = ctx.lineIndex(p.textDocument.uri);
    if (!lines) return null;
    let edits;
    try {
      edits = renameEdits(ctx.workspace, p.textDocument.uri, lines.offsetAt(p.position), p.newName);
    } catch (err) {
      return asResponseError(err);
    }
    const changes: Record<string, TextEdit[]> = {};
    for (const [uri, list] of edits) {
      const li = ctx.lineIndex(uri);
      if (li) changes[uri] = list.map((e) => ({ range: toRange(li, e.start, e.end), newText: e.newText }));
    }
    return { changes };
  });
  return { renameProvider: prepareSupport ? { prepareProvider: true } : true };
};

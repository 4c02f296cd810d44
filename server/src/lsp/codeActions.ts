// LSP glue for code actions (core: core/features/codeActions.ts): quick fixes, spec.config layout
// refactorings and the "fix all" source action. New files ("create this NAD") need a client that
// supports resource operations in workspace edits; where the client can show documents
// (window/showDocument), the action's command opens the new file once the edit is applied.
import {
  CodeAction,
  CodeActionKind,
  CodeActionTriggerKind,
  CreateFile,
  Diagnostic,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { codeActions, Fix, FIX_ALL_KIND } from '../core/features/codeActions';
import { DIAGNOSTIC_SOURCE } from '../core/product';
import { toDiagnostic, toRange } from './convert';
import type { FeatureRegistration, ServerContext } from './context';

const KINDS: Record<string, string> = {
  quickfix: CodeActionKind.QuickFix,
  'refactor.rewrite': CodeActionKind.RefactorRewrite,
  [FIX_ALL_KIND]: FIX_ALL_KIND,
};

function exists(ctx: ServerContext, uri: string): boolean {
  if (ctx.workspace.get(uri) || ctx.documents.get(uri)) return true;
  try {
    return ctx.files.exists(uri);
  } catch {
    return false;
  }
}

function workspaceEdit(ctx: ServerContext, fix: Fix, documentChanges: boolean): WorkspaceEdit | undefined {
  const textEdits = (uri: string): TextEdit[] | undefined => {
    const lines = ctx.lineIndex(uri);
    const list = fix.change.edits.get(uri) ?? [];
    return lines ? list.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText })) : undefined;
  };
  if (!fix.change.creates.length && !documentChanges) {
    const changes: Record<string, TextEdit[]> = {};
    for (const uri of fix.change.edits.keys()) {
      const list = textEdits(uri);
      if (!list) return undefined;
      changes[uri] = list;
    }
    return { changes };
  }
  if (!documentChanges) return undefined;
  const out: (TextDocumentEdit | CreateFile)[] = [];
  for (const uri of fix.change.edits.keys()) {
    const list = textEdits(uri);
    if (!list) return undefined;
    out.push(TextDocumentEdit.create({ uri, version: ctx.documents.get(uri)?.version ?? null }, list));
  }
  for (const c of fix.change.creates) {
    out.push(CreateFile.create(c.uri, { overwrite: false, ignoreIfExists: false }));
    out.push(
      TextDocumentEdit.create({ uri: c.uri, version: null }, [TextEdit.insert({ line: 0, character: 0 }, c.text)]),
    );
  }
  return { documentChanges: out };
}

/** Runs after a fix that creates a file: shows it (executed by the server, so every client can use it). */
export const OPEN_FILE_COMMAND = 'multusNetworks.openCreatedFile';

export const registerCodeActions: FeatureRegistration = (ctx, params) => {
  const canShow = !!params.capabilities.window?.showDocument?.support;
  ctx.connection.onExecuteCommand(async (p) => {
    const uri = p.arguments?.[0];
    if (p.command !== OPEN_FILE_COMMAND || typeof uri !== 'string' || !canShow) return null;
    await ctx.connection.window.showDocument({ uri, takeFocus: true });
    return null;
  });
  const we = params.capabilities.workspace?.workspaceEdit;
  const documentChanges = !!we?.documentChanges;
  const canCreate = documentChanges && !!we?.resourceOperations?.includes('create');
  ctx.connection.onCodeAction((p): CodeAction[] | null => {
    const uri = p.textDocument.uri;
    const analysis = ctx.analysis(uri);
    const lines = ctx.lineIndex(uri);
    if (!analysis || !lines) return null;
    const sent = p.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
    const offsets = (d: Diagnostic) => ({
      code: String(d.code),
      start: lines.offsetAt(d.range.start),
      end: lines.offsetAt(d.range.end),
    });
    const fixes = codeActions(
      ctx.workspace,
      uri,
      {
        start: lines.offsetAt(p.range.start),
        end: lines.offsetAt(p.range.end),
        only: p.context.only,
        trigger: p.context.triggerKind === CodeActionTriggerKind.Automatic ? 'automatic' : 'invoked',
        diagnostics: sent.length ? sent.map(offsets) : undefined,
      },
      (u) => exists(ctx, u),
      ctx.folders,
    );
    const out: CodeAction[] = [];
    for (const fix of fixes) {
      if (fix.change.creates.length && !canCreate) continue;
      const edit = workspaceEdit(ctx, fix, documentChanges && fix.change.creates.length > 0);
      if (!edit) continue;
      const action: CodeAction = { title: fix.title, kind: KINDS[fix.kind] ?? fix.kind, edit };
      if (fix.problem) {
        const p0 = fix.problem;
        const match = sent.find(
          (d) =>
            d.code === p0.code && lines.offsetAt(d.range.start) === p0.start && lines.offsetAt(d.range.end) === p0.end,
        );
        action.diagnostics = [match ?? toDiagnostic(p0, analysis, ctx.lineIndex)];
      }
      if (fix.isPreferred) action.isPreferred = true;
      if (fix.open && canShow)
        action.command = { title: 'Open the new file', command: OPEN_FILE_COMMAND, arguments: [fix.open] };
      out.push(action);
    }
    return out;
  });
  return {
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
    executeCommandProvider: { commands: [OPEN_FILE_COMMAND] },
  };
};

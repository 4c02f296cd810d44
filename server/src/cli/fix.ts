// `check --fix`: applies every preferred, safe quick fix in place (the same "fix all" as the editor's
// source action), says what it changed, and leaves the report of what is left to `check`. With
// --unsafe-fixes also the preferred fixes that change meaning (one did-you-mean candidate).
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyEdits, toSourceEdits } from '../core/edits';
import { fixAll } from '../core/features/codeActions';
import type { Workspace } from '../core/workspace';
import { displayPath } from './load';

export interface FixSummary {
  files: number;
  fixes: number;
  /** Fixes --unsafe-fixes would also apply (counted when it was not given). */
  unsafe: number;
}

/** Fixes every file of the workspace on disk; `log` gets one line per fix. */
export function applyFixes(
  workspace: Workspace,
  base: string,
  log: (s: string) => void,
  options: { unsafe?: boolean } = {},
): FixSummary {
  const summary: FixSummary = { files: 0, fixes: 0, unsafe: 0 };
  for (const uri of [...workspace.uris()].sort()) {
    const analysis = workspace.get(uri);
    if (!analysis || !uri.startsWith('file:')) continue;
    const result = fixAll(workspace, uri, { unsafe: options.unsafe });
    if (!result.edit || !result.applied.length) continue;
    const text = applyEdits(analysis.source, toSourceEdits(analysis, [result.edit]));
    if (text === analysis.source) continue;
    const file = fileURLToPath(uri);
    const rel = displayPath(file, base);
    try {
      fs.writeFileSync(file, text, 'utf8');
    } catch (err) {
      log(`multus-networks: cannot write ${rel}: ${(err as Error).message}\n`);
      continue;
    }
    for (const a of result.applied) log(`${rel}:${a.line + 1}: fixed ${a.code}: ${a.title}\n`);
    summary.files++;
    summary.fixes += result.applied.length;
    workspace.setFile(uri, text, { retainParse: false });
  }
  if (!options.unsafe)
    for (const uri of workspace.uris())
      if (uri.startsWith('file:')) summary.unsafe += fixAll(workspace, uri, { unsafe: true }).applied.length;
  const done = summary.fixes
    ? `Fixed ${summary.fixes} problem${summary.fixes === 1 ? '' : 's'} in ${summary.files} file${summary.files === 1 ? '' : 's'}.`
    : 'Nothing to fix automatically.';
  const hidden = summary.unsafe
    ? ` ${summary.unsafe} more fix${summary.unsafe === 1 ? '' : 'es'} (changing meaning: one did-you-mean candidate each) with --unsafe-fixes.`
    : '';
  log(`${done}${hidden}\n\n`);
  return summary;
}

// Code actions: quick fixes for the problems at a range (one preferred per problem where one fix is
// clearly right), layout refactorings of spec.config, and "fix all" — every preferred, safe fix of
// a file applied together, round after round until nothing safe is left. Shared by the language
// server and `check --fix`. Edits are offsets into the analysis text.
import { touchesUnknown } from '../text/unknown';
import { analyzeFile, FileAnalysis, finalizeProblems } from '../analyze';
import { applyEdits, TextEdit } from '../edits';
import type { Problem, RuleId } from '../types';
import type { Workspace } from '../workspace';
import { parseYamlFile } from '../yaml/yamlFile';
import { CNI_FIXES } from './fixes/cniFixes';
import { jsonSyntaxFixes } from './fixes/jsonSyntax';
import { diffEdit } from './fixes/jsonEdits';
import { LAYOUT_FIXES, layoutRefactors } from './fixes/layoutFixes';
import { CONFIG_FIXES } from './fixes/configFixes';
import { ROOK_FIXES } from './fixes/rookFixes';
import type { Fix, FixContext, FixProvider } from './fixes/types';

export type { Fix, FixContext } from './fixes/types';

export const FIX_ALL_KIND = 'source.fixAll.multus-networks' as const;

const PROVIDERS: Partial<Record<RuleId, FixProvider>> = {
  'json/syntax': jsonSyntaxFixes,
  ...CNI_FIXES,
  ...LAYOUT_FIXES,
  ...ROOK_FIXES,
  ...CONFIG_FIXES,
};

/** Rule ids that have at least one quick fix. */
export const FIXABLE_RULES: readonly RuleId[] = (Object.keys(PROVIDERS) as RuleId[]).sort();

/** Every fix for one problem; a failing provider yields none (a fix must never take the server down). */
export function fixesFor(ctx: FixContext, problem: Problem): Fix[] {
  const provider = PROVIDERS[problem.code];
  if (!provider) return [];
  try {
    // In a templated file the parse saw masked template actions: an edit over one would write the
    // mask into the user's file, so such fixes are not offered.
    // Nor where the checker read YAML from inside a string (Argo CD helm.values).
    const actions = [...(ctx.analysis.actions ?? []), ...(ctx.analysis.objects.noFix ?? [])].sort(
      (a, b) => a[0] - b[0],
    );
    const fixes = provider(ctx, problem).filter(
      (f) =>
        !actions?.length ||
        [...f.change.edits.values()].every((edits) => edits.every((e) => !touchesUnknown(actions, e.start, e.end))),
    );
    // At most one preferred fix per problem.
    let preferred = false;
    for (const f of fixes) {
      if (f.isPreferred && preferred) f.isPreferred = f.safe = false;
      if (f.isPreferred) preferred = true;
    }
    return fixes;
  } catch {
    return [];
  }
}

export interface CodeActionQuery {
  /** Offsets into the analysis text. */
  start: number;
  end: number;
  /** Requested kinds (LSP `only`); all but fix-all when absent. */
  only?: string[];
  /** The diagnostics the client sent, as code + offsets; when given, only their problems are fixed. */
  diagnostics?: { code: string; start: number; end: number }[];
  /**
   * 'invoked' when the user asked for code actions (the refactor menu, Ctrl+.), 'automatic' when the
   * editor asks on its own (the lightbulb on every cursor move). Refactorings are offered only when
   * invoked or requested by kind, so that a valid spec.config shows no lightbulb.
   */
  trigger?: 'invoked' | 'automatic';
}

const wants = (only: string[] | undefined, kind: string, byDefault: boolean) =>
  only === undefined ? byDefault : only.some((k) => kind === k || kind.startsWith(`${k}.`));

export function codeActions(
  workspace: Workspace,
  uri: string,
  query: CodeActionQuery,
  exists?: (uri: string) => boolean,
  roots?: string[],
): Fix[] {
  const analysis = workspace.get(uri);
  if (!analysis) return [];
  const ctx: FixContext = { uri, analysis, workspace, exists, roots };
  const out: Fix[] = [];
  if (wants(query.only, 'quickfix', true)) {
    const sent = query.diagnostics;
    const problems = workspace
      .problemsFor(uri)
      .filter((p) =>
        sent?.length
          ? sent.some((d) => d.code === p.code && d.start === p.start && d.end === p.end)
          : p.start <= query.end && query.start <= p.end,
      );
    for (const p of problems) out.push(...fixesFor(ctx, p));
    // More than one safe fix in the file: "fix all" in the quick-fix menu too, not only as a source action.
    if (out.some((f) => f.isPreferred && f.safe)) {
      const all = fixAll(workspace, uri);
      if (all.applied.length > 1 && all.edit)
        out.push({
          title: `Fix all safe Multus problems in this file (${all.applied.length})`,
          kind: 'quickfix',
          change: { edits: new Map([[uri, [all.edit]]]), creates: [] },
        });
    }
  }
  const refactorAsked =
    query.only !== undefined ? wants(query.only, 'refactor.rewrite', false) : query.trigger !== 'automatic';
  if (refactorAsked) out.push(...layoutRefactors(ctx, query.start, query.end));
  if (wants(query.only, FIX_ALL_KIND, false)) {
    const all = fixAll(workspace, uri);
    if (all.applied.length && all.edit) {
      out.push({
        title: `Fix all safe Multus problems (${all.applied.length})`,
        kind: FIX_ALL_KIND,
        change: { edits: new Map([[uri, [all.edit]]]), creates: [] },
      });
    }
  }
  return out;
}

export interface AppliedFix {
  code: string;
  title: string;
  /** 0-based line of the problem in the text of the round that fixed it. */
  line: number;
}

export interface FixAllResult {
  /** The analysis text after every round. */
  text: string;
  /** One edit turning the analysis text into `text` (undefined when nothing changed). */
  edit?: TextEdit;
  applied: AppliedFix[];
}

export interface FixAllOptions {
  /**
   * Also apply preferred fixes that are not safe: they change meaning but are the one candidate
   * (a did-you-mean field, enum value or plugin type). The CLI's --unsafe-fixes; never the editor's fix-all.
   */
  unsafe?: boolean;
}

/**
 * Applies every preferred, safe, single-file fix of a file, in rounds: the fixes of one round are
 * computed on the same text and applied together when they do not overlap; then the file is
 * analysed again (file-local problems; cross-file ones are fixed in the first round) and the next
 * round runs, until no fix is left or ten rounds have run.
 */
export function fixAll(workspace: Workspace, uri: string, options: FixAllOptions = {}): FixAllResult {
  const start = workspace.get(uri);
  if (!start) return { text: '', applied: [] };
  const settings = workspace.settingsFor(uri);
  let analysis: FileAnalysis = start;
  let problems = workspace.problemsFor(uri);
  const applied: AppliedFix[] = [];
  const seen = new Set<string>([analysis.text]);
  for (let round = 0; round < 10; round++) {
    const ctx: FixContext = { uri, analysis, workspace: round === 0 ? workspace : undefined };
    const chosen: { fix: Fix; edits: TextEdit[]; problem: Problem }[] = [];
    for (const p of problems) {
      const fix = fixesFor(ctx, p).find(
        (f) =>
          f.isPreferred &&
          (f.safe || options.unsafe) &&
          !f.change.creates.length &&
          [...f.change.edits.keys()].every((u) => u === uri),
      );
      const edits = fix?.change.edits.get(uri);
      if (!fix || !edits?.length) continue;
      if (chosen.some((c) => overlaps(c.edits, edits))) continue;
      chosen.push({ fix, edits, problem: p });
    }
    if (!chosen.length) break;
    let next = applyEdits(
      analysis.text,
      chosen.flatMap((c) => c.edits),
    );
    // Fixes verified one by one could still interfere; then this round applies only the first.
    if (chosen.length > 1 && yamlErrors(next) > yamlErrors(analysis.text)) {
      chosen.length = 1;
      next = applyEdits(analysis.text, chosen[0].edits);
    }
    if (seen.has(next)) break;
    seen.add(next);
    for (const c of chosen)
      applied.push({ code: c.problem.code, title: c.fix.title, line: analysis.lines.positionAt(c.problem.start).line });
    analysis = analyzeFile(uri, next, settings, workspace.checks.local);
    problems = finalizeProblems(analysis.problems, analysis, settings);
  }
  const text = analysis.text;
  const edit = diffEdit(start.text, text);
  return { text, edit, applied };
}

function overlaps(a: TextEdit[], b: TextEdit[]): boolean {
  return a.some(
    (x) =>
      b.some((y) => x.start < y.end && y.start < x.end) ||
      b.some((y) => x.start === y.start || x.end === y.start || y.end === x.start),
  );
}

function yamlErrors(text: string): number {
  return parseYamlFile(text).problems.filter((p) => p.code === 'yaml/syntax').length;
}

// The vocabulary of quick fixes: what a fix is, what it gets to look at, and the helpers every
// family of fixes shares (find the NAD a problem is in, turn JSON edits into file edits).
import type { Node as JsonNode } from 'jsonc-parser';
import type { FileAnalysis } from '../../analyze';
import { singleFileChange, TextEdit, WorkspaceChange } from '../../edits';
import type { NadAnalysis } from '../../nad/nadChecks';
import type { Problem } from '../../types';
import type { Workspace } from '../../workspace';
import { nodeAt, jsonTree } from './jsonEdits';
import { editScalarValue, ValueEdit } from './scalarEdit';

export type FixKind = 'quickfix' | 'refactor.rewrite' | 'source.fixAll.multus-networks';

export interface Fix {
  title: string;
  kind: FixKind;
  /** The problem this fixes (none for refactorings). */
  problem?: Problem;
  /** The one fix that is clearly right for its problem. */
  isPreferred?: boolean;
  /** Mechanical enough to apply unattended (fix all, `check --fix`); only preferred fixes can be. */
  safe?: boolean;
  change: WorkspaceChange;
  /** A file the editor should show once the change is applied (a NAD the fix creates). */
  open?: string;
}

export interface FixContext {
  uri: string;
  analysis: FileAnalysis;
  /** For cross-file fixes (selectors, annotations); absent when only the file is known. */
  workspace?: Workspace;
  /** Whether a file exists (to pick a free name for a new NAD file); defaults to the workspace's files. */
  exists?: (uri: string) => boolean;
  /** The editor's workspace folders (URIs), where a new configuration file goes. */
  roots?: string[];
}

export type FixProvider = (ctx: FixContext, problem: Problem) => Fix[];

/** A problem inside a NAD's spec.config, with its JSON offsets. */
export interface JsonSite {
  nad: NadAnalysis;
  json: string;
  jsonStart: number;
  jsonEnd: number;
  root?: JsonNode;
  /** The JSON node exactly at the problem's span, if one is. */
  node?: JsonNode;
}

export function jsonSiteOf(ctx: FixContext, problem: Problem): JsonSite | undefined {
  const js = problem.data?.jsonStart;
  const je = problem.data?.jsonEnd;
  if (typeof js !== 'number' || typeof je !== 'number') return undefined;
  for (const nad of [...ctx.analysis.nads, ...ctx.analysis.providerNads]) {
    const d = nad.decoded;
    if (!d || problem.start < d.sourceStart || problem.end > d.sourceEnd) continue;
    const root = jsonTree(d.value);
    return { nad, json: d.value, jsonStart: js, jsonEnd: je, root, node: nodeAt(root, js, je) };
  }
  // A config an operator renders from JSON strings the user wrote (spec.ipam, metaPlugins): the
  // offsets are the rendered config's, and the finding sits where they map in the file.
  for (const nad of ctx.analysis.providerNads) {
    // The draft when a string is not JSON yet (syntax findings), else the checked config.
    const map = nad.renderMap ?? nad.renderDraft;
    if (nad.decoded || !map) continue;
    const r = map.userRange(js, je);
    if (!r || r[0] !== problem.start || r[1] !== problem.end) continue;
    const json = map.value;
    const root = jsonTree(json);
    return { nad, json, jsonStart: js, jsonEnd: je, root, node: nodeAt(root, js, je) };
  }
  return undefined;
}

/** A fix made of edits to one NAD's JSON, re-encoded for the scalar's style; undefined if none verifies. */
export function jsonFix(
  ctx: FixContext,
  nad: NadAnalysis,
  title: string,
  edits: ValueEdit[],
  extra: Partial<Fix> = {},
): Fix | undefined {
  if (!edits.length) return undefined;
  // In a rendered config the edits must all fall inside one string the user wrote.
  const target = nad.decoded ? { decoded: nad.decoded, edits } : (nad.renderMap ?? nad.renderDraft)?.pieceEdits(edits);
  if (!target) return undefined;
  const r = editScalarValue(ctx.analysis.text, target.decoded, target.edits);
  if (!r) return undefined;
  return { title, kind: 'quickfix', ...extra, change: singleFileChange(ctx.uri, r.edits) };
}

export function fileFix(ctx: FixContext, title: string, edits: TextEdit[], extra: Partial<Fix> = {}): Fix {
  return { title, kind: 'quickfix', ...extra, change: singleFileChange(ctx.uri, edits) };
}

export const q = (s: string): string => JSON.stringify(s);

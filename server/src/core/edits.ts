// Text edits in the core's vocabulary: UTF-16 offsets into one file's text (the analysis text), plus
// the helpers every feature that changes files shares (apply, check for overlaps, map to the
// user's document when the analysis re-indented it). No LSP types here.
import type { FileAnalysis } from './analyze';
import { LineIndex } from './text/lineIndex';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A new file, created with `text` (fails when the file already exists). */
export interface FileCreate {
  uri: string;
  text: string;
}

/** Edits over several files, plus files to create. */
export interface WorkspaceChange {
  edits: Map<string, TextEdit[]>;
  creates: FileCreate[];
}

export function emptyChange(): WorkspaceChange {
  return { edits: new Map(), creates: [] };
}

export function singleFileChange(uri: string, edits: TextEdit[]): WorkspaceChange {
  return { edits: new Map([[uri, edits]]), creates: [] };
}

/** Edits sorted by position (stable for insertions at one point); throws when two of them overlap. */
export function sortedEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.start < prev.end) throw new Error(`overlapping edits at ${cur.start}`);
  }
  return sorted;
}

export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) for (const y of b) if (x.start < y.end && y.start < x.end) return true;
  for (const x of a)
    for (const y of b) if (x.start === y.start && (x.start === x.end || y.start === y.end)) return true;
  return false;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortedEdits(edits);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Edits computed on `analysis.text`, moved to the user's document (`analysis.source`). The two
 * differ only when the analysis re-indented under-indented quoted strings (yaml/lenientIndent.ts);
 * positions then go through the analysis's line index, which knows the inserted spaces.
 */
export function toSourceEdits(
  analysis: Pick<FileAnalysis, 'text' | 'source' | 'lines'>,
  edits: readonly TextEdit[],
): TextEdit[] {
  if (analysis.text === analysis.source) return [...edits];
  const source = new LineIndex(analysis.source);
  return edits.map((e) => ({
    start: source.offsetAt(analysis.lines.positionAt(e.start)),
    end: source.offsetAt(analysis.lines.positionAt(e.end)),
    newText: e.newText,
  }));
}

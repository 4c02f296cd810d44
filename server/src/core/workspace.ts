// The set of files the checker sees (a CLI run or a language server's workspace), their analyses,
// and the cross-file checks over them. Shared by the CLI and the language server.
import { analyzeFile, contained, FileAnalysis, finalizeProblems, LocalCheck, restsOnUnknown } from './analyze';
import { WorkspaceIndex } from './index/workspaceIndex';
import type { Settings } from './settings';
import type { Problem } from './types';

/** A check that needs the whole workspace (e.g. a CephCluster selector resolved against every NAD). */
export type CrossFileCheck = (analysis: FileAnalysis, workspace: Workspace, out: Problem[]) => void;

/** The checks a workspace runs besides the NAD checks: a value, never a registry (core/checks.ts ALL_CHECKS). */
export interface Checks {
  /** Run on each file when it is analyzed. */
  readonly local: readonly LocalCheck[];
  /** Run on each file when its findings are asked for, against the whole workspace. */
  readonly crossFile: readonly CrossFileCheck[];
}

/** Called after a file's contribution changed (used by the index). */
export type FileListener = (uri: string, before: FileAnalysis | undefined, after: FileAnalysis | undefined) => void;

export class Workspace {
  private readonly files = new Map<string, FileAnalysis>();
  private readonly listeners: FileListener[] = [];
  /** Files set with `retainParse: false`. */
  private readonly parseDropped = new Set<string>();
  /** NADs, clusters, pools and references by name; updated before any other listener runs. */
  readonly index = new WorkspaceIndex();

  constructor(
    public settings: Settings,
    readonly checks: Checks,
  ) {
    this.onFileChanged((uri, _before, after) => this.index.update(uri, after));
  }

  onFileChanged(listener: FileListener): void {
    this.listeners.push(listener);
  }

  /**
   * Replaces the file's whole contribution. `retainParse: false` (files not open in an editor)
   * lets the YAML trees go once the file's objects are extracted: only features on open documents
   * (completion) and the reuse of unchanged documents after an edit read them, and in a large
   * workspace they are most of the memory.
   */
  setFile(uri: string, text: string, options: { retainParse?: boolean } = {}): FileAnalysis {
    const before = this.files.get(uri);
    const after = analyzeFile(uri, text, this.settings, this.checks.local, before);
    if (options.retainParse === false) {
      this.parseDropped.add(uri);
      after.yaml = undefined;
      after.sourceYaml = undefined;
    } else this.parseDropped.delete(uri);
    this.files.set(uri, after);
    for (const l of this.listeners) l(uri, before, after);
    return after;
  }

  removeFile(uri: string): void {
    const before = this.files.get(uri);
    if (!before) return;
    this.files.delete(uri);
    this.parseDropped.delete(uri);
    for (const l of this.listeners) l(uri, before, undefined);
  }

  get(uri: string): FileAnalysis | undefined {
    return this.files.get(uri);
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  all(): IterableIterator<FileAnalysis> {
    return this.files.values();
  }

  /** Re-analyzes every file (after a settings change). */
  reanalyzeAll(settings: Settings): void {
    this.settings = settings;
    for (const [uri, a] of [...this.files]) this.setFile(uri, a.source, { retainParse: !this.parseDropped.has(uri) });
  }

  /**
   * Files whose diagnostics may change because `uri` changed from `before` to `after`, besides
   * `uri` itself, answered from the index (see WorkspaceIndex.dependentsOf). Edits that leave the
   * file's cross-file facts unchanged (the common case while typing) affect no other file.
   */
  dependentsOf(uri: string, before: FileAnalysis | undefined, after: FileAnalysis | undefined): string[] | undefined {
    return this.index.dependentsOf(uri, before, after);
  }

  /** All findings for one file: file-local plus cross-file, with settings and directives applied. */
  problemsFor(uri: string): Problem[] {
    const analysis = this.files.get(uri);
    if (!analysis) return [];
    const problems = [...analysis.problems];
    for (const check of this.checks.crossFile) contained(analysis, 0, () => check(analysis, this, problems), problems);
    const known = analysis.unknown.length ? problems.filter((p) => !restsOnUnknown(analysis, p)) : problems;
    return finalizeProblems(known, analysis, this.settings);
  }
}

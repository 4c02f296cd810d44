// The set of files the checker sees (a CLI run or a language server's workspace), their analyses,
// and the cross-file checks over them. Shared by the CLI and the language server.
import { analyzeFile, contained, FileAnalysis, finalizeProblems, LocalCheck, restsOnUnknown } from './analyze';
import { analyzeConfigFile, configDirOf, governingConfig } from './configAnalysis';
import { CONFIG_FILE_NAMES, isConfigFile, mergeSettings } from './config/configFile';
import { WorkspaceIndex } from './index/workspaceIndex';
import { matchesAny } from './glob';
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
  /** Configuration files (`.multus-networks.yaml`) by the folder URI they govern (ending in '/'). */
  private readonly configs = new Map<string, FileAnalysis>();
  /**
   * A configuration file that governs every file (the CLI's `--config PATH`), instead of each
   * file's nearest one.
   */
  explicitConfig: string | undefined;
  /**
   * URIs governed by the configuration file of another place (the CLI's standard input, as a file
   * in the working directory).
   */
  readonly governAs = new Map<string, string>();
  /** Settings that win over every configuration file (the CLI's flags). */
  overrides: Partial<Settings> | undefined;
  private plain: { base: Settings; settings: Settings } | undefined;
  private readonly merged = new WeakMap<FileAnalysis, { base: Settings; settings: Settings }>();

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
    if (isConfigFile(uri) || uri === this.explicitConfig) return this.setConfigFile(uri, text, before);
    const after = analyzeFile(uri, text, this.settingsFor(uri), this.checks.local, before);
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
    if (!before.config) {
      for (const l of this.listeners) l(uri, before, undefined);
      return;
    }
    const previous = this.configs.get(configDirOf(uri));
    this.pickConfig(uri);
    for (const l of this.listeners) l(uri, before, undefined);
    this.configChanged(uri, previous);
  }

  /** A configuration file: its findings and external NADs, and the settings of the files it governs. */
  private setConfigFile(uri: string, text: string, before: FileAnalysis | undefined): FileAnalysis {
    const after = analyzeConfigFile(uri, text);
    this.files.set(uri, after);
    const previous = this.configs.get(configDirOf(uri));
    this.pickConfig(uri);
    for (const l of this.listeners) l(uri, before, after);
    this.configChanged(uri, previous);
    return after;
  }

  /** The configuration file of a folder: `.multus-networks.yaml`, else `.multus-networks.yml`. */
  private pickConfig(uri: string): void {
    const dir = configDirOf(uri);
    const chosen = CONFIG_FILE_NAMES.map((n) => this.files.get(dir + n)).find((a) => a !== undefined);
    if (chosen) this.configs.set(dir, chosen);
    else this.configs.delete(dir);
  }

  /** Re-analyzes the files a folder's configuration governs when the settings it sets changed. */
  private configChanged(uri: string, previous: FileAnalysis | undefined): void {
    const dir = configDirOf(uri);
    const current = this.configs.get(dir);
    if (JSON.stringify(previous?.config?.settings) === JSON.stringify(current?.config?.settings)) return;
    if (this.explicitConfig !== undefined && this.explicitConfig !== uri) return;
    for (const [u, a] of [...this.files]) {
      if (a.config || !u.startsWith(dir)) continue;
      // Files under a nearer configuration file are not affected.
      const g = this.explicitConfig === undefined ? this.configFor(u) : undefined;
      const gDir = g && configDirOf(g.uri);
      if (gDir && gDir !== dir && gDir.startsWith(dir)) continue;
      this.setFile(u, a.source, { retainParse: !this.parseDropped.has(u) });
    }
  }

  /** The configuration file that governs `uri`: the explicit one, else the nearest in its folder or above. */
  configFor(uri: string): FileAnalysis | undefined {
    if (this.explicitConfig !== undefined) return this.files.get(this.explicitConfig);
    return governingConfig(this.governAs.get(uri) ?? uri, this.configs);
  }

  /** The settings that apply to `uri`: the workspace's, overlaid with its configuration file's. */
  settingsFor(uri: string): Settings {
    const config = this.configFor(uri);
    if (!config?.config) {
      if (!this.overrides) return this.settings;
      if (this.plain?.base !== this.settings)
        this.plain = { base: this.settings, settings: mergeSettings(this.settings, this.overrides) };
      return this.plain.settings;
    }
    const hit = this.merged.get(config);
    if (hit && hit.base === this.settings) return hit.settings;
    const settings = mergeSettings(mergeSettings(this.settings, config.config.settings), this.overrides);
    this.merged.set(config, { base: this.settings, settings });
    return settings;
  }

  /**
   * True when the `exclude` globs of the configuration file governing `uri` match it; they are
   * relative to the configuration file's folder. (The editor's exclude setting is relative to the
   * workspace folder and applied by the server.)
   */
  isExcluded(uri: string): boolean {
    const config = this.configFor(uri);
    const globs = config?.config?.settings.exclude;
    if (!config || !globs?.length) return false;
    const dir = configDirOf(config.uri);
    if (!uri.startsWith(dir)) return false;
    return matchesAny(decodeURIComponent(uri.slice(dir.length)), globs);
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
    for (const [uri, a] of [...this.files])
      if (!a.config) this.setFile(uri, a.source, { retainParse: !this.parseDropped.has(uri) });
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
    return finalizeProblems(known, analysis, this.settingsFor(uri));
  }
}

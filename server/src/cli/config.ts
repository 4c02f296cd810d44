// The CLI's configuration: each checked file's nearest `.multus-networks.yaml` (or the one given with
// `--config PATH`, which then governs every file), loaded into the workspace before the files.
// Precedence: command-line flags > configuration file > defaults (flags are the workspace's base
// settings only for what the file does not set; see mergeFlags). A configuration file with an error
// stops the run (exit 2) with its findings on stderr; its warnings are reported with the others.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isConfigFile } from '../core/config/configFile';
import { RuleSetting, Settings } from '../core/settings';
import type { Workspace } from '../core/workspace';
import { configFilesFor } from '../node/configFiles';
import type { CliDiagnostic } from './formats';

export class ConfigError extends Error {}

/**
 * Loads the configuration files that govern `files` (and `alsoFor`, e.g. standard input's
 * stand-in) into `workspace`, or `explicit` (`--config`), which then governs every file. Returns
 * their paths, and `files` without configuration files and without the files found in folders that
 * a configuration file's `exclude` matches (`named`: files given by name, always checked).
 */
export function loadConfigFiles(
  workspace: Workspace,
  files: string[],
  options: { explicit?: string; alsoFor?: string[]; named?: ReadonlySet<string> },
): { configFiles: string[]; files: string[] } {
  const { explicit } = options;
  let configFiles: string[];
  if (explicit !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(explicit, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read the configuration file ${explicit}: ${(err as Error).message}`);
    }
    workspace.explicitConfig = pathToFileURL(explicit).href;
    workspace.setFile(workspace.explicitConfig, text);
    configFiles = [explicit];
  } else {
    configFiles = configFilesFor([...files, ...(options.alsoFor ?? [])]);
    for (const c of configFiles) {
      try {
        workspace.setFile(pathToFileURL(c).href, fs.readFileSync(c, 'utf8'));
      } catch (err) {
        throw new ConfigError(`cannot read the configuration file ${c}: ${(err as Error).message}`);
      }
    }
  }
  const rest = files.filter(
    (f) =>
      !isConfigFile(f) && f !== explicit && (options.named?.has(f) || !workspace.isExcluded(pathToFileURL(f).href)),
  );
  return { configFiles, files: rest };
}

/**
 * Command-line rule overrides win over the configuration file's: the CLI applies them on top of
 * each file's merged settings (Workspace.overrides).
 */
export function flagOverrides(rules: Record<string, RuleSetting>): Partial<Settings> | undefined {
  return Object.keys(rules).length ? { rules } : undefined;
}

/** The file-system path standard input is governed as: --stdin-filename, else a file in the working directory. */
export function stdinStandIn(stdinFile: string | undefined, cwd: string): string {
  return stdinFile ?? path.join(cwd, '<stdin>');
}

/** The findings of the configuration files, as CLI diagnostics (`name` gives the name reports show). */
export function configDiagnostics(
  workspace: Workspace,
  configFiles: string[],
  name: (file: string) => string,
): CliDiagnostic[] {
  const out: CliDiagnostic[] = [];
  for (const file of configFiles) {
    const uri = pathToFileURL(file).href;
    const analysis = workspace.get(uri);
    if (!analysis) continue;
    const rel = name(file);
    for (const p of workspace.problemsFor(uri)) {
      const s = analysis.lines.positionAt(p.start);
      const e = analysis.lines.positionAt(p.end);
      out.push({
        file: rel,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        severity: p.severity,
        code: p.code,
        message: p.message,
      });
    }
  }
  return out;
}

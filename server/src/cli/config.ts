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
 * Loads the governing configuration files of `files` into `workspace` (or `explicit`), returns
 * their paths and the files left to check (configuration files and excluded files removed).
 */
export function loadConfigFiles(
  workspace: Workspace,
  files: string[],
  explicit: string | undefined,
): { configFiles: string[]; files: string[] } {
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
    configFiles = configFilesFor(files);
    for (const c of configFiles) {
      try {
        workspace.setFile(pathToFileURL(c).href, fs.readFileSync(c, 'utf8'));
      } catch (err) {
        throw new ConfigError(`cannot read the configuration file ${c}: ${(err as Error).message}`);
      }
    }
  }
  const rest = files.filter(
    (f) => !isConfigFile(f) && !configFiles.includes(f) && !workspace.isExcluded(pathToFileURL(f).href),
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

/** The findings of the configuration files, as CLI diagnostics (paths relative to `cwd`). */
export function configDiagnostics(workspace: Workspace, configFiles: string[], cwd: string): CliDiagnostic[] {
  const out: CliDiagnostic[] = [];
  for (const file of configFiles) {
    const uri = pathToFileURL(file).href;
    const analysis = workspace.get(uri);
    if (!analysis) continue;
    const rel = path.relative(cwd, file) || path.basename(file);
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

// Loads what a command was given into a fresh workspace: files as named, folders searched for
// *.yaml / *.yml, and `-` for standard input. Names printed in reports are relative to the base
// folder (the working directory or --root) and absolute outside it, never a chain of "../".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CHECKS } from '../core/checks';
import { matchesAny } from '../core/glob';
import { installPrecompiledValidators } from '../core/precompiled';
import type { Settings } from '../core/settings';
import { Workspace } from '../core/workspace';
import { CliIo, UsageError } from './common';
import { ConfigError, loadConfigFiles, stdinStandIn } from './config';
import { collectYamlFiles } from './files';

/** The URI of standard input when --stdin-filename does not name it. */
export const STDIN_URI = 'untitled:stdin';
export const STDIN_NAME = '<stdin>';

export interface Input {
  uri: string;
  /** The name reports show. */
  name: string;
  /** The file on disk; undefined for standard input. */
  file?: string;
}

export interface LoadOptions {
  /** Reports name files relative to this folder (default: the working directory). */
  base?: string;
  /** Globs of files not to check among those found in folders (files named explicitly are checked). */
  exclude?: string[];
  /** What to call standard input (`-`) in reports and which file it stands for. */
  stdinFilename?: string;
  /** `--config PATH`: this configuration file governs every file (default: each file's nearest). */
  config?: string;
  /** Settings that win over the configuration files (the command line's). */
  overrides?: Partial<Settings>;
}

/** Forward slashes, relative to `base` when inside it, else absolute. */
export function displayPath(file: string, base: string): string {
  const rel = path.relative(base, file);
  if (rel === '') return path.basename(file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** True when the path (relative to base) or one of its folders matches an exclude glob (core/glob.ts). */
export function isExcluded(rel: string, globs: string[]): boolean {
  return matchesAny(rel, globs);
}

/** Loads the given paths into a fresh workspace; shared by `check` and `flow`. */
export function loadWorkspace(
  paths: string[],
  settings: Settings,
  io: CliIo,
  options: LoadOptions = {},
): { workspace: Workspace; inputs: Input[]; configFiles: string[] } {
  const base = options.base ?? io.cwd;
  const stdinCount = paths.filter((p) => p === '-').length;
  if (stdinCount > 1) throw new UsageError('"-" (standard input) can be given only once');
  const named = paths.filter((p) => p !== '-').map((p) => path.resolve(io.cwd, p));
  const { files, missing } = collectYamlFiles(named);
  if (missing.length)
    throw new UsageError(`no such file or folder: ${missing.map((m) => displayPath(m, io.cwd)).join(', ')}`);
  const explicit = new Set(named);
  const exclude = options.exclude ?? [];
  const stdinFile = options.stdinFilename !== undefined ? path.resolve(io.cwd, options.stdinFilename) : undefined;
  installPrecompiledValidators();
  const workspace = new Workspace(settings, io.checks ?? ALL_CHECKS);
  workspace.overrides = options.overrides;
  // Configuration files first (see cli/config.ts); standard input is governed as its
  // --stdin-filename, or as a file in the working directory.
  const stdinAs = stdinCount ? stdinStandIn(stdinFile, io.cwd) : undefined;
  let configFiles: string[];
  let toCheck: string[];
  try {
    ({ configFiles, files: toCheck } = loadConfigFiles(workspace, files, {
      explicit: options.config === undefined ? undefined : path.resolve(io.cwd, options.config),
      alsoFor: stdinAs ? [stdinAs] : [],
      named: explicit,
    }));
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const inputs: Input[] = [];
  for (const file of toCheck) {
    if (!explicit.has(file) && isExcluded(displayPath(file, base), exclude)) continue;
    // Standard input stands for this file: its text replaces the one on disk.
    if (stdinCount && file === stdinFile) continue;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      io.err(`multus-networks: cannot read ${displayPath(file, base)}: ${(err as Error).message}\n`);
      continue;
    }
    const uri = pathToFileURL(file).href;
    // The CLI reads objects and findings only: YAML trees go as soon as each file is analyzed.
    workspace.setFile(uri, text, { retainParse: false });
    inputs.push({ uri, name: displayPath(file, base), file });
  }
  if (stdinCount) {
    if (!io.readStdin) throw new UsageError('no standard input to read');
    const text = io.readStdin();
    const uri = stdinFile ? pathToFileURL(stdinFile).href : STDIN_URI;
    if (!stdinFile) workspace.governAs.set(uri, pathToFileURL(stdinAs!).href);
    workspace.setFile(uri, text, { retainParse: false });
    inputs.push({ uri, name: stdinFile ? displayPath(stdinFile, base) : STDIN_NAME });
  }
  return { workspace, inputs, configFiles };
}

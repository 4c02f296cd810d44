// Command line: `multus-networks check [--format text|json|sarif] [--rule id=level] PATH...`
// Same core as the language server. Exit 0: no error; 1: errors found; 2: bad usage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CHECKS } from '../core/checks';
import { installPrecompiledValidators } from '../core/precompiled';
import { DEFAULT_SETTINGS, RuleSetting, Settings, settingsFrom } from '../core/settings';
import { Workspace, type Checks } from '../core/workspace';
import { collectYamlFiles } from './files';
import { applyFixes } from './fix';
import { flowCommand } from './flow';
import { CliDiagnostic, formatJson, formatSarif, formatText } from './formats';

const VERSION = '0.1.0';
const USAGE = `Usage:
  multus-networks check [--fix] [--format text|json|sarif] [--rule <id>=<off|error|warning|info|hint>]... PATH...
  multus-networks flow [--kind sequence|topology] PATH...
  multus-networks --help | --version

check: checks NetworkAttachmentDefinitions and CephCluster networks in the given files, or in every
*.yaml / *.yml under the given folders (node_modules and .git skipped). --fix first applies the
safe quick fixes in place and lists them, then reports what is left.
Exit status: 0 no errors, 1 errors found, 2 bad usage.
`;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  /** The checks to run (tests pass their own); ALL_CHECKS by default. */
  checks?: Checks;
}

class UsageError extends Error {}

type Command = (args: string[], io: CliIo) => number;
const extraCommands = new Map<string, Command>();

/** Lets other features (e.g. `flow`) add a subcommand without touching the dispatcher. */
export function registerCommand(name: string, command: Command): void {
  extraCommands.set(name, command);
}

registerCommand('flow', (args, io) => flowCommand(args, io));

export function runCli(argv: string[], io: CliIo): number {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      (cmd === undefined ? io.err : io.out)(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '--version') {
      io.out(VERSION + '\n');
      return 0;
    }
    if (cmd === 'check') return check(rest, io);
    const extra = extraCommands.get(cmd);
    if (extra) return extra(rest, io);
    throw new UsageError(`unknown command "${cmd}"`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`multus-networks: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}

export { UsageError };

interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  rules: Record<string, RuleSetting>;
  paths: string[];
  fix: boolean;
}

/** The value of the option at args[i], written `--name=value` or `--name value`, and the index of its last argument. */
export function optionValue(args: string[], i: number, name: string): [string, number] {
  const a = args[i];
  const eq = a.indexOf('=');
  if (eq > 0) return [a.slice(eq + 1), i];
  const v = args[i + 1];
  if (v === undefined) throw new UsageError(`${name} needs a value`);
  return [v, i + 1];
}

function parseCheckArgs(args: string[]): CheckOptions {
  const opts: CheckOptions = { format: 'text', rules: {}, paths: [], fix: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string): string => {
      const [v, last] = optionValue(args, i, name);
      i = last;
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif')
        throw new UsageError(`--format must be text, json or sarif, not "${f}"`);
      opts.format = f;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const r = value('--rule');
      const m = /^([^=]+)=(off|error|warning|info|hint)$/.exec(r);
      if (!m) throw new UsageError(`--rule takes <id>=<off|error|warning|info|hint>, not "${r}"`);
      opts.rules[m[1]] = m[2] as RuleSetting;
    } else if (a === '--fix') {
      opts.fix = true;
    } else if (a === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option "${a}"`);
    } else opts.paths.push(a);
  }
  if (opts.paths.length === 0) throw new UsageError('check needs at least one file or folder');
  return opts;
}

/** Loads the given paths into a fresh workspace; shared by `check` and `flow`. */
export function loadWorkspace(
  paths: string[],
  settings: Settings,
  io: CliIo,
): { workspace: Workspace; files: string[] } {
  const { files, missing } = collectYamlFiles(paths.map((p) => path.resolve(io.cwd, p)));
  if (missing.length)
    throw new UsageError(`no such file or folder: ${missing.map((m) => path.relative(io.cwd, m) || m).join(', ')}`);
  installPrecompiledValidators();
  const workspace = new Workspace(settings, io.checks ?? ALL_CHECKS);
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      io.err(`multus-networks: cannot read ${path.relative(io.cwd, file)}: ${(err as Error).message}\n`);
      continue;
    }
    // The CLI reads objects and findings only: YAML trees go as soon as each file is analyzed.
    workspace.setFile(pathToFileURL(file).href, text, { retainParse: false });
  }
  return { workspace, files };
}

function check(args: string[], io: CliIo): number {
  const opts = parseCheckArgs(args);
  const settings = settingsFrom({ ...DEFAULT_SETTINGS, rules: opts.rules });
  const { workspace, files } = loadWorkspace(opts.paths, settings, io);
  if (opts.fix) applyFixes(workspace, io.cwd, opts.format === 'text' ? io.out : io.err);
  const diags: CliDiagnostic[] = [];
  for (const file of files) {
    const uri = pathToFileURL(file).href;
    const analysis = workspace.get(uri);
    if (!analysis) continue;
    const rel = path.relative(io.cwd, file) || path.basename(file);
    for (const p of workspace.problemsFor(uri)) {
      const s = analysis.lines.positionAt(p.start);
      const e = analysis.lines.positionAt(p.end);
      diags.push({
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
  if (opts.format === 'json') io.out(formatJson(diags, files.length));
  else if (opts.format === 'sarif') io.out(formatSarif(diags, VERSION));
  else io.out(formatText(diags, files.length));
  return diags.some((d) => d.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  const code = runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
  });
  process.exitCode = code;
}

// `multus-networks check`: checks the given files, folders or standard input with the same core as
// the language server and reports in one of four formats. Exit 0: no error (and warnings within
// --max-warnings); 1: errors found or too many warnings; 2: bad usage or an output it cannot write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closest } from '../core/text/suggest';
import { ruleInfo, RULES } from '../core/rules';
import { DEFAULT_SETTINGS, RuleSetting, Settings, settingsFrom } from '../core/settings';
import { CliIo, optionsHelp, parseCommand, PROGRAM, UsageError, VERSION } from './common';
import { applyFixes } from './fix';
import {
  CliDiagnostic,
  FormatName,
  FORMATS,
  formatGithub,
  formatJson,
  formatSarif,
  formatText,
  SARIF_MAX_RESULTS,
} from './formats';
import { helmSources } from './helmSources';
import { configDiagnostics, flagOverrides } from './config';
import { displayPath, loadWorkspace } from './load';

const LEVELS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'hint'];

/** The options of `check`, in help order. Add an option here and read it in checkCommand. */
export const CHECK_OPTIONS = {
  format: { type: 'string', value: 'FORMAT', help: 'text (default), json, sarif or github (workflow annotations)' },
  output: { type: 'string', short: 'o', value: 'FILE', help: 'write the report to FILE instead of standard output' },
  rule: {
    type: 'string',
    multiple: true,
    value: 'ID=LEVEL',
    help: 'set a rule to off, error, warning, info or hint',
  },
  exclude: {
    type: 'string',
    multiple: true,
    value: 'GLOB',
    help: 'skip files found in folders that match GLOB (relative to the base folder)',
  },
  root: {
    type: 'string',
    value: 'DIR',
    help: 'base folder: name files relative to DIR (default: the working directory)',
  },
  config: {
    type: 'string',
    value: 'PATH',
    help: "the configuration file for every file (default: each file's nearest .multus-networks.yaml)",
  },
  'stdin-filename': {
    type: 'string',
    value: 'NAME',
    help: 'the name standard input ("-") is reported as (default: <stdin>)',
  },
  quiet: { type: 'boolean', short: 'q', help: 'report errors only' },
  'max-warnings': {
    type: 'string',
    value: 'N',
    help: 'exit 1 when there are more than N warnings',
  },
  fix: { type: 'boolean', help: 'apply the safe quick fixes in place first, then report what is left' },
  'unsafe-fixes': {
    type: 'boolean',
    help: 'with --fix, also apply fixes that change meaning (one did-you-mean candidate)',
  },
  color: { type: 'boolean', help: 'colour the text report even when not on a terminal' },
  'no-color': { type: 'boolean', help: 'never colour (also: the NO_COLOR environment variable)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const;

export const CHECK_USAGE = `Usage: ${PROGRAM} check [options] PATH...

Checks NetworkAttachmentDefinitions and CephCluster networks in the given files, in every *.yaml and
*.yml under the given folders (node_modules and .git skipped), or on standard input when PATH is "-"
(e.g. helm template ... | ${PROGRAM} check -).

Options:
${optionsHelp(CHECK_OPTIONS)}

Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 bad usage.
`;

interface CheckOptions {
  format: FormatName;
  output?: string;
  settings: Settings;
  paths: string[];
  exclude: string[];
  base: string;
  stdinFilename?: string;
  config?: string;
  rules: Record<string, RuleSetting>;
  quiet: boolean;
  maxWarnings?: number;
  fix: boolean;
  unsafeFixes: boolean;
  color: boolean;
}

/** Parses `--rule ID=LEVEL`; an unknown id is a usage error with a did-you-mean. */
export function parseRuleOption(r: string): [string, RuleSetting] {
  const eq = r.lastIndexOf('=');
  const id = eq > 0 ? r.slice(0, eq) : '';
  const level = r.slice(eq + 1) as RuleSetting;
  if (eq <= 0 || !LEVELS.includes(level))
    throw new UsageError(`--rule takes ID=off|error|warning|info|hint, not "${r}"`);
  if (!ruleInfo(id)) {
    const near = closest(
      id,
      RULES.map((x) => x.id),
      1,
    );
    throw new UsageError(
      `unknown rule "${id}"${near.length ? `; did you mean "${near[0]}"?` : ''} (the rules: docs/rules.md)`,
    );
  }
  return [id, level];
}

function parseCheckArgs(args: string[], io: CliIo): CheckOptions | 'help' {
  const { values, positionals } = parseCommand(args, CHECK_OPTIONS, CHECK_USAGE);
  if (values.help) return 'help';
  const fail = (message: string): never => {
    throw new UsageError(message, CHECK_USAGE);
  };
  const format = (values.format ?? 'text') as FormatName;
  if (!FORMATS.includes(format)) fail(`--format must be ${FORMATS.join(', ')}, not "${values.format}"`);
  const rules: Record<string, RuleSetting> = {};
  for (const r of values.rule ?? []) {
    try {
      const [id, level] = parseRuleOption(r);
      rules[id] = level;
    } catch (err) {
      fail((err as Error).message);
    }
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings']))
      fail(`--max-warnings takes a whole number, not "${values['max-warnings']}"`);
  }
  if (values['unsafe-fixes'] && !values.fix) fail('--unsafe-fixes goes with --fix');
  if (!positionals.length) fail('check needs at least one file or folder, or "-" for standard input');
  if (values.fix && positionals.includes('-')) fail('--fix rewrites files and cannot fix standard input');
  if (values['stdin-filename'] !== undefined && !positionals.includes('-'))
    fail('--stdin-filename names standard input: give "-" as a path too');
  const base = path.resolve(io.cwd, values.root ?? '.');
  const env = io.env ?? {};
  const color = values['no-color']
    ? false
    : values.color
      ? true
      : values.output === undefined && format === 'text' && !!io.isTTY && !env.NO_COLOR;
  return {
    format,
    output: values.output,
    settings: settingsFrom({ ...DEFAULT_SETTINGS, rules }),
    paths: positionals,
    exclude: values.exclude ?? [],
    base,
    stdinFilename: values['stdin-filename'],
    config: values.config,
    rules,
    quiet: !!values.quiet,
    maxWarnings,
    fix: !!values.fix,
    unsafeFixes: !!values['unsafe-fixes'],
    color,
  };
}

export function checkCommand(args: string[], io: CliIo): number {
  const opts = parseCheckArgs(args, io);
  if (opts === 'help') {
    io.out(CHECK_USAGE);
    return 0;
  }
  const { workspace, inputs, configFiles } = loadWorkspace(opts.paths, opts.settings, io, {
    base: opts.base,
    exclude: opts.exclude,
    stdinFilename: opts.stdinFilename,
    config: opts.config,
    overrides: flagOverrides(opts.rules),
  });
  // A configuration file with an error is never a silent default: its findings, and exit status 2.
  const configDiags = configDiagnostics(workspace, configFiles, (f) => displayPath(f, opts.base));
  if (configDiags.some((d) => d.severity === 'error')) {
    io.err(formatText(configDiags, configFiles.length).replace(/\n[^\n]*\n$/, '\n'));
    io.err(`${PROGRAM}: fix the configuration file first (nothing was checked).\n`);
    return 2;
  }
  if (opts.fix)
    applyFixes(workspace, opts.base, opts.format === 'text' || opts.output ? io.out : io.err, {
      unsafe: opts.unsafeFixes,
    });
  const all: CliDiagnostic[] = [...configDiags];
  for (const input of inputs) {
    const analysis = workspace.get(input.uri);
    if (!analysis) continue;
    const templates = helmSources(analysis.source);
    for (const p of workspace.problemsFor(input.uri)) {
      const s = analysis.lines.positionAt(p.start);
      const e = analysis.lines.positionAt(p.end);
      const template = templates?.at(s.line);
      all.push({
        file: input.name,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        severity: p.severity,
        code: p.code,
        message: p.message,
        ...(template ? { template } : {}),
      });
    }
  }
  const diags = opts.quiet ? all.filter((d) => d.severity === 'error') : all;
  const report =
    opts.format === 'json'
      ? formatJson(diags, inputs.length)
      : opts.format === 'sarif'
        ? formatSarif(diags, { version: VERSION, base: opts.base })
        : opts.format === 'github'
          ? formatGithub(diags, inputs.length)
          : formatText(diags, inputs.length, { color: opts.color });
  if (opts.format === 'sarif' && diags.length > SARIF_MAX_RESULTS)
    io.err(
      `${PROGRAM}: ${diags.length} findings; the SARIF report holds the ${SARIF_MAX_RESULTS} most severe (GitHub's limit).\n`,
    );
  if (opts.output !== undefined) {
    const out = path.resolve(io.cwd, opts.output);
    try {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, report, 'utf8');
    } catch (err) {
      io.err(`${PROGRAM}: cannot write ${opts.output}: ${(err as Error).message}\n`);
      return 2;
    }
  } else io.out(report);
  const warnings = all.filter((d) => d.severity === 'warning').length;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.err(
      `${PROGRAM}: ${warnings} warning(s)${opts.quiet ? ' (not shown: --quiet)' : ''}, more than --max-warnings ${opts.maxWarnings}.\n`,
    );
    return 1;
  }
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}

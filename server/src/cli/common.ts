// What every CLI command shares: the IO it runs against, the usage error (exit 2), the version, and
// option parsing with node:util parseArgs from one table per command, which also writes the help.
import { parseArgs } from 'node:util';
import type { Checks } from '../core/workspace';

export { VERSION } from '../core/product';
export { PRODUCT_NAME as PROGRAM } from '../core/product';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  /** The checks to run (tests pass their own); ALL_CHECKS by default. */
  checks?: Checks;
  /** Reads all of standard input (for `check -`); absent when there is none to read. */
  readStdin?: () => string;
  /** Standard output is a terminal (colour by default). */
  isTTY?: boolean;
  /** The environment (NO_COLOR, FORCE_COLOR); process.env in the bin. */
  env?: Record<string, string | undefined>;
}

/** Bad usage: the message is printed with the command's usage and the exit status is 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** One option of a command: parseArgs' fields plus what the help says about it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Name of the value in the help (e.g. FILE). */
  value?: string;
  help: string;
}

export type OptionTable = Record<string, OptionSpec>;

type Values<T extends OptionTable> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean'
    ? T[K]['multiple'] extends true
      ? boolean[]
      : boolean
    : T[K]['multiple'] extends true
      ? string[]
      : string;
};

/** Parses a command's arguments; unknown options, missing values and the like become UsageErrors. */
export function parseCommand<T extends OptionTable>(
  args: string[],
  table: T,
  usage: string,
): { values: Values<T>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(table))
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Values<T>, positionals };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(parseArgsMessage(err as Error), usage);
    throw err;
  }
}

/** parseArgs' messages, shortened to what a user needs. */
function parseArgsMessage(err: Error): string {
  const unknown = /^Unknown option '([^']+)'/.exec(err.message);
  if (unknown) return `unknown option "${unknown[1]}"`;
  const needs = /^Option '([^']+)' argument missing/.exec(err.message);
  if (needs) return `${needs[1].replace(/^-\w, /, '').replace(/ <value>$/, '')} needs a value`;
  const noValue = /^Option '([^']+)' does not take an argument/.exec(err.message);
  if (noValue) return `${noValue[1].replace(/^-\w, /, '')} takes no value`;
  return err.message.split('\n')[0];
}

/** The options part of a command's help, from its table. */
export function optionsHelp(table: OptionTable): string {
  const rows = Object.entries(table).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag, o.help + (o.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  return rows.map(([f, h]) => `  ${f.padEnd(width)}${h}`).join('\n');
}

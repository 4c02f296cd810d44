// Command line entry: `multus-networks <command> [options] PATH...`, dispatching to the commands'
// modules (each parses its own options with node:util parseArgs; see common.ts). Imports flow one
// way: cli → check/flow → load/common. Exit 0: fine; 1: findings (see each command); 2: bad usage.
import * as fs from 'node:fs';
import { CHECK_USAGE, checkCommand } from './check';
import { CliIo, PROGRAM, UsageError, VERSION } from './common';
import { FLOW_USAGE, flowCommand } from './flow';

export type { CliIo } from './common';
export { UsageError, VERSION } from './common';

type Command = (args: string[], io: CliIo) => number;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  check: { run: checkCommand, usage: CHECK_USAGE },
  flow: { run: flowCommand, usage: FLOW_USAGE },
};

export const USAGE = `Usage:
  ${PROGRAM} check [options] PATH...     check files, folders or "-" (standard input)
  ${PROGRAM} flow [options] PATH...      print the replication-flow diagrams as Markdown/Mermaid
  ${PROGRAM} help [COMMAND]              the options of a command (also: COMMAND --help)
  ${PROGRAM} -V | --version

Exit status: 0 no errors, 1 errors found, 2 bad usage.
Documentation: https://github.com/multus-networks/multus-networks#command-line
`;

export function runCli(argv: string[], io: CliIo): number {
  let cmd: string | undefined;
  let rest: string[];
  try {
    [cmd, ...rest] = argv;
    if (cmd === undefined) {
      io.err(USAGE);
      return 2;
    }
    if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
      const topic = cmd === 'help' ? rest[0] : undefined;
      if (topic !== undefined && !COMMANDS[topic]) throw new UsageError(`unknown command "${topic}"`);
      io.out(topic ? COMMANDS[topic].usage : USAGE);
      return 0;
    }
    if (cmd === '--version' || cmd === '-V') {
      io.out(VERSION + '\n');
      return 0;
    }
    const command = COMMANDS[cmd];
    if (!command) throw new UsageError(`unknown command "${cmd}"`);
    return command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      // The message, the synopsis and where the options are: the full help is one flag away.
      const usage = err.usage ?? (cmd !== undefined ? COMMANDS[cmd]?.usage : undefined);
      const synopsis = usage ? usage.split('\n')[0] : USAGE.trimEnd();
      const more = usage ? synopsis.replace(/^Usage: (\S+ \S+).*$/, '$1 --help') : `${PROGRAM} --help`;
      io.err(`${PROGRAM}: ${err.message}\n${synopsis}\nRun "${more}" for the options.\n`);
      return 2;
    }
    throw err;
  }
}

/** The IO of a real process: standard streams, the working directory and the environment. */
export function processIo(): CliIo {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  };
}

if (require.main === module) process.exitCode = runCli(process.argv.slice(2), processIo());

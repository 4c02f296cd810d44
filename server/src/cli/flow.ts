// `multus-networks flow [--kind sequence|topology] [--format markdown|mermaid] PATH...`: prints the
// replication-flow diagrams of every CephCluster found, as Markdown with ```mermaid blocks (ready
// to paste into a README) or as bare Mermaid. Exit 0: at least one cluster; 1: none; 2: bad usage.
import { fileURLToPath } from 'node:url';
import { flowsForWorkspace } from '../core/flow/flow';
import { flowMarkdown } from '../core/flow/markdown';
import type { DiagramKind } from '../core/flow/model';
import { DEFAULT_SETTINGS } from '../core/settings';
import { CliIo, optionsHelp, parseCommand, PROGRAM, UsageError } from './common';
import { displayPath, loadWorkspace } from './load';

export const FLOW_OPTIONS = {
  kind: { type: 'string', value: 'KIND', help: 'only the sequence or the topology diagram (default: both)' },
  format: { type: 'string', value: 'FORMAT', help: 'markdown (default: headings and ```mermaid blocks) or mermaid' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const;

export const FLOW_USAGE = `Usage: ${PROGRAM} flow [options] PATH...

Prints the replication-flow diagrams of every CephCluster found in the given files or folders.

Options:
${optionsHelp(FLOW_OPTIONS)}

Exit status: 0 at least one CephCluster, 1 none found, 2 bad usage.
`;

interface FlowOptions {
  kinds: DiagramKind[];
  format: 'markdown' | 'mermaid';
  paths: string[];
}

function parseFlowArgs(args: string[]): FlowOptions | 'help' {
  const { values, positionals } = parseCommand(args, FLOW_OPTIONS, FLOW_USAGE);
  if (values.help) return 'help';
  const fail = (message: string): never => {
    throw new UsageError(message, FLOW_USAGE);
  };
  const kind = values.kind;
  if (kind !== undefined && kind !== 'sequence' && kind !== 'topology')
    fail(`--kind must be sequence or topology, not "${kind}"`);
  const format = values.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'mermaid') fail(`--format must be markdown or mermaid, not "${format}"`);
  if (!positionals.length) fail('flow needs at least one file or folder');
  return {
    kinds: kind ? [kind as DiagramKind] : ['sequence', 'topology'],
    format: format as FlowOptions['format'],
    paths: positionals,
  };
}

export function flowCommand(args: string[], io: CliIo): number {
  const opts = parseFlowArgs(args);
  if (opts === 'help') {
    io.out(FLOW_USAGE);
    return 0;
  }
  const { workspace } = loadWorkspace(opts.paths, DEFAULT_SETTINGS, io);
  const flows = flowsForWorkspace(workspace, opts.kinds);
  if (!flows.length) {
    io.err('multus-networks: no CephCluster (or cephClusterSpec) found in the given files.\n');
    return 1;
  }
  const chunks: string[] = [];
  for (const flow of flows) {
    const file = flow.model.uri.startsWith('file:') ? displayPath(fileURLToPath(flow.model.uri), io.cwd) : '<stdin>';
    if (opts.format === 'mermaid') {
      for (const d of flow.diagrams) chunks.push(d.mermaid);
      continue;
    }
    chunks.push(flowMarkdown(flow, file));
  }
  io.out(chunks.join('\n'));
  return 0;
}

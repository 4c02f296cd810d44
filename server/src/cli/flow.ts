// `multus-networks flow [--kind sequence|topology] [--format markdown|mermaid] PATH...`: prints the
// replication-flow diagrams of every CephCluster found, as Markdown with ```mermaid blocks (ready
// to paste into a README) or as bare Mermaid. Exit 0: at least one cluster; 1: none; 2: bad usage.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flowsForWorkspace } from '../core/flow/flow';
import { flowMarkdown } from '../core/flow/markdown';
import type { DiagramKind } from '../core/flow/model';
import { DEFAULT_SETTINGS } from '../core/settings';
// Used only when the command runs: cli.ts imports this module to register `flow`.
import { CliIo, loadWorkspace, optionValue, UsageError } from './cli';

interface FlowOptions {
  kinds: DiagramKind[];
  format: 'markdown' | 'mermaid';
  paths: string[];
}

function parseFlowArgs(args: string[]): FlowOptions {
  const opts: FlowOptions = { kinds: ['sequence', 'topology'], format: 'markdown', paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string): string => {
      const [v, last] = optionValue(args, i, name);
      i = last;
      return v;
    };
    if (a === '--kind' || a.startsWith('--kind=')) {
      const k = value('--kind');
      if (k !== 'sequence' && k !== 'topology') throw new UsageError(`--kind must be sequence or topology, not "${k}"`);
      opts.kinds = [k];
    } else if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'markdown' && f !== 'mermaid') throw new UsageError(`--format must be markdown or mermaid, not "${f}"`);
      opts.format = f;
    } else if (a === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else opts.paths.push(a);
  }
  if (opts.paths.length === 0) throw new UsageError('flow needs at least one file or folder');
  return opts;
}

export function flowCommand(args: string[], io: CliIo): number {
  const opts = parseFlowArgs(args);
  const { workspace } = loadWorkspace(opts.paths, DEFAULT_SETTINGS, io);
  const flows = flowsForWorkspace(workspace, opts.kinds);
  if (!flows.length) {
    io.err('multus-networks: no CephCluster (or cephClusterSpec) found in the given files.\n');
    return 1;
  }
  const chunks: string[] = [];
  for (const flow of flows) {
    const file = path.relative(io.cwd, fileURLToPath(flow.model.uri)) || path.basename(fileURLToPath(flow.model.uri));
    if (opts.format === 'mermaid') {
      for (const d of flow.diagrams) chunks.push(d.mermaid);
      continue;
    }
    chunks.push(flowMarkdown(flow, file));
  }
  io.out(chunks.join('\n'));
  return 0;
}

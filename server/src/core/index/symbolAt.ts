// What sits at a file offset, for navigation: a NAD's metadata.name or a reference to a NAD.
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import type { Scalar } from 'yaml';
import { decodeScalar } from '../embedded/scalarSource';
import type { RefSite } from '../ref/fileRefs';
import type { IndexedWorkspace, NadEntry } from './workspaceIndex';

export type SymbolAt =
  | { kind: 'nad'; nad: NadEntry; start: number; end: number }
  | { kind: 'ref'; ref: RefSite; start: number; end: number };

/** A span in some file. */
export interface SpanIn {
  uri: string;
  start: number;
  end: number;
}

export function symbolAt(workspace: IndexedWorkspace, uri: string, offset: number): SymbolAt | undefined {
  const c = workspace.index.contribution(uri);
  const text = workspace.get(uri)?.text;
  if (!c || text === undefined) return undefined;
  for (const nad of c.nads) {
    const s = nadNameSpan(nad, text);
    const r = nad.nad.nameNode?.range;
    if (s && r && offset >= r[0] && offset <= r[1]) return { kind: 'nad', nad, start: s.start, end: s.end };
  }
  for (const ref of c.refs) {
    if (offset >= ref.entryStart && offset <= ref.entryEnd)
      return { kind: 'ref', ref, start: ref.nameStart, end: ref.nameEnd };
  }
  return undefined;
}

/** The characters of a NAD's metadata.name (inside quotes, if any). */
export function nadNameSpan(nad: NadEntry, text: string): SpanIn | undefined {
  const node = nad.nad.nameNode;
  // A NAD of a configuration file's externalNetworks: its name in the entry.
  if (nad.analysis.external) return { uri: nad.uri, start: nad.nad.anchor[0], end: nad.nad.anchor[1] };
  if (!node?.range) return undefined;
  const d = decodeScalar(text, node as Scalar);
  const [start, end] = d ? d.rangeToSource(0, d.value.length) : [node.range[0], node.range[1]];
  return { uri: nad.uri, start, end };
}

/** The span of the config JSON's `"name"` string content when it equals `name` (for rename). */
export function configNameSpan(nad: NadEntry, name: string): SpanIn | undefined {
  // A rendered NAD's config name is the resource's own, unless one string is the whole config.
  const d = nad.analysis.decoded;
  if (!d) return undefined;
  const root = parseTree(d.value, [], { allowTrailingComma: true });
  const node = root && root.type === 'object' ? findNodeAtLocation(root, ['name']) : undefined;
  if (!node || node.type !== 'string' || node.value !== name) return undefined;
  const [start, end] = d.rangeToSource(node.offset + 1, node.offset + node.length - 1);
  return { uri: nad.uri, start, end };
}

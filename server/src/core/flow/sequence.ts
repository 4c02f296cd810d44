// One client write as a Mermaid sequence diagram (the seed article's picture): the client sends the
// write to the primary OSD over the public network; the primary sends a replica (or a chunk, for
// erasure-coded pools) to each other OSD over the cluster network; every OSD writes to disk; the
// others acknowledge to the primary over the cluster network; the primary confirms to the client
// over the public network. Arrows name their network only; a legend note over the hops says what
// each network is (plugin, master, ranges). Problems are not repeated here: the preview lists them
// once above the diagrams, and their networks' hops are drawn in red.
import { BR, label, Label, LabelPiece } from './escape';
import { legendPieces, netNamePieces, roleHasProblem, shapeTitle } from './labels';
import type { ClusterModel, FlowDiagram, Role, WriteShape } from './model';

/** OSDs drawn one by one; beyond this, the last participant stands for the rest. */
export const MAX_DRAWN_OSDS = 10;

const PROBLEM_RECT = 'rect rgba(220, 53, 69, 0.18)';

interface Osd {
  id: string;
  /** Shard numbers this participant stands for (1-based). */
  first: number;
  last: number;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The diagram's own title: the write shape without pool names (the heading outside carries them). */
function shortShape(shape: WriteShape): string {
  if (shape.kind === 'erasure') return `erasure-coded pool, ${shape.dataChunks}+${shape.codingChunks} chunks`;
  return shape.defaulted ? `replicated, size ${shape.size} (Rook default)` : `replicated pool, size ${shape.size}`;
}

/** Whether public and cluster traffic run on one network (one legend note for both). */
function sharedNetwork(model: ClusterModel): boolean {
  const { public: pub, cluster: cl } = model;
  if (cl.kind === 'fallback') return false;
  if (pub.kind === cl.kind && (pub.kind === 'host' || pub.kind === 'pod')) return true;
  return (
    !!pub.nad &&
    !!cl.nad &&
    pub.nad.uri === cl.nad.uri &&
    pub.nad.name === cl.nad.name &&
    pub.nad.namespace === cl.nad.namespace
  );
}

export function sequenceDiagram(model: ClusterModel, shape: WriteShape): FlowDiagram {
  const ec = shape.kind === 'erasure';
  const total = ec ? shape.dataChunks + shape.codingChunks : shape.size;
  const drawn = Math.min(total, MAX_DRAWN_OSDS);
  const osds: Osd[] = [];
  for (let k = 1; k <= drawn; k++) osds.push({ id: `O${k}`, first: k, last: k === drawn ? total : k });
  const primary = osds[0];
  const others = osds.slice(1);
  const last = osds[osds.length - 1];

  const out: string[] = ['sequenceDiagram'];
  const nodes: Record<string, string> = { C: 'client' };
  const texts: [string, string][] = [];
  out.push(`    title One write: ${shortShape(shape)}`);
  out.push('    participant C as Client');
  for (const o of osds) {
    const name =
      o.first === 1 ? 'OSD 1 (primary)' : o.first === o.last ? `OSD ${o.first}` : `OSDs ${o.first} to ${o.last}`;
    out.push(`    participant ${o.id} as ${name}`);
    nodes[o.id] = 'osd';
  }

  // The legend: what each network is (plugin, master, ranges) in a note over the hops it carries;
  // the arrows then name the network only, so the diagram stays narrow enough to read.
  const note = (span: string, pieces: LabelPiece[], role: Role) => {
    const l = label(...pieces);
    out.push(`    Note over ${span}: ${l.mermaid}`);
    for (const line of l.lines) texts.push([line, role]);
  };
  if (sharedNetwork(model))
    note(`C,${last.id}`, legendPieces(model.public, model, 'public and cluster network'), 'public');
  else {
    note(`C,${primary.id}`, legendPieces(model.public, model, 'public network'), 'public');
    if (others.length)
      note(`${primary.id},${last.id}`, legendPieces(model.cluster, model, 'cluster network'), 'cluster');
  }
  if (others.length === 0)
    out.push(`    Note over ${primary.id}: size 1: no replicas, so no replication traffic on the cluster network`);

  const names: Record<Role, Label> = {
    public: label(...netNamePieces(model.public, model)),
    cluster: label(...netNamePieces(model.cluster, model)),
  };
  for (const role of ['public', 'cluster'] as const) texts.push([names[role].lines.join(' '), role]);
  const red: Record<Role, boolean> = {
    public: roleHasProblem(model, 'public'),
    cluster: roleHasProblem(model, 'cluster'),
  };
  /** Network hops, wrapped in a red box when their network has a problem. */
  const hopGroup = (role: Role, messages: [string, string, string][]) => {
    if (!messages.length) return;
    if (red[role]) out.push(`    ${PROBLEM_RECT}`);
    for (const [from, to, action] of messages)
      out.push(`    ${from}->>${to}: ${label(action, BR).mermaid}${names[role].mermaid}`);
    if (red[role]) out.push('    end');
  };
  const range = (o: Osd) => (o.first === o.last ? `${o.first}` : `${o.first} to ${o.last}`);
  const chunkKind = (o: Osd) =>
    !ec ? '' : o.last <= shape.dataChunks ? ' (data)' : o.first > shape.dataChunks ? ' (coding)' : ' (data and coding)';

  hopGroup('public', [['C', primary.id, 'Write data']]);
  if (ec)
    out.push(
      `    ${primary.id}-->>${primary.id}: Encode into ${count(shape.dataChunks, 'data chunk')} + ${count(shape.codingChunks, 'coding chunk')}`,
    );
  hopGroup(
    'cluster',
    others.map((o) => [
      primary.id,
      o.id,
      ec
        ? `Store chunk${o.first === o.last ? '' : 's'} ${range(o)}${chunkKind(o)}`
        : o.first === o.last
          ? 'Store a replica'
          : `Store replicas ${range(o)}`,
    ]),
  );
  out.push(`    ${primary.id}-->>${primary.id}: ${ec ? 'Write chunk 1 to disk' : 'Write to disk'}`);
  for (const o of others)
    out.push(
      `    ${o.id}-->>${o.id}: ${ec ? `Write chunk${o.first === o.last ? '' : 's'} ${range(o)} to disk` : 'Write to disk'}`,
    );
  hopGroup(
    'cluster',
    others.map((o) => [
      o.id,
      primary.id,
      ec
        ? o.first === o.last
          ? 'Chunk stored'
          : 'Chunks stored'
        : o.first === o.last
          ? 'Replica stored'
          : 'Replicas stored',
    ]),
  );
  hopGroup('public', [[primary.id, 'C', 'Write confirmed']]);

  return { kind: 'sequence', title: `One write: ${shapeTitle(shape)}`, mermaid: out.join('\n') + '\n', nodes, texts };
}

// How networks, NADs and problems are worded in the pictures. Every manifest string goes through
// `label()` pieces (`{ text }`), so it is clipped and escaped; the rest is our own wording.
import { BR, label, LabelPiece } from './escape';
import type { ClusterModel, FlowNetwork, NadInfo, Role, WriteShape } from './model';

/** `name`, or `namespace/name` when the NAD lives in another namespace than the cluster. */
export function nadRefPieces(net: FlowNetwork, clusterNamespace: string | undefined): LabelPiece[] {
  if (net.nad) {
    const ns = net.nad.namespace;
    return [{ text: ns !== undefined && ns !== clusterNamespace ? `${ns}/${net.nad.name}` : net.nad.name }];
  }
  const ref = net.ref ?? net.selector ?? '';
  // Like a found NAD: the cluster's own namespace goes without saying.
  const own = clusterNamespace !== undefined && ref.startsWith(`${clusterNamespace}/`);
  return [{ text: own ? ref.slice(clusterNamespace.length + 1) : ref }];
}

/** Plugin, master, ranges of a NAD, e.g. `macvlan · master eth0 · 192.168.20.0/24`. */
export function nadDetailPieces(nad: NadInfo): LabelPiece[] {
  if (!nad.configReadable) return [' · config not readable'];
  const out: LabelPiece[] = [];
  if (nad.pluginType !== undefined) out.push(' · ', { text: nad.pluginType });
  if (nad.master !== undefined) out.push(' · master ', { text: nad.master });
  if (nad.ranges.length) {
    out.push(' · ');
    nad.ranges.slice(0, 3).forEach((r, i) => out.push(...(i ? [', '] : []), { text: r }));
    if (nad.ranges.length > 3) out.push(` +${nad.ranges.length - 3} more`);
  } else if (nad.ipamType !== undefined) out.push(' · IPAM ', { text: nad.ipamType });
  return out;
}

/** The short name of a hop's network, for arrow labels: the NAD (`ns/name`), `host network`, ... */
export function netNamePieces(net: FlowNetwork, model: ClusterModel): LabelPiece[] {
  switch (net.kind) {
    case 'host':
      return ['host network'];
    case 'pod':
      return ['pod network'];
    case 'missing':
      return ['⚠ ', ...shortRef(net, model)];
    case 'nad':
      return shortRef(net, model);
    case 'fallback':
      return model.public.kind === 'nad' || model.public.kind === 'missing'
        ? netNamePieces(model.public, model)
        : ['pod network'];
  }
}

/** Arrow labels stay short: NAD references are clipped harder than elsewhere. */
const SHORT_REF = 32;

function shortRef(net: FlowNetwork, model: ClusterModel): LabelPiece[] {
  return nadRefPieces(net, model.namespace).map((p) => (typeof p === 'string' ? p : { ...p, max: SHORT_REF }));
}

/**
 * The legend of a hop's network, one fact a line (a note in the sequence diagram): what it is, then
 * plugin and master, then ranges.
 */
export function legendPieces(net: FlowNetwork, model: ClusterModel, heading: string): LabelPiece[] {
  switch (net.kind) {
    case 'host':
      return [`${heading}: host network`, BR, 'the interfaces of the nodes'];
    case 'pod':
      return [`${heading}: pod network`, BR, 'the default CNI of the cluster'];
    case 'missing':
      return [`${heading}: `, ...shortRef(net, model), BR, '⚠ NAD not found'];
    case 'nad': {
      const nad = net.nad!;
      const out: LabelPiece[] = [`${heading}: `, ...shortRef(net, model)];
      if (!nad.configReadable) return [...out, BR, 'config not readable'];
      const kind: LabelPiece[] = [];
      if (nad.pluginType !== undefined) kind.push({ text: nad.pluginType, max: SHORT_REF });
      if (nad.master !== undefined)
        kind.push(...(kind.length ? [' · '] : []), 'master ', { text: nad.master, max: SHORT_REF });
      if (kind.length) out.push(BR, ...kind);
      if (nad.ranges.length) {
        out.push(BR);
        nad.ranges.slice(0, 2).forEach((r, i) => out.push(...(i ? [', '] : []), { text: r, max: SHORT_REF }));
        if (nad.ranges.length > 2) out.push(` +${nad.ranges.length - 2} more`);
      } else if (nad.ipamType !== undefined) out.push(BR, 'IPAM ', { text: nad.ipamType, max: SHORT_REF });
      return out;
    }
    case 'fallback':
      return [`${heading}: none selected`, BR, 'replication shares the public network'];
  }
}

/** Whether hops on this role's network are drawn as a problem (red). */
export function roleHasProblem(model: ClusterModel, role: Role): boolean {
  const net = role === 'public' ? model.public : model.cluster;
  if (net.kind === 'missing') return true;
  if (net.kind === 'fallback' && model.public.kind === 'missing') return true;
  return model.problems.some((p) => p.severity !== 'info' && p.roles.includes(role));
}

/** `CephCluster ns/name` (plain text). */
export function clusterTitle(model: ClusterModel): string {
  const kind = model.source === 'helm' ? 'cephClusterSpec' : 'CephCluster';
  const name = model.name ?? '(unnamed)';
  return `${kind} ${model.namespace !== undefined ? `${model.namespace}/` : ''}${name}`;
}

export function clusterTitlePieces(model: ClusterModel): LabelPiece[] {
  return [
    model.source === 'helm' ? 'cephClusterSpec ' : 'CephCluster ',
    { text: `${model.namespace !== undefined ? `${model.namespace}/` : ''}${model.name ?? '(unnamed)'}` },
  ];
}

/** `replicated pool, size 3 (replicapool)`, `erasure-coded pool, 4+2 chunks (ecpool)` ... (pieces). */
export function shapePieces(shape: WriteShape): LabelPiece[] {
  const pools: LabelPiece[] = shape.pools.length
    ? [
        ' (',
        ...shape.pools.slice(0, 3).flatMap((p, i) => [...(i ? [', '] : []), { text: p }]),
        shape.pools.length > 3 ? ` +${shape.pools.length - 3} more)` : ')',
      ]
    : [];
  if (shape.kind === 'erasure')
    return [`erasure-coded pool, ${shape.dataChunks}+${shape.codingChunks} chunks`, ...pools];
  if (shape.defaulted) return [`replicated, size ${shape.size} (no CephBlockPool found: Rook default)`];
  return [`replicated pool, size ${shape.size}`, ...pools];
}

export function shapeTitle(shape: WriteShape): string {
  return label(...shapePieces(shape)).lines.join(' ');
}

export { BR };

// How networks, NADs and problems are worded in the pictures. Every manifest string goes through
// `label()` pieces (`{ text }`), so it is clipped and escaped; the rest is our own wording.
import { BR, Label, label, LabelPiece } from './escape';
import type { ClusterModel, FlowNetwork, NadInfo, Role, WriteShape } from './model';

export const FALLBACK_TEXT = 'public network (no cluster network selected)';

/** `name`, or `namespace/name` when the NAD lives in another namespace than the cluster. */
export function nadRefPieces(net: FlowNetwork, clusterNamespace: string | undefined): LabelPiece[] {
  if (net.nad) {
    const ns = net.nad.namespace;
    return [{ text: ns !== undefined && ns !== clusterNamespace ? `${ns}/${net.nad.name}` : net.nad.name }];
  }
  return [{ text: net.ref ?? net.selector ?? '' }];
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

/** What carries a hop on `net`, one line: `public network: ceph-public-net · macvlan · ...`, `host network`, ... */
export function hopPieces(net: FlowNetwork, model: ClusterModel): LabelPiece[] {
  switch (net.kind) {
    case 'host':
      return ['host network'];
    case 'pod':
      return ['pod network'];
    case 'missing':
      return [`${net.role} network: `, ...nadRefPieces(net, model.namespace), ' · ⚠ NAD not found'];
    case 'nad':
      return [`${net.role} network: `, ...nadRefPieces(net, model.namespace), ...nadDetailPieces(net.nad!)];
    case 'fallback': {
      const pub = model.public;
      if (pub.kind === 'nad')
        return [`${FALLBACK_TEXT}: `, ...nadRefPieces(pub, model.namespace), ...nadDetailPieces(pub.nad!)];
      if (pub.kind === 'missing')
        return [`${FALLBACK_TEXT}: `, ...nadRefPieces(pub, model.namespace), ' · ⚠ NAD not found'];
      return [`${FALLBACK_TEXT} · pod network`];
    }
  }
}

export function hopLabel(net: FlowNetwork, model: ClusterModel): Label {
  return label(...hopPieces(net, model));
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

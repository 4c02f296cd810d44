// The network topology of one CephCluster as a Mermaid flowchart: node interfaces (NAD masters) ->
// networks (NADs, host or pod network) -> Ceph daemons. Only the daemons the manifests imply are
// drawn (mon and mgr; mds with a CephFilesystem, rgw with a CephObjectStore, ...): they are on the
// public network only; OSDs are on the public and the cluster network. The CSI plugins reach Ceph
// from the host network (Rook 1.16 and later), or through the public network (Multus before 1.16).
// Networks with a problem are drawn in red; the problems themselves are listed once, above the
// diagrams (the preview's banner, the Markdown's list).
import { BR, label, LabelPiece } from './escape';
import { clusterTitlePieces, nadDetailPieces, nadRefPieces, roleHasProblem } from './labels';
import type { ClusterModel, FlowDiagram, FlowNetwork, NadInfo, Role } from './model';

/** Mermaid node id of a daemon name (ids are ours, never manifest text). */
const daemonId = (name: string) => `d_${name.replace(/[^a-z]/g, '')}`;

const PROBLEM_STYLE = 'fill:#f8d7da,stroke:#dc3545,color:#58151c,stroke-width:2px';
const PROBLEM_LINK = 'stroke:#dc3545,stroke-width:3px';

function networkPieces(net: FlowNetwork, model: ClusterModel, heading: string): LabelPiece[] {
  switch (net.kind) {
    case 'host':
      return ['host network', BR, 'interfaces of the nodes'];
    case 'pod':
      return ['pod network', BR, 'the default CNI of the cluster'];
    case 'missing':
      return [heading, BR, ...nadRefPieces(net, model.namespace), BR, '⚠ NAD not found'];
    case 'nad':
    case 'fallback': {
      const nad = net.nad!;
      return [heading, BR, ...nadRefPieces(net, model.namespace), ...detailLines(nad)];
    }
  }
}

/** Plugin and IPAM on one line, ranges on the next (the master is the interface node). */
function detailLines(nad: NadInfo): LabelPiece[] {
  if (!nad.configReadable) return [BR, 'config not readable'];
  const out: LabelPiece[] = [];
  const kind: LabelPiece[] = [];
  if (nad.pluginType !== undefined) kind.push({ text: nad.pluginType });
  if (nad.ipamType !== undefined) kind.push(...(kind.length ? [' · IPAM '] : ['IPAM ']), { text: nad.ipamType });
  if (kind.length) out.push(BR, ...kind);
  const ranges = nadDetailPieces({ ...nad, pluginType: undefined, master: undefined, ipamType: undefined });
  if (nad.ranges.length) out.push(BR, ...ranges.slice(1));
  return out;
}

export function topologyDiagram(model: ClusterModel): FlowDiagram {
  const out: string[] = ['flowchart LR'];
  const nodes: Record<string, string> = {};
  const links: string[] = [];
  const redLinks: number[] = [];
  const link = (line: string, red = false) => {
    if (red) redLinks.push(links.length);
    links.push(`    ${line}`);
  };

  const pub = model.public;
  const cl = model.cluster;
  const shared =
    cl.kind === 'fallback' ||
    (pub.kind === cl.kind && (pub.kind === 'host' || pub.kind === 'pod')) ||
    (pub.nad !== undefined &&
      cl.nad !== undefined &&
      pub.nad.uri === cl.nad.uri &&
      pub.nad.name === cl.nad.name &&
      pub.nad.namespace === cl.nad.namespace);
  const netId: Record<Role, string> = { public: 'net_public', cluster: shared ? 'net_public' : 'net_cluster' };
  const red: Record<Role, boolean> = {
    public: roleHasProblem(model, 'public'),
    cluster: roleHasProblem(model, 'cluster'),
  };

  // Node interfaces: the NADs' masters (devices), one node per distinct name.
  const ifaces: { id: string; name: string; roles: Role[] }[] = [];
  for (const net of shared ? [pub] : [pub, cl]) {
    const master = net.nad?.master;
    if (master === undefined) continue;
    const hit = ifaces.find((i) => i.name === master);
    if (hit) hit.roles.push(net.role);
    else ifaces.push({ id: `if_${ifaces.length + 1}`, name: master, roles: [net.role] });
  }
  if (ifaces.length) {
    out.push('    subgraph g_if["Node interfaces"]');
    for (const i of ifaces) {
      out.push(`        ${i.id}["${label({ text: i.name }).mermaid}"]`);
      nodes[i.id] = i.roles[0];
    }
    out.push('    end');
  }

  // Networks.
  if (shared) {
    const heading = cl.kind === 'fallback' ? 'public network' : pub.kind === 'nad' ? 'public + cluster network' : '';
    out.push(`    net_public["${label(...networkPieces(pub, model, heading)).mermaid}"]`);
    nodes.net_public = 'public';
  } else {
    out.push(`    net_public["${label(...networkPieces(pub, model, 'public network')).mermaid}"]`);
    out.push(`    net_cluster["${label(...networkPieces(cl, model, 'cluster network')).mermaid}"]`);
    nodes.net_public = 'public';
    nodes.net_cluster = 'cluster';
  }

  // The CSI plugins' network: the public one, or the host network (its own node unless public is it).
  const csiNet = model.csiNetwork === 'public' || pub.kind === 'host' ? 'net_public' : 'net_host';
  if (csiNet === 'net_host') {
    out.push('    net_host["host network<br/>interfaces of the nodes"]');
    nodes.net_host = 'network';
  }

  // Ceph daemons.
  const daemons = model.daemons.map((name) => [daemonId(name), name] as const);
  out.push(`    subgraph g_ceph["${label(...clusterTitlePieces(model)).mermaid}"]`);
  for (const [id, name] of daemons) {
    out.push(`        ${id}["${name}"]`);
    nodes[id] = 'daemons';
  }
  out.push('        d_osd["OSDs"]');
  nodes.d_osd = 'osd';
  out.push('    end');
  out.push('    d_csi["CSI plugins"]');
  nodes.d_csi = 'daemons';

  for (const i of ifaces) for (const role of i.roles) link(`${i.id} --- ${netId[role]}`, red[role]);
  for (const [id] of daemons) link(`net_public --- ${id}`, red.public);
  link(`${csiNet} --- d_csi`, csiNet === 'net_public' && red.public);
  if (shared) {
    const text =
      cl.kind === 'fallback' ? 'client I/O + replication, no cluster network selected' : 'client I/O + replication';
    // Edge labels are unquoted: no parentheses or other Mermaid shape characters in them.
    link(`net_public ===|${text}| d_osd`, red.public || red.cluster);
  } else {
    link('net_public ---|client I/O| d_osd', red.public);
    link('net_cluster ===|replication| d_osd', red.cluster);
  }

  out.push(...links);
  const redNets = [...new Set((['public', 'cluster'] as const).filter((r) => red[r]).map((r) => netId[r]))];
  if (redNets.length) {
    out.push(`    classDef problem ${PROBLEM_STYLE}`);
    out.push(`    class ${redNets.join(',')} problem`);
  }
  if (redLinks.length) out.push(`    linkStyle ${redLinks.join(',')} ${PROBLEM_LINK}`);
  return { kind: 'topology', title: 'Network topology', mermaid: out.join('\n') + '\n', nodes, texts: [] };
}

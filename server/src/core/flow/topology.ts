// The network topology of one CephCluster as a Mermaid flowchart: node interfaces (NAD masters) ->
// networks (NADs, host or pod network) -> Ceph daemons. mon, mgr, mds, rgw and the CSI plugins are
// on the public network only; OSDs are on the public and the cluster network. Problems are extra
// nodes linked to the network they concern, drawn in red with the networks they break.
import { BR, label, LabelPiece, wrappedPieces } from './escape';
import { clusterTitlePieces, nadDetailPieces, nadRefPieces, roleHasProblem } from './labels';
import type { ClusterModel, FlowDiagram, FlowNetwork, NadInfo, Role } from './model';

const DAEMONS: [string, string][] = [
  ['d_mon', 'mon'],
  ['d_mgr', 'mgr'],
  ['d_mds', 'mds'],
  ['d_rgw', 'rgw'],
  ['d_csi', 'CSI plugins'],
];

const PROBLEM_STYLE = 'fill:#f8d7da,stroke:#dc3545,color:#58151c,stroke-width:2px';
const NOTE_STYLE = 'fill:#fff3cd,stroke:#b58900,color:#533f03';
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
  const problemNodes: string[] = [];
  const noteNodes: string[] = [];
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

  // Ceph daemons.
  out.push(`    subgraph g_ceph["${label(...clusterTitlePieces(model)).mermaid}"]`);
  for (const [id, name] of DAEMONS) {
    out.push(`        ${id}["${name}"]`);
    nodes[id] = 'daemons';
  }
  out.push('        d_osd["OSDs"]');
  nodes.d_osd = 'osd';
  out.push('    end');

  for (const i of ifaces) for (const role of i.roles) link(`${i.id} --- ${netId[role]}`, red[role]);
  for (const [id] of DAEMONS) link(`net_public --- ${id}`, red.public);
  if (shared) {
    const text =
      cl.kind === 'fallback' ? 'client I/O + replication, no cluster network selected' : 'client I/O + replication';
    // Edge labels are unquoted: no parentheses or other Mermaid shape characters in them.
    link(`net_public ===|${text}| d_osd`, red.public || red.cluster);
  } else {
    link('net_public ---|client I/O| d_osd', red.public);
    link('net_cluster ===|replication| d_osd', red.cluster);
  }

  // Problems.
  model.problems.forEach((p, i) => {
    const id = `pr_${i + 1}`;
    const pieces = label(p.severity === 'info' ? '' : '⚠ ', ...wrappedPieces(p.message, 40));
    out.push(`    ${id}["${pieces.mermaid}"]`);
    if (p.target) nodes[id] = p.target;
    const to = p.roles.length ? netId[p.roles[p.roles.length - 1]] : 'net_public';
    link(`${id} -.- ${to}`, p.severity !== 'info');
    (p.severity === 'info' ? noteNodes : problemNodes).push(id);
  });

  out.push(...links);
  const redNets = [...new Set((['public', 'cluster'] as const).filter((r) => red[r]).map((r) => netId[r]))];
  if (redNets.length || problemNodes.length) {
    out.push(`    classDef problem ${PROBLEM_STYLE}`);
    out.push(`    class ${[...redNets, ...problemNodes].join(',')} problem`);
  }
  if (noteNodes.length) {
    out.push(`    classDef note ${NOTE_STYLE}`);
    out.push(`    class ${noteNodes.join(',')} note`);
  }
  if (redLinks.length) out.push(`    linkStyle ${redLinks.join(',')} ${PROBLEM_LINK}`);
  return { kind: 'topology', title: 'Network topology', mermaid: out.join('\n') + '\n', nodes, texts: [] };
}

// What the fields of a CephCluster's spec.network mean (Markdown), for hover and completion: one
// text per field, written from Rook's CRD and network-providers documentation (facts, our words).

/** Rook's page on network providers, where the network fields are explained. */
export const ROOK_NETWORK_DOCS = 'https://rook.io/docs/rook/latest/CRDs/Cluster/network-providers/';

export interface NetworkFieldDoc {
  /** The field's dotted path under spec.network, e.g. "selectors.public". */
  path: string;
  /** One line, for completion lists. */
  summary: string;
  /** More detail for hover (Markdown), after the summary. */
  detail?: string;
}

const FIELDS: NetworkFieldDoc[] = [
  {
    path: 'provider',
    summary: 'Network provider: `""` (the pod network, the default), `host` or `multus`.',
    detail:
      '`multus` attaches the NetworkAttachmentDefinitions named in `selectors` to the Ceph pods; `host` puts the Ceph daemons on the nodes\' networks. The CRD accepts only a change from or to `""`: to switch providers, go back to `""` first.',
  },
  {
    path: 'selectors',
    summary: 'Multus only: the `public` and `cluster` NetworkAttachmentDefinitions, as [namespace/]name.',
    detail:
      "Each value selects a NetworkAttachmentDefinition as the Multus networks annotation does (`namespace/name`, `name`, `name@interface`, or a JSON selection); a bare name resolves in the CephCluster's namespace. Ignored unless `provider: multus`. Rook detects the address ranges of the selected networks itself unless `addressRanges` names them.",
  },
  {
    path: 'selectors.public',
    summary: 'The NetworkAttachmentDefinition of the Ceph public network.',
    detail:
      'Clients (Ceph CSI, applications) reach the mons, OSDs and other daemons over this network; every Ceph pod is attached to it. Without it, Ceph uses the pod network for client traffic. From Rook 1.16 the CSI pods stay on the host network, so the nodes need a route into this network.',
  },
  {
    path: 'selectors.cluster',
    summary: 'The NetworkAttachmentDefinition of the Ceph cluster (replication) network.',
    detail:
      'Only the OSDs are attached to it: replication between OSDs and recovery after a failure use it, keeping that traffic off the public network. Without it, that traffic goes over the public network.',
  },
  {
    path: 'addressRanges',
    summary: 'CIDRs Ceph daemons take their addresses from, per network (`public`, `cluster`).',
    detail:
      "They become Ceph's `public_network` and `cluster_network`. Only with `provider: host` or `provider: multus`; with Multus they override the ranges Rook detects from the selected NetworkAttachmentDefinitions.",
  },
  {
    path: 'addressRanges.public',
    summary: 'The CIDRs of the Ceph public network (a list).',
    detail: "Ceph's `public_network`: each daemon binds to its address inside one of these ranges.",
  },
  {
    path: 'addressRanges.cluster',
    summary: 'The CIDRs of the Ceph cluster network (a list).',
    detail: "Ceph's `cluster_network`: OSDs bind their replication address inside one of these ranges.",
  },
  { path: 'ipFamily', summary: '`IPv4` (the default) or `IPv6`: the IP family Ceph daemons bind.' },
  { path: 'dualStack', summary: 'Bind both IPv4 and IPv6.' },
  {
    path: 'hostNetwork',
    summary: 'Legacy spelling of `provider: host`; prefer the provider.',
    detail: 'Rook 1.13.5 and later reject it together with a non-empty provider.',
  },
  { path: 'connections', summary: 'msgr2 settings: `encryption`, `compression`, `requireMsgr2`.' },
  {
    path: 'connections.requireMsgr2',
    summary: 'Use msgr2 (port 3300) only; the v1 port 6789 is closed.',
    detail: 'Kernel RBD and CephFS clients then need Linux 5.11 or later.',
  },
  { path: 'connections.encryption', summary: 'Encrypt traffic on the wire (msgr2 secure mode).' },
  { path: 'connections.compression', summary: 'Compress traffic on the wire.' },
  { path: 'multiClusterService', summary: 'Export the mon and OSD services to peer clusters (needs `clusterID`).' },
  { path: 'multiClusterService.enabled', summary: 'Export the services through an MCS API implementation.' },
  {
    path: 'multiClusterService.clusterID',
    summary: 'A name unique among the peer clusters, used in the exported service names.',
  },
];

const BY_PATH = new Map(FIELDS.map((f) => [f.path, f]));

/** The documentation of a field under spec.network (`path` dotted, e.g. "addressRanges.public"). */
export function networkFieldDoc(path: string): NetworkFieldDoc | undefined {
  return BY_PATH.get(path);
}

/** The fields directly under `parent` ("" for spec.network itself), in the order above. */
export function networkFieldsUnder(parent: string): NetworkFieldDoc[] {
  return FIELDS.filter((f) =>
    parent === ''
      ? !f.path.includes('.')
      : f.path.startsWith(`${parent}.`) && !f.path.slice(parent.length + 1).includes('.'),
  );
}

/** The values of provider, with what each means (Markdown); `""` written as it appears in YAML. */
export const PROVIDER_VALUES: readonly { value: string; doc: string }[] = [
  { value: 'multus', doc: 'Multus: the Ceph pods get the NetworkAttachmentDefinitions named in `selectors`.' },
  { value: 'host', doc: "Host networking: the Ceph daemons use the nodes' networks." },
  { value: '""', doc: "The cluster's pod network (the default)." },
];

// The replication-flow model of one CephCluster: which network carries client I/O (public) and
// which carries OSD replication (cluster), what each one is (a NAD with its plugin, master and
// ranges, the host network, the pod network), the write shapes of its pools, the problems worth
// drawing, and the source locations a click in the picture can reveal. Plain JSON: the language
// server sends it to the preview as is.

export type Role = 'public' | 'cluster';

/**
 * - `nad`: a NetworkAttachmentDefinition found in the workspace;
 * - `missing`: a selector names a NAD the workspace does not define;
 * - `host`: `provider: host` (or the legacy `hostNetwork: true`);
 * - `pod`: no provider, or a Multus cluster without a `public` selector;
 * - `fallback`: Multus without a `cluster` selector, so replication shares the public network.
 */
export type NetworkKind = 'nad' | 'missing' | 'host' | 'pod' | 'fallback';

export interface FlowPosition {
  line: number;
  character: number;
}

export interface FlowLocation {
  uri: string;
  range: { start: FlowPosition; end: FlowPosition };
}

export interface NadInfo {
  name: string;
  namespace?: string;
  uri: string;
  /** The first plugin's `type` (a conflist's first entry). */
  pluginType?: string;
  /** `master` (macvlan, ipvlan) or `device` (host-device). */
  master?: string;
  ipamType?: string;
  /** IPAM subnets / ranges as CIDR text. */
  ranges: string[];
  /** False when `spec.config` could not be read as a CNI config. */
  configReadable: boolean;
}

export interface FlowNetwork {
  role: Role;
  kind: NetworkKind;
  /** The selector value as written (`[ns/]name[@iface]`), when there is one. */
  selector?: string;
  /** What the selector names, `namespace/name` (namespace as resolved). */
  ref?: string;
  nad?: NadInfo;
}

export type FlowSeverity = 'error' | 'warning' | 'info';

export interface FlowProblem {
  severity: FlowSeverity;
  message: string;
  /** The networks the problem concerns (their hops and nodes are drawn in red for errors and warnings). */
  roles: Role[];
  /** Click target id (a key of ClusterModel.targets). */
  target?: string;
  /** The editor diagnostic this problem is (its rule id), when there is one: same severity, same words. */
  rule?: string;
}

export type WriteShape =
  | { kind: 'replicated'; size: number; pools: string[]; defaulted: boolean }
  | { kind: 'erasure'; dataChunks: number; codingChunks: number; pools: string[] };

export interface ClusterModel {
  /** Position among the clusters of its file (the code lens passes it back). */
  index: number;
  uri: string;
  name?: string;
  namespace?: string;
  /** 'cr' for a CephCluster, 'helm' for chart values' `cephClusterSpec`. */
  source: 'cr' | 'helm';
  /** `spec.network.provider` as written ('' when absent); undefined when it is not a string. */
  provider?: string;
  public: FlowNetwork;
  cluster: FlowNetwork;
  writes: WriteShape[];
  /**
   * The Ceph daemons besides the OSDs that the manifests imply, in drawing order: always mon and
   * mgr; mds with a CephFilesystem, rgw with a CephObjectStore, ... (CEPH_SERVICE_DAEMONS).
   */
  daemons: string[];
  /**
   * Where the CSI plugins reach Ceph from: the host network (Rook 1.16 and later, or without
   * Multus), or the public network (Multus before Rook 1.16: holder pods on the public NAD).
   */
  csiNetwork: 'host' | 'public';
  problems: FlowProblem[];
  /**
   * Click targets: `public`, `cluster` (their NAD, else their selector), `osd` (the cluster
   * network's selector), `client` and `daemons` (the public selector), `cephcluster` (the object),
   * `problem_N`.
   */
  targets: Record<string, FlowLocation>;
}

export type DiagramKind = 'sequence' | 'topology';

export interface FlowDiagram {
  kind: DiagramKind;
  /** Plain text (not Mermaid-escaped), for headings outside the diagram, e.g. `One write: replicated pool, size 3 (replicapool)`. */
  title: string;
  mermaid: string;
  /** Mermaid node / participant id -> click target id. */
  nodes: Record<string, string>;
  /** Rendered text of a label line -> click target id (message lines in sequence diagrams). */
  texts: [string, string][];
}

export interface ClusterFlow {
  model: ClusterModel;
  /** Plain text, e.g. `CephCluster rook-ceph/rook-ceph`. */
  title: string;
  diagrams: FlowDiagram[];
}

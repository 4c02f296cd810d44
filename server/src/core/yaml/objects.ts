// The Kubernetes objects we read, as found in a parsed YAML file (yaml/k8sObjects.ts finds them;
// yaml/providers.ts finds the NADs that operators render from their custom resources).
import type { Document, Node, Pair, Scalar } from 'yaml';
import type { Problem } from '../types';

export type ProviderKind =
  | 'SriovNetwork'
  | 'SriovIBNetwork'
  | 'OVSNetwork'
  | 'MacvlanNetwork'
  | 'HostDeviceNetwork'
  | 'IPoIBNetwork'
  | 'SpiderMultusConfig'
  | 'UserDefinedNetwork'
  | 'ClusterUserDefinedNetwork'
  | 'Network';

export interface ProviderInfo {
  kind: ProviderKind;
  apiVersion: string;
  /** The custom resource's own metadata.name / metadata.namespace. */
  crName?: string;
  crNamespace?: string;
  /** Where the NAD's name comes from (what rename edits). */
  nameField: 'metadata.name' | 'annotation' | 'entry';
  /** The mapping the operator renders from: `spec`, or the OpenShift additionalNetworks entry. */
  source?: Node;
  /** OpenShift: the index of the additionalNetworks entry. */
  entry?: number;
  /** ClusterUserDefinedNetwork: one NAD in every namespace its selector matches (not known here). */
  everyNamespace?: boolean;
}

export interface ObjectBase {
  docIndex: number;
  doc: Document.Parsed;
  /** metadata.name value, when it is a string. */
  name?: string;
  nameNode?: Scalar;
  /** metadata.namespace, when set; undefined means "whatever namespace it is applied to". */
  namespace?: string;
  namespaceNode?: Scalar;
  /** Where to point when the object as a whole is meant (kind value, or the Helm key). */
  anchor: [number, number];
}

export interface NadObject extends ObjectBase {
  kind: 'nad';
  specNode?: Node;
  configPair?: Pair<Node, Node>;
  configNode?: Node;
  resourceName?: string;
  /** Set when an operator renders this NAD from its own custom resource (yaml/providers.ts). */
  provider?: ProviderInfo;
}

export interface ClusterObject extends ObjectBase {
  kind: 'cluster';
  /** 'cr' for a CephCluster manifest, 'helm' for rook-ceph-cluster chart values (`cephClusterSpec`). */
  source: 'cr' | 'helm';
  specNode?: Node;
  networkPair?: Pair<Node, Node>;
  networkNode?: Node;
  /** Helm: the values mapping that holds `cephClusterSpec` (a values file's root, or a wrapper's values). */
  valuesNode?: Node;
  /**
   * Helm: the wrapper that carries the values names the rook-ceph-cluster chart (Flux HelmRelease,
   * Argo CD Application, kustomize helmCharts), so the values' keys are the chart's.
   */
  chart?: { wrapper: string };
}

export interface PoolObject extends ObjectBase {
  kind: 'pool';
  /** The CephCluster this pool belongs to is the one in the same namespace. */
  replicatedSize?: number;
  erasureCoded?: { dataChunks: number; codingChunks: number };
}

/**
 * A Spiderpool `SpiderIPPool` (cluster-scoped): the addresses a NAD with `spiderpool` IPAM hands out
 * when its config names the pool (`default_ipv4_ippool` / `default_ipv6_ippool`).
 */
export interface IpPoolObject extends Omit<ObjectBase, 'doc'> {
  kind: 'ipPool';
  /** spec.subnet as written (the pool's network), and where. */
  subnet?: string;
  subnetNode?: Scalar;
}

/** Keeps no reference to its document: a closed file's workloads must not pin their whole parse. */
export interface AnnotationRef extends Omit<ObjectBase, 'doc'> {
  kind: 'annotation';
  /** The workload's kind, e.g. Deployment. */
  workloadKind: string;
  /** NETWORKS_ANNOTATION or DEFAULT_NETWORK_ANNOTATION. */
  key: string;
  valueNode: Scalar;
  value: string;
}

/** A KubeVirt `networks[].multus.networkName` (VirtualMachine, VirtualMachineInstance, templates). */
export interface NetworkNameRef extends Omit<ObjectBase, 'doc'> {
  kind: 'networkName';
  /** VirtualMachine, VirtualMachineInstance, … */
  workloadKind: string;
  /** The entry's `name` (the VM's interface binding). */
  networkName?: string;
  valueNode: Scalar;
  value: string;
  /** `multus.default: true`: the pod's primary network. */
  isDefault: boolean;
}

/** Rook custom resources that run extra Ceph daemons (CephFilesystem: mds, CephObjectStore: rgw, ...). */
export interface CephServiceObject {
  /** The custom resource's kind, e.g. CephFilesystem. */
  crKind: string;
  name?: string;
  namespace?: string;
}

/** The Ceph daemon each of these Rook kinds runs (drawn in the replication-flow topology). */
export const CEPH_SERVICE_DAEMONS: Record<string, string> = {
  CephFilesystem: 'mds',
  CephObjectStore: 'rgw',
  CephNFS: 'nfs',
  CephRBDMirror: 'rbd-mirror',
  CephFilesystemMirror: 'cephfs-mirror',
};

export interface K8sObjects {
  nads: NadObject[];
  /** NADs that operators render from their custom resources (SriovNetwork, …). */
  providers: NadObject[];
  clusters: ClusterObject[];
  pools: PoolObject[];
  /** Spiderpool SpiderIPPools (the ranges of NADs with spiderpool IPAM). */
  ipPools: IpPoolObject[];
  annotations: AnnotationRef[];
  networkNames: NetworkNameRef[];
  /** CephFilesystem, CephObjectStore, ... (CEPH_SERVICE_DAEMONS); absent when there is none. */
  services?: CephServiceObject[];
  /** Findings made while finding objects (YAML syntax inside Argo CD `helm.values` strings). */
  problems?: Problem[];
  /** Source spans that fixes must not edit (YAML read from inside a string). */
  noFix?: [number, number][];
}

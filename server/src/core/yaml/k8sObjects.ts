// Finds the Kubernetes objects we care about in a parsed YAML file, with their source nodes:
// NetworkAttachmentDefinitions, CephClusters (and Helm values' cephClusterSpec), CephBlockPools,
// and pod-template network annotations.
import { Document, isMap, isScalar, Node, Pair, Scalar } from 'yaml';
import { hasUnknown } from '../text/unknown';
import { getPath, mapGet, mapPair, scalarString } from './yamlFile';

export const NAD_API_VERSION = 'k8s.cni.cncf.io/v1';
export const NAD_KIND = 'NetworkAttachmentDefinition';
export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';
export const RESOURCE_NAME_ANNOTATION = 'k8s.v1.cni.cncf.io/resourceName';

interface ObjectBase {
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
}

export interface ClusterObject extends ObjectBase {
  kind: 'cluster';
  /** 'cr' for a CephCluster manifest, 'helm' for rook-ceph-cluster chart values (`cephClusterSpec`). */
  source: 'cr' | 'helm';
  specNode?: Node;
  networkPair?: Pair<Node, Node>;
  networkNode?: Node;
}

export interface PoolObject extends ObjectBase {
  kind: 'pool';
  /** The CephCluster this pool belongs to is the one in the same namespace. */
  replicatedSize?: number;
  erasureCoded?: { dataChunks: number; codingChunks: number };
}

/** Keeps no reference to its document: a closed file's workloads must not pin their whole parse. */
export interface AnnotationRef extends Omit<ObjectBase, 'doc'> {
  kind: 'annotation';
  /** The workload's kind, e.g. Deployment. */
  workloadKind: string;
  valueNode: Scalar;
  value: string;
}

export interface K8sObjects {
  nads: NadObject[];
  clusters: ClusterObject[];
  pools: PoolObject[];
  annotations: AnnotationRef[];
}

const WORKLOAD_TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: ['metadata'],
  Deployment: ['spec', 'template', 'metadata'],
  StatefulSet: ['spec', 'template', 'metadata'],
  DaemonSet: ['spec', 'template', 'metadata'],
  ReplicaSet: ['spec', 'template', 'metadata'],
  ReplicationController: ['spec', 'template', 'metadata'],
  Job: ['spec', 'template', 'metadata'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
};

export function findObjects(docs: Document.Parsed[]): K8sObjects {
  const out: K8sObjects = { nads: [], clusters: [], pools: [], annotations: [] };
  docs.forEach((doc, docIndex) => {
    const root = doc.contents;
    if (!isMap(root)) return;
    const apiVersion = scalarString(mapGet(root, 'apiVersion', doc));
    const kindNode = mapGet(root, 'kind', doc);
    const kind = scalarString(kindNode);
    if (!kind || !apiVersion) {
      const helm = helmCluster(doc, docIndex);
      if (helm) out.clusters.push(helm);
      return;
    }
    const base = baseOf(doc, docIndex, root, kindNode);
    if (apiVersion === NAD_API_VERSION && kind === NAD_KIND) {
      const specNode = mapGet(root, 'spec', doc);
      const configPair = mapPair(specNode, 'config');
      const resourceName = scalarString(getPath(root, ['metadata', 'annotations', RESOURCE_NAME_ANNOTATION], doc));
      out.nads.push({
        ...base,
        kind: 'nad',
        specNode,
        configPair,
        configNode: configPair ? mapGet(specNode, 'config', doc) : undefined,
        resourceName,
      });
    } else if (apiVersion.startsWith('ceph.rook.io/') && kind === 'CephCluster') {
      const specNode = mapGet(root, 'spec', doc);
      const networkPair = mapPair(specNode, 'network');
      out.clusters.push({
        ...base,
        kind: 'cluster',
        source: 'cr',
        specNode,
        networkPair,
        networkNode: mapGet(specNode, 'network', doc),
      });
    } else if (apiVersion.startsWith('ceph.rook.io/') && kind === 'CephBlockPool') {
      const spec = mapGet(root, 'spec', doc);
      const size = num(getPath(spec, ['replicated', 'size'], doc));
      const k = num(getPath(spec, ['erasureCoded', 'dataChunks'], doc));
      const m = num(getPath(spec, ['erasureCoded', 'codingChunks'], doc));
      out.pools.push({
        ...base,
        kind: 'pool',
        replicatedSize: size,
        erasureCoded: k !== undefined && m !== undefined && k > 0 ? { dataChunks: k, codingChunks: m } : undefined,
      });
    } else if (kind in WORKLOAD_TEMPLATE_PATHS) {
      const meta = getPath(root, WORKLOAD_TEMPLATE_PATHS[kind], doc);
      const valueNode = mapGet(mapGet(meta, 'annotations', doc), NETWORKS_ANNOTATION, doc);
      if (isScalar(valueNode) && typeof valueNode.value === 'string') {
        const { doc: _doc, ...rest } = base;
        out.annotations.push({ ...rest, kind: 'annotation', workloadKind: kind, valueNode, value: valueNode.value });
      }
    }
  });
  return out;
}

function baseOf(doc: Document.Parsed, docIndex: number, root: Node, kindNode: Node | undefined): ObjectBase {
  const meta = mapGet(root, 'metadata', doc);
  const nameNode = mapGet(meta, 'name', doc);
  const nsNode = mapGet(meta, 'namespace', doc);
  const r = kindNode?.range ?? root.range ?? [0, 0, 0];
  return {
    docIndex,
    doc,
    // A name or namespace from a template action or a substitution variable is unknown.
    name: knownString(nameNode),
    nameNode: isScalar(nameNode) ? nameNode : undefined,
    namespace: knownString(nsNode) || undefined,
    namespaceNode: isScalar(nsNode) ? nsNode : undefined,
    anchor: [r[0], r[1]],
  };
}

/** rook-ceph-cluster chart values: `cephClusterSpec` is dumped verbatim into the CephCluster's spec. */
function helmCluster(doc: Document.Parsed, docIndex: number): ClusterObject | undefined {
  const root = doc.contents;
  const specPair = mapPair(root, 'cephClusterSpec');
  if (!specPair) return undefined;
  const specNode = mapGet(root, 'cephClusterSpec', doc);
  const networkPair = mapPair(specNode, 'network');
  const keyRange = (specPair.key as Node).range ?? [0, 0, 0];
  // The CephCluster lands in the Helm release namespace, which values files do not record.
  const clusterName = knownString(getPath(root, ['clusterName'], doc));
  return {
    docIndex,
    doc,
    name: clusterName,
    kind: 'cluster',
    source: 'helm',
    specNode,
    networkPair,
    networkNode: mapGet(specNode, 'network', doc),
    anchor: [keyRange[0], keyRange[1]],
  };
}

/** The string value of a scalar unless it holds an unknown token (see text/unknown.ts). */
function knownString(node: Node | undefined): string | undefined {
  const s = scalarString(node);
  return s !== undefined && !hasUnknown(s) ? s : undefined;
}

function num(node: Node | undefined): number | undefined {
  return isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
}

// Finds the Kubernetes objects we care about in a parsed YAML file, with their source nodes:
// NetworkAttachmentDefinitions, CephClusters (and Helm values' cephClusterSpec), CephBlockPools,
// and pod-template network annotations.
import { Document, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { closestOne as closestKey, editDistance } from '../text/suggest';
import { hasUnknown } from '../text/unknown';
import { embeddedValues } from './embeddedYaml';
import { CEPH_SERVICE_DAEMONS, type ClusterObject, type K8sObjects, type NadObject, type ObjectBase } from './objects';
import { findProviderNads, providerKindOf, SPIDERPOOL_GROUP } from './providers';
import { deref, getPath, mapGet, mapPair, scalarString } from './yamlFile';

export const NAD_API_VERSION = 'k8s.cni.cncf.io/v1';
export const NAD_KIND = 'NetworkAttachmentDefinition';
export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';
export const RESOURCE_NAME_ANNOTATION = 'k8s.v1.cni.cncf.io/resourceName';
/** The pod's primary network instead of the cluster default (Multus; KubeVirt writes it for multus.default). */
export const DEFAULT_NETWORK_ANNOTATION = 'v1.multus-cni.io/default-network';

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

/** Where KubeVirt objects keep their `networks` list (kubevirt.io/v1 schema.go; pool.kubevirt.io). */
const KUBEVIRT_NETWORK_PATHS: Record<string, string[]> = {
  VirtualMachineInstance: ['spec'],
  VirtualMachine: ['spec', 'template', 'spec'],
  VirtualMachineInstanceReplicaSet: ['spec', 'template', 'spec'],
  VirtualMachinePool: ['spec', 'virtualMachineTemplate', 'spec', 'template', 'spec'],
};

/**
 * The objects of the parsed documents. `text` (what the documents were parsed from) lets values
 * carried as YAML inside a string (Argo CD `helm.values`) be read too.
 */
export function findObjects(docs: Document.Parsed[], text = ''): K8sObjects {
  const out: K8sObjects = {
    nads: [],
    providers: [],
    clusters: [],
    pools: [],
    ipPools: [],
    annotations: [],
    networkNames: [],
  };
  docs.forEach((doc, docIndex) => visit(doc.contents, doc, docIndex, out, text, 0));
  return out;
}

/** One object (a document's root, or an item of a List), found wrappers followed. */
function visit(
  root: unknown,
  doc: Document.Parsed,
  docIndex: number,
  out: K8sObjects,
  text: string,
  depth: number,
): void {
  {
    if (!isMap(root)) return;
    const apiVersion = scalarString(mapGet(root, 'apiVersion', doc));
    const kindNode = mapGet(root, 'kind', doc);
    const kind = scalarString(kindNode);
    if (!kind || !apiVersion) {
      const helm = helmCluster(doc, docIndex, root);
      if (helm) out.clusters.push(helm);
      return;
    }
    if (/List$/.test(kind) && depth < 2) {
      // kind: List (kubectl get -o yaml, install guides) and typed lists: the items are objects.
      const items = mapGet(root, 'items', doc);
      if (isSeq(items)) for (const item of items.items) visit(deref(item, doc), doc, docIndex, out, text, depth + 1);
      return;
    }
    if (findReleases(root, doc, docIndex, apiVersion, kind, out, text)) return;
    const base = baseOf(doc, docIndex, root, kindNode);
    kindNearMiss(apiVersion, kind, kindNode, out);
    if (
      (apiVersion === NAD_API_VERSION && kind === NAD_KIND) ||
      (apiVersion.startsWith('ceph.rook.io/') && ROOK_CHECKED_KINDS.includes(kind))
    )
      unknownKeys(root, kind, doc, out);
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
    } else if (apiVersion.startsWith('ceph.rook.io/') && Object.hasOwn(CEPH_SERVICE_DAEMONS, kind)) {
      (out.services ??= []).push({
        crKind: kind,
        ...(base.name !== undefined ? { name: base.name } : {}),
        ...(base.namespace !== undefined ? { namespace: base.namespace } : {}),
      });
    } else if (apiVersion.startsWith(SPIDERPOOL_GROUP) && kind === 'SpiderIPPool') {
      const subnetNode = getPath(root, ['spec', 'subnet'], doc);
      const { doc: _doc, ...rest } = base;
      out.ipPools.push({
        ...rest,
        kind: 'ipPool',
        ...(isScalar(subnetNode) && typeof subnetNode.value === 'string'
          ? { subnet: subnetNode.value, subnetNode }
          : {}),
      });
    } else if (providerKindOf(apiVersion, kind)) {
      out.providers.push(...findProviderNads(doc, root, apiVersion, providerKindOf(apiVersion, kind)!, base));
    } else if (kind in WORKLOAD_TEMPLATE_PATHS) {
      const meta = getPath(root, WORKLOAD_TEMPLATE_PATHS[kind], doc);
      for (const key of [NETWORKS_ANNOTATION, DEFAULT_NETWORK_ANNOTATION]) {
        const valueNode = mapGet(mapGet(meta, 'annotations', doc), key, doc);
        if (isScalar(valueNode) && typeof valueNode.value === 'string') {
          const { doc: _doc, ...rest } = base;
          out.annotations.push({
            ...rest,
            kind: 'annotation',
            workloadKind: kind,
            key,
            valueNode,
            value: valueNode.value,
          });
        }
      }
    } else if (/^(pool\.)?kubevirt\.io\//.test(apiVersion) && kind in KUBEVIRT_NETWORK_PATHS) {
      const networks = mapGet(getPath(root, KUBEVIRT_NETWORK_PATHS[kind], doc), 'networks', doc);
      if (!isSeq(networks)) return;
      const { doc: _doc, ...rest } = base;
      for (const item of networks.items) {
        const multus = mapGet(item, 'multus', doc);
        const valueNode = mapGet(multus, 'networkName', doc);
        if (!isScalar(valueNode) || typeof valueNode.value !== 'string') continue;
        const isDefault = mapGet(multus, 'default', doc);
        out.networkNames.push({
          ...rest,
          kind: 'networkName',
          workloadKind: kind,
          networkName: scalarString(mapGet(item, 'name', doc)),
          valueNode,
          value: valueNode.value,
          isDefault: isScalar(isDefault) && isDefault.value === true,
        });
      }
    }
  }
}

/** The kinds we read, by API group; the other kinds of those groups are real and left alone. */
const OUR_KINDS: Record<string, { read: string[]; others: string[] }> = {
  'k8s.cni.cncf.io': { read: [NAD_KIND], others: ['MultiNetworkPolicy', 'IPAMClaim'] },
  'ceph.rook.io': {
    read: ['CephCluster', 'CephBlockPool'],
    others: [
      'CephBlockPoolRadosNamespace',
      'CephBucketNotification',
      'CephBucketTopic',
      'CephClient',
      'CephCOSIDriver',
      'CephFilesystem',
      'CephFilesystemMirror',
      'CephFilesystemSubVolumeGroup',
      'CephNFS',
      'CephObjectRealm',
      'CephObjectStore',
      'CephObjectStoreUser',
      'CephObjectZone',
      'CephObjectZoneGroup',
      'CephRBDMirror',
    ],
  },
};
const ROOK_CHECKED_KINDS = ['CephCluster', 'CephBlockPool'];

/**
 * A kind one slip away from one we read (`NetworkAttachmentDefinitions`, `Cephcluster`): the API
 * server has no such kind ("no matches for kind"), and the object would otherwise be skipped
 * silently.
 */
function kindNearMiss(apiVersion: string, kind: string, kindNode: Node | undefined, out: K8sObjects): void {
  if (!isScalar(kindNode) || !kindNode.range || hasUnknown(apiVersion) || hasUnknown(kind)) return;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  const at = { start: kindNode.range[0], end: kindNode.range[1] };
  // Our kinds under another API group are left alone: kustomize patches name a kind to target it.
  if (Object.values(OUR_KINDS).some((k) => k.read.includes(kind) || k.others.includes(kind))) return;
  const lower = kind.toLowerCase();
  for (const [g, kinds] of Object.entries(OUR_KINDS)) {
    if (group !== g && group !== '' && !group.endsWith(g.split('.').slice(-2).join('.'))) continue;
    const near = kinds.read.find((k) => {
      const kl = k.toLowerCase();
      return lower === kl || lower === `${kl}s` || editDistance(lower, kl) <= Math.min(2, Math.floor(k.length / 6));
    });
    if (!near || kinds.others.some((o) => o.toLowerCase() === lower)) continue;
    (out.problems ??= []).push({
      code: 'k8s/kind-near-miss',
      severity: 'error',
      message: `The kind "${kind}" does not exist: the API server rejects the object ("no matches for kind"), and it is not checked here. Did you mean "${near}"?`,
      ...at,
      data: { suggestion: near },
    });
    return;
  }
}

/** Keys the API server knows at the top of any object, and under the spec of a NAD. */
const OBJECT_KEYS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
const NAD_SPEC_KEYS = ['config'];

/**
 * Keys the API server does not know: kubectl's strict field validation (the default) rejects the
 * object ("strict decoding error: unknown field"), other clients drop the key silently.
 */
function unknownKeys(root: Node, kind: string, doc: Document.Parsed, out: K8sObjects): void {
  const report = (pair: Pair, known: string[], where: string) => {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range || hasUnknown(key.value)) return;
    if (known.includes(key.value)) return;
    const suggestion = closestKey(key.value, known);
    (out.problems ??= []).push({
      code: 'k8s/unknown-field',
      severity: 'error',
      message: `"${key.value}" is not a field ${where}: kubectl's strict field validation rejects the ${kind} ("unknown field"), and other clients drop it silently.${suggestion ? ` Did you mean "${suggestion}"?` : ' Remove it, or turn it into a comment (#).'}`,
      start: key.range[0],
      end: key.range[1],
      ...(suggestion ? { data: { suggestion } } : {}),
    });
  };
  // A document that does not parse cleanly (a docs fragment with "[...]") has no reliable keys.
  if (!isMap(root) || doc.errors.length) return;
  for (const pair of root.items) report(pair as Pair, OBJECT_KEYS, `of a Kubernetes object`);
  if (kind === NAD_KIND) {
    const spec = mapGet(root, 'spec', doc);
    if (isMap(spec))
      for (const pair of spec.items) report(pair as Pair, NAD_SPEC_KEYS, 'of a NetworkAttachmentDefinition spec');
  }
}

/**
 * The key of a NAD that k8s/unknown-field reports as a misspelling of spec or spec.config ("confg",
 * "spce"): the NAD then has a config the author meant, under a wrong key, and that finding says so.
 */
export function misspeltConfigKey(nad: NadObject): Scalar | undefined {
  const root = nad.doc.contents;
  if (!isMap(root) || nad.doc.errors.length) return undefined;
  const near = (map: YAMLMap, known: string[], want: string) =>
    map.items
      .map((p) => p.key)
      .find(
        (k): k is Scalar =>
          isScalar(k) &&
          typeof k.value === 'string' &&
          !known.includes(k.value) &&
          !hasUnknown(k.value) &&
          closestKey(k.value, known) === want,
      );
  if (isMap(nad.specNode)) return near(nad.specNode, NAD_SPEC_KEYS, 'config');
  return nad.specNode ? undefined : near(root, OBJECT_KEYS, 'spec');
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
function helmCluster(
  doc: Document.Parsed,
  docIndex: number,
  values: Node | undefined,
  release: { namespace?: string; wrapper?: string } = {},
): ClusterObject | undefined {
  const specPair = mapPair(values, 'cephClusterSpec');
  if (!specPair) return undefined;
  const specNode = mapGet(values, 'cephClusterSpec', doc);
  const networkPair = mapPair(specNode, 'network');
  const keyRange = (specPair.key as Node).range ?? [0, 0, 0];
  // The CephCluster lands in the Helm release namespace: values files do not record it, wrappers do.
  const clusterName = knownString(getPath(values, ['clusterName'], doc));
  return {
    docIndex,
    doc,
    name: clusterName,
    namespace: release.namespace,
    kind: 'cluster',
    source: 'helm',
    specNode,
    networkPair,
    networkNode: mapGet(specNode, 'network', doc),
    anchor: [keyRange[0], keyRange[1]],
    valuesNode: values,
    ...(release.wrapper ? { chart: { wrapper: release.wrapper } } : {}),
  };
}

export const ROOK_CLUSTER_CHART = 'rook-ceph-cluster';

/** A chart reference (name, OCI or repository URL, git path) that names the rook-ceph-cluster chart. */
function namesClusterChart(ref: string | undefined): boolean {
  return !!ref && /(^|[/:])rook-ceph-cluster\/?$/.test(ref.trim());
}

/**
 * GitOps wrappers that carry rook-ceph-cluster values: Flux HelmRelease (`spec.values`, chart by
 * `spec.chart.spec.chart` or `spec.chartRef.name`), Argo CD Application / ApplicationSet
 * (`spec.source(s)[].helm.valuesObject`, or `helm.values`: YAML inside a string) and kustomize
 * `helmCharts[].valuesInline`. True when `root` is such a wrapper (found clusters are added).
 */
function findReleases(
  root: Node,
  doc: Document.Parsed,
  docIndex: number,
  apiVersion: string,
  kind: string,
  out: K8sObjects,
  text: string,
): boolean {
  const ns = knownString(getPath(root, ['metadata', 'namespace'], doc));
  const add = (values: Node | undefined, named: boolean, namespace: string | undefined, wrapper: string) => {
    const c = helmCluster(doc, docIndex, values, { namespace, wrapper: named ? wrapper : undefined });
    if (c) out.clusters.push(c);
  };
  if (apiVersion.startsWith('helm.toolkit.fluxcd.io/') && kind === 'HelmRelease') {
    const spec = mapGet(root, 'spec', doc);
    const chart = scalarString(getPath(spec, ['chart', 'spec', 'chart'], doc));
    const ref = scalarString(getPath(spec, ['chartRef', 'name'], doc));
    const target = knownString(mapGet(spec, 'targetNamespace', doc)) ?? ns;
    add(mapGet(spec, 'values', doc), namesClusterChart(chart) || namesClusterChart(ref), target, 'HelmRelease');
    return true;
  }
  if (apiVersion.startsWith('argoproj.io/') && (kind === 'Application' || kind === 'ApplicationSet')) {
    const spec =
      kind === 'ApplicationSet' ? getPath(root, ['spec', 'template', 'spec'], doc) : mapGet(root, 'spec', doc);
    const target = knownString(getPath(spec, ['destination', 'namespace'], doc));
    const sources = [mapGet(spec, 'source', doc), ...seqItems(mapGet(spec, 'sources', doc), doc)];
    for (const source of sources) {
      const named =
        namesClusterChart(scalarString(mapGet(source, 'chart', doc))) ||
        namesClusterChart(scalarString(mapGet(source, 'path', doc)));
      const helm = mapGet(source, 'helm', doc);
      add(mapGet(helm, 'valuesObject', doc), named, target, `Argo CD ${kind}`);
      const values = mapGet(helm, 'values', doc);
      if (isScalar(values) && typeof values.value === 'string' && values.value.includes('cephClusterSpec')) {
        const inner = embeddedValues(text, values);
        if (inner) {
          (out.problems ??= []).push(...inner.problems);
          (out.noFix ??= []).push([inner.span[0], inner.span[1]]);
          const c = helmCluster(inner.doc, docIndex, inner.doc.contents ?? undefined, {
            namespace: target,
            wrapper: named ? `Argo CD ${kind}` : undefined,
          });
          if (c) out.clusters.push(c);
        }
      }
    }
    return true;
  }
  const charts = mapGet(root, 'helmCharts', doc);
  if (kind === 'Kustomization' && isSeq(charts)) {
    for (const item of seqItems(charts, doc)) {
      const named = namesClusterChart(scalarString(mapGet(item, 'name', doc)));
      add(
        mapGet(item, 'valuesInline', doc),
        named,
        knownString(mapGet(item, 'namespace', doc)) ?? knownString(mapGet(root, 'namespace', doc)),
        'kustomize helmCharts',
      );
    }
    return true;
  }
  return false;
}

function seqItems(node: Node | undefined, doc: Document.Parsed): Node[] {
  return isSeq(node) ? node.items.flatMap((i) => deref(i, doc) ?? []) : [];
}

/** The string value of a scalar unless it holds an unknown token (see text/unknown.ts). */
function knownString(node: Node | undefined): string | undefined {
  const s = scalarString(node);
  return s !== undefined && !hasUnknown(s) ? s : undefined;
}

function num(node: Node | undefined): number | undefined {
  return isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
}

// The network references a file makes — CephCluster (and Helm values) selectors, pod-template
// `k8s.v1.cni.cncf.io/networks` and `v1.multus-cni.io/default-network` annotations, and KubeVirt
// `networks[].multus.networkName` — parsed once per analysis, with file offsets.
import { Document, isMap, isScalar, Node, Scalar } from 'yaml';
import type { FileAnalysis } from '../analyze';
import { decodeScalar } from '../embedded/scalarSource';
import type { DecodedScalar } from '../embedded/types';
import { DEFAULT_NETWORK_ANNOTATION } from '../yaml/k8sObjects';
import type { AnnotationRef, ClusterObject, NetworkNameRef } from '../yaml/objects';
import { mapGet, scalarString } from '../yaml/yamlFile';
import { parseNetworkName, parseNetworkValue, ParsedRef, ParsedValue, type RefSyntaxError } from './networkRefs';

export type RefOrigin = 'selector' | 'annotation' | 'networkName';

/** How the namespace a reference resolves in was found. */
export type NamespaceSource = 'explicit' | 'owner' | 'any';

/** One scalar holding network references (a selector value or an annotation value). */
export interface RefValueSite {
  uri: string;
  origin: RefOrigin;
  /** Selector key (`public`, `cluster`, or an unknown key) for selectors. */
  selectorKey?: string;
  keyNode?: Scalar;
  cluster?: ClusterObject;
  annotation?: AnnotationRef;
  /** KubeVirt networkName. */
  vm?: NetworkNameRef;
  scalar: Scalar;
  decoded?: DecodedScalar;
  parsed: ParsedValue;
  /** Syntax errors mapped to file offsets (a fix's edits stay in value offsets). */
  errors: (RefSyntaxError & { start: number; end: number })[];
}

/** One reference to a NAD, with file offsets. */
export interface RefSite {
  uri: string;
  site: RefValueSite;
  ref: ParsedRef;
  name: string;
  /** The namespace it resolves in; undefined = any namespace (owner namespace unknown). */
  namespace?: string;
  namespaceSource: NamespaceSource;
  /** Helm values: the namespace most likely meant (`operatorNamespace`), preferred among candidates. */
  preferredNamespace?: string;
  entryStart: number;
  entryEnd: number;
  nameStart: number;
  nameEnd: number;
}

export interface FileRefs {
  sites: RefValueSite[];
  refs: RefSite[];
}

export const SELECTOR_KEYS = ['public', 'cluster'] as const;

const cache = new WeakMap<FileAnalysis, FileRefs>();

export function fileRefs(analysis: FileAnalysis): FileRefs {
  let hit = cache.get(analysis);
  if (!hit) {
    hit = collect(analysis);
    cache.set(analysis, hit);
  }
  return hit;
}

function collect(analysis: FileAnalysis): FileRefs {
  const out: FileRefs = { sites: [], refs: [] };
  const { text, uri } = analysis;
  for (const cluster of analysis.objects.clusters) {
    const selectors = mapGet(cluster.networkNode, 'selectors', cluster.doc);
    if (!isMap(selectors)) continue;
    const owner = ownerNamespace(cluster);
    for (const pair of selectors.items) {
      const key = pair.key;
      const value = pair.value;
      if (!isScalar(key) || typeof key.value !== 'string' || !isScalar(value) || typeof value.value !== 'string')
        continue;
      const isKnown = (SELECTOR_KEYS as readonly string[]).includes(key.value);
      const site = makeSite(text, uri, 'selector', value, { selectorKey: key.value, keyNode: key, cluster });
      out.sites.push(site);
      // Rook ignores other keys (>= 1.12.4): they select nothing, so they refer to nothing.
      if (isKnown) addRefs(out, site, owner);
    }
  }
  for (const annotation of analysis.objects.annotations) {
    const site = makeSite(text, uri, 'annotation', annotation.valueNode, { annotation });
    out.sites.push(site);
    if (annotation.key === DEFAULT_NETWORK_ANNOTATION) {
      // Multus looks a bare name up in its own namespace (multusNamespace, kube-system by default),
      // not the pod's (k8sclient.go tryLoadK8sPodDefaultNetwork); that setting is not in the workspace.
      addRefs(out, site, { preferred: 'kube-system' });
    } else addRefs(out, site, { namespace: annotation.namespace });
  }
  for (const vm of analysis.objects.networkNames) {
    const site = makeSite(text, uri, 'networkName', vm.valueNode, { vm });
    out.sites.push(site);
    // The VMI (and its pod) live in the owner's namespace (nad.go NetAttachDefNamespacedName).
    addRefs(out, site, { namespace: vm.namespace });
  }
  return out;
}

interface Owner {
  namespace?: string;
  preferred?: string;
}

function ownerNamespace(cluster: ClusterObject): Owner {
  if (cluster.source === 'cr') return { namespace: cluster.namespace };
  // Helm values: the CephCluster lands in the release namespace, which a GitOps wrapper records
  // (HelmRelease targetNamespace or namespace, Argo CD destination) and a values file does not.
  if (cluster.namespace) return { namespace: cluster.namespace };
  // `operatorNamespace` is usually the same one, so it is preferred but not required.
  const root = (cluster.valuesNode ?? cluster.doc.contents) as Node | null;
  return { preferred: scalarString(mapGet(root, 'operatorNamespace', cluster.doc as Document)) || undefined };
}

function makeSite(
  text: string,
  uri: string,
  origin: RefOrigin,
  scalar: Scalar,
  extra: Partial<RefValueSite>,
): RefValueSite {
  const value = String(scalar.value);
  const decoded = decodeScalar(text, scalar);
  const parsed =
    origin === 'networkName'
      ? parseNetworkName(value)
      : parseNetworkValue(value, origin === 'selector' ? 'selector' : 'annotation');
  if (extra.annotation?.key === DEFAULT_NETWORK_ANNOTATION && parsed.refs.length > 1) {
    parsed.errors.push({
      message: `Multus takes exactly one default network, but this value names ${parsed.refs.length}; the pod fails to start.`,
      start: parsed.refs[1].entryStart,
      end: parsed.refs[parsed.refs.length - 1].entryEnd,
    });
  }
  const map = (s: number, e: number): [number, number] => {
    if (decoded) return decoded.rangeToSource(s, e);
    const r = scalar.range ?? [0, 0];
    return [r[0], r[1]];
  };
  const errors = parsed.errors.map((e) => {
    const [s, end] = map(e.start, e.end);
    return { ...e, start: s, end };
  });
  return { uri, origin, scalar, decoded, parsed, errors, ...extra };
}

function addRefs(out: FileRefs, site: RefValueSite, owner: Owner): void {
  for (const ref of site.parsed.refs) {
    const [entryStart, entryEnd] = site.decoded
      ? site.decoded.rangeToSource(ref.entryStart, ref.entryEnd)
      : nodeRange(site.scalar);
    const [nameStart, nameEnd] = site.decoded
      ? site.decoded.rangeToSource(ref.nameStart, ref.nameEnd)
      : nodeRange(site.scalar);
    const namespaceSource: NamespaceSource = ref.namespace ? 'explicit' : owner.namespace ? 'owner' : 'any';
    out.refs.push({
      uri: site.uri,
      site,
      ref,
      name: ref.name,
      namespace: ref.namespace ?? owner.namespace,
      namespaceSource,
      preferredNamespace: namespaceSource === 'any' ? owner.preferred : undefined,
      entryStart,
      entryEnd,
      nameStart,
      nameEnd,
    });
  }
}

function nodeRange(n: Scalar): [number, number] {
  const r = n.range ?? [0, 0];
  return [r[0], r[1]];
}

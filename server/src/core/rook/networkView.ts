// A typed view of one CephCluster's `spec.network` (or Helm values' `cephClusterSpec.network`) with
// the source nodes the checks point at. Shared by the file-local and the cross-file rook checks.
import { Document, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { ClusterObject } from '../yaml/objects';
import { deref, mapGet, mapPair } from '../yaml/yamlFile';
import { Cidr, cidrProblem, Family, parseCidr } from '../net/ip';

export const PROVIDERS = ['', 'host', 'multus'] as const;

/** Rook's CRD pattern for addressRanges entries. */
export const CRD_CIDR_PATTERN = /^[0-9a-fA-F:.]{2,}\/[0-9]{1,3}$/;
export const IP_FAMILIES = ['IPv4', 'IPv6'] as const;

export interface RangeEntry {
  node: Node;
  text?: string;
  cidr?: Cidr;
  /** Why the entry is not a valid CIDR (pattern or Go parse), when it is a string. */
  error?: string;
  patternFails?: boolean;
}

export interface NetworkView {
  cluster: ClusterObject;
  doc: Document.Parsed;
  map: YAMLMap<Node, Node>;
  /** `spec.network` or `cephClusterSpec.network`, for messages. */
  path: string;
  providerPair?: Pair<Node, Node>;
  providerNode?: Node;
  /** The provider string ('' when absent or null); undefined when it is not a string. */
  provider?: string;
  providerValid: boolean;
  hostNetworkPair?: Pair<Node, Node>;
  hostNetwork: boolean;
  selectorsPair?: Pair<Node, Node>;
  selectors?: YAMLMap<Node, Node>;
  addressRangesPair?: Pair<Node, Node>;
  addressRanges: Record<'public' | 'cluster', { pair?: Pair<Node, Node>; entries: RangeEntry[] }>;
  ipFamilyNode?: Node;
  ipFamily?: string;
  dualStack: boolean;
  /** The family Ceph binds when not dual-stack (default IPv4); undefined when dual-stack or ipFamily is invalid. */
  boundFamily?: Family;
}

const viewCache = new WeakMap<ClusterObject, NetworkView | null>();

export function networkView(cluster: ClusterObject): NetworkView | undefined {
  const hit = viewCache.get(cluster);
  if (hit !== undefined) return hit ?? undefined;
  const v = build(cluster);
  viewCache.set(cluster, v ?? null);
  return v;
}

function build(cluster: ClusterObject): NetworkView | undefined {
  const map = cluster.networkNode;
  if (!isMap(map)) return undefined;
  const doc = cluster.doc;
  const get = (key: string) => mapGet(map, key, doc);
  const providerNode = get('provider');
  let provider: string | undefined = '';
  if (providerNode && !(isScalar(providerNode) && providerNode.value === null))
    provider = isScalar(providerNode) && typeof providerNode.value === 'string' ? providerNode.value : undefined;
  const hn = get('hostNetwork');
  const sel = get('selectors');
  const ar = get('addressRanges');
  const ipFamilyNode = get('ipFamily');
  const ipFamily = isScalar(ipFamilyNode) && typeof ipFamilyNode.value === 'string' ? ipFamilyNode.value : undefined;
  const ds = get('dualStack');
  const dualStack = isScalar(ds) && ds.value === true;
  const ipFamilyAbsent = !ipFamilyNode || (isScalar(ipFamilyNode) && ipFamilyNode.value === null);
  const ipFamilyValid =
    ipFamilyAbsent || (ipFamily !== undefined && (IP_FAMILIES as readonly string[]).includes(ipFamily));
  const ranges = (key: 'public' | 'cluster') => {
    const pair = mapPair(ar, key);
    const seq = mapGet(ar, key, doc);
    const entries: RangeEntry[] = [];
    if (isSeq(seq)) {
      for (const item of seq.items) {
        const node = deref(item, doc);
        if (!node) continue;
        if (isScalar(node) && typeof node.value === 'string') {
          const text = node.value;
          const patternFails = !CRD_CIDR_PATTERN.test(text);
          const cidr = patternFails ? undefined : parseCidr(text);
          const error = patternFails || cidr ? undefined : `it ${cidrProblem(text)}`;
          entries.push({ node, text, patternFails, error, cidr });
        } else entries.push({ node });
      }
    }
    return { pair, entries };
  };
  return {
    cluster,
    doc,
    map: map as YAMLMap<Node, Node>,
    path: cluster.source === 'helm' ? 'cephClusterSpec.network' : 'spec.network',
    providerPair: mapPair(map, 'provider'),
    providerNode,
    provider,
    providerValid: provider !== undefined && (PROVIDERS as readonly string[]).includes(provider),
    hostNetworkPair: mapPair(map, 'hostNetwork'),
    hostNetwork: isScalar(hn) && hn.value === true,
    selectorsPair: mapPair(map, 'selectors'),
    selectors: isMap(sel) ? (sel as YAMLMap<Node, Node>) : undefined,
    addressRangesPair: mapPair(map, 'addressRanges'),
    addressRanges: { public: ranges('public'), cluster: ranges('cluster') },
    ipFamilyNode,
    ipFamily,
    dualStack,
    boundFamily: dualStack || !ipFamilyValid ? undefined : ipFamily === 'IPv6' ? 6 : 4,
  };
}

/** The selector value for `key` when it is a non-empty string (an empty string selects nothing). */
export function selectionOf(v: NetworkView, key: string): Scalar | undefined {
  const node = mapGet(v.selectors, key, v.doc);
  return isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '' ? node : undefined;
}

export function span(node: Node | undefined | null): [number, number] | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

export function keySpan(pair: Pair<Node, Node> | undefined): [number, number] | undefined {
  return span(pair?.key as Node | undefined);
}

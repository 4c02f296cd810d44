// What the cross-file checks need to know about a NAD's CNI config, read from the CNI checker's
// summary (and, for the few details the summary does not carry, from the JSON itself).
import { hasUnknown } from '../text/unknown';
import { findNodeAtLocation, getNodeValue, Node as JsonNode, parseTree } from 'jsonc-parser';
import type { NadAnalysis } from '../nad/nadChecks';
import { Cidr, parseCidrOrAddress } from '../net/ip';

export interface NadRange {
  /** As written in the config (e.g. "192.168.1.0/24", or whereabouts' "10.0.0.10-10.0.0.20/24"). */
  text: string;
  cidr: Cidr;
  /** Canonical network form, e.g. "192.168.1.0/24". */
  network: string;
  /** Where the range is written when it is not in the NAD's config (a SpiderIPPool's spec.subnet). */
  source?: { uri: string; start: number; end: number; what: string };
}

export interface NadFacts {
  /** False when the config is absent, not a string or not a JSON object: nothing is known. */
  known: boolean;
  isList: boolean;
  pluginTypes: string[];
  mainType?: string;
  master?: string;
  hasIpam: boolean;
  ipamTypes: string[];
  ranges: NadRange[];
  /** Route destinations of the IPAM (`routes[].dst`). */
  routes: string[];
  /** whereabouts configured only through `ipRanges` (no `range`). */
  whereaboutsIpRangesOnly: boolean;
  /** host-local with `subnet`/`ranges`, or static with `addresses` (readable by Rook <= 1.12.3). */
  legacyReadableRange: boolean;
  /**
   * Spiderpool IPAM: the SpiderIPPools it names (`default_ipv4_ippool`, `default_ipv6_ippool`); their
   * `spec.subnet` are the ranges, found in the workspace (WorkspaceIndex.factsOf).
   */
  spiderPools: string[];
}

/** The summary contract of cni/checkConfig.ts, read defensively. */
interface SummaryLike {
  pluginTypes?: unknown;
  mainType?: unknown;
  master?: unknown;
  ipamTypes?: unknown;
  ranges?: unknown;
  isList?: unknown;
  hasIpam?: unknown;
  routes?: unknown;
}

const UNKNOWN: NadFacts = {
  known: false,
  isList: false,
  pluginTypes: [],
  hasIpam: false,
  ipamTypes: [],
  ranges: [],
  routes: [],
  whereaboutsIpRangesOnly: false,
  legacyReadableRange: false,
  spiderPools: [],
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function nadFacts(n: NadAnalysis): NadFacts {
  // A NAD declared in a configuration file (externalNetworks): its config is not known here.
  if (n.external)
    return { ...UNKNOWN, mainType: n.external.type, pluginTypes: n.external.type ? [n.external.type] : [] };
  const value = n.decoded?.value ?? n.rendered;
  if (value === undefined) return UNKNOWN;
  // A config holding a template action, a substitution variable or a placeholder is not known:
  // no cross-file finding may rest on it (its facts stay for hovers and the flow picture).
  if (hasUnknown(value)) return { ...factsOf(n, value), known: false };
  return factsOf(n, value);
}

function factsOf(n: NadAnalysis, value: string): NadFacts {
  const root = parseTree(value, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return UNKNOWN;
  const summary = (n.cni as { summary?: SummaryLike } | undefined)?.summary;
  const own = fromJson(root);
  if (!summary) return own;
  const rangeTexts = Array.isArray(summary.ranges)
    ? (summary.ranges as unknown[]).flatMap((r) =>
        r && typeof r === 'object' && typeof (r as { cidr?: unknown }).cidr === 'string'
          ? [(r as { cidr: string }).cidr]
          : [],
      )
    : undefined;
  return {
    ...own,
    isList: typeof summary.isList === 'boolean' ? summary.isList : own.isList,
    pluginTypes: Array.isArray(summary.pluginTypes) ? strings(summary.pluginTypes) : own.pluginTypes,
    mainType: typeof summary.mainType === 'string' ? summary.mainType : own.mainType,
    master: typeof summary.master === 'string' ? summary.master : own.master,
    hasIpam: typeof summary.hasIpam === 'boolean' ? summary.hasIpam : own.hasIpam,
    ipamTypes: Array.isArray(summary.ipamTypes) ? strings(summary.ipamTypes) : own.ipamTypes,
    ranges: rangeTexts?.length ? toRanges(rangeTexts) : own.ranges,
    routes: Array.isArray(summary.routes) ? strings(summary.routes) : own.routes,
  };
}

/** Reads the facts straight from the JSON (used when the summary is missing a field). */
function fromJson(root: JsonNode): NadFacts {
  const at = (node: JsonNode | undefined, path: (string | number)[]) =>
    node ? findNodeAtLocation(node, path) : undefined;
  const str = (node: JsonNode | undefined) => (node?.type === 'string' ? (node.value as string) : undefined);
  const pluginsNode = at(root, ['plugins']);
  const isList = pluginsNode?.type === 'array';
  const plugins: JsonNode[] = isList ? (pluginsNode!.children ?? []).filter((c) => c.type === 'object') : [root];
  const pluginTypes: string[] = [];
  const ipamTypes: string[] = [];
  const rangeTexts: string[] = [];
  const routes: string[] = [];
  let hasIpam = false;
  let master: string | undefined;
  let whereaboutsRange = false;
  let whereaboutsIpRanges = false;
  let legacy = false;
  const spiderPools: string[] = [];
  for (const p of plugins) {
    const type = str(at(p, ['type']));
    if (type) pluginTypes.push(type);
    // OVN-Kubernetes secondary networks: comma-separated "subnets" (Layer3: cidr/hostSubnet), no IPAM.
    const subnets = type === 'ovn-k8s-cni-overlay' ? str(at(p, ['subnets'])) : undefined;
    if (subnets) for (const s of subnets.split(',')) rangeTexts.push(s.trim().replace(/^([^/]+\/\d+)\/\d+$/, '$1'));
    master ??= str(at(p, ['master']));
    const ipam = at(p, ['ipam']);
    const ipamType = str(at(ipam, ['type']));
    if (!ipamType) continue;
    hasIpam = true;
    ipamTypes.push(ipamType);
    for (const r of at(ipam, ['routes'])?.children ?? []) {
      const dst = str(at(r, ['dst']));
      if (dst) routes.push(dst);
    }
    if (ipamType === 'host-local') {
      const subnet = str(at(ipam, ['subnet']));
      if (subnet) rangeTexts.push(subnet);
      for (const set of at(ipam, ['ranges'])?.children ?? [])
        for (const r of set.children ?? []) {
          const s = str(at(r, ['subnet']));
          if (s) rangeTexts.push(s);
        }
      if (rangeTexts.length) legacy = true;
    } else if (ipamType === 'whereabouts') {
      const range = str(at(ipam, ['range']));
      if (range) {
        rangeTexts.push(range);
        whereaboutsRange = true;
      }
      for (const r of at(ipam, ['ipRanges'])?.children ?? []) {
        const s = str(at(r, ['range']));
        if (s) {
          rangeTexts.push(s);
          whereaboutsIpRanges = true;
        }
      }
      if (whereaboutsRange) legacy = true;
    } else if (ipamType === 'spiderpool') {
      for (const key of ['default_ipv4_ippool', 'default_ipv6_ippool'])
        for (const c of at(ipam, [key])?.children ?? []) {
          const pool = str(c);
          if (pool) spiderPools.push(pool);
        }
    } else if (ipamType === 'static') {
      const addrs = getNodeValue(at(ipam, ['addresses']) ?? ({ type: 'null', offset: 0, length: 0 } as JsonNode));
      if (Array.isArray(addrs)) {
        for (const a of addrs) if (a && typeof a.address === 'string') rangeTexts.push(a.address);
      }
      if (rangeTexts.length) legacy = true;
    }
  }
  return {
    known: true,
    isList,
    pluginTypes,
    mainType: pluginTypes[0],
    master,
    hasIpam,
    ipamTypes,
    ranges: toRanges(rangeTexts),
    routes,
    whereaboutsIpRangesOnly: whereaboutsIpRanges && !whereaboutsRange,
    legacyReadableRange: legacy && !isList,
    spiderPools,
  };
}

export function toRanges(texts: string[]): NadRange[] {
  const out: NadRange[] = [];
  for (const text of texts) {
    // whereabouts accepts "first-last/prefix"; the network is what follows the dash.
    const m = /^\s*[^/]*-([^-]+\/\d+)\s*$/.exec(text);
    const cidr = parseCidrOrAddress(m ? m[1] : text.trim());
    if (cidr) out.push({ text, cidr, network: cidr.network.text });
  }
  return out;
}

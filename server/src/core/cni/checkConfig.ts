// Entry point of the CNI checks on one spec.config text: strict JSON first (and nothing else when
// it does not parse), then the plugin/IPAM schemas, then the semantic rules the schemas cannot
// express: the config's shape, cniVersion, per-plugin values and the IPAM address math.
import type { Node } from 'jsonc-parser';
import type { JsonProblem } from '../types';
import {
  checkVersion,
  checkVersionNeeds,
  DEFAULT_VERSION,
  PLUGIN_MIN_VERSION,
  type VersionInfo,
  type VersionNeed,
} from './cniVersion';
import { maskJsonUnknowns, onlyUnknown, type Span, touchesUnknown } from '../text/unknown';
import { checkShape, type ConfigShape } from './configShape';
import { Findings } from './findings';
import { checkIpam, type IpamResult } from './ipamRules';
import { field, fieldStr, setValue, str } from './jsonNodes';
import { checkRuntimeConfig } from './runtimeConfig';
import { parseStrictJson } from './json';
import { familyName } from '../net/ip';
import { checkPlugin } from './pluginRules';
import { validateWithSchemas } from './schemaValidation';

export { CNI_VERSIONS } from './cniVersion';

export interface CniContext {
  /** The NAD's metadata.name (suggested as the list name). */
  metadataName?: string;
  /** The NAD has a `k8s.v1.cni.cncf.io/resourceName` annotation (Multus injects deviceID/pciBusID). */
  hasResourceName?: boolean;
  extraPluginTypes?: string[];
  extraIpamTypes?: string[];
  /**
   * The config sits in a Go template and template actions were masked in it: its JSON structure
   * is only known once rendered (an `{{ if }}` may add or drop members), so JSON syntax and
   * duplicate keys are not reported.
   */
  templated?: boolean;
}

/** What later code (the Rook cross-file rules, the index) needs to know about the config. */
export interface CniSummary {
  pluginTypes: string[];
  /** The first plugin's type (the one that creates the interface). */
  mainType?: string;
  /** The first plugin's `master` (or host-device `device`). */
  master?: string;
  ipamTypes: string[];
  /** IPAM subnets/ranges/static addresses as CIDR text, with JSON offsets of the value. */
  ranges: { cidr: string; start: number; end: number }[];
  cniVersion?: string;
  name?: string;
  isList: boolean;
  hasIpam: boolean;
  /** Route destinations of the IPAM configs. */
  routes: string[];
}

export interface CniResult {
  problems: JsonProblem[];
  root?: Node;
  summary?: CniSummary;
}

export function checkCniConfig(source: string, ctx: CniContext): CniResult {
  // Values that are template actions, substitution variables or placeholders are unknown: the
  // checks run on a text where they parse, and no finding may rest on them (see dropUnknown).
  const masked = maskJsonUnknowns(source);
  if (masked && onlyUnknown(source)) return { problems: [] };
  const { shape, version, ...result } = checkKnown(masked?.text ?? source, ctx);
  if (masked || ctx.templated)
    result.problems = dropUnknown(result.problems, shape, version, masked?.spans ?? [], !!ctx.templated);
  return result;
}

/** Drops the findings that rest on an unknown value. */
function dropUnknown(
  problems: JsonProblem[],
  shape: ConfigShape | undefined,
  version: VersionInfo | undefined,
  spans: Span[],
  templated: boolean,
): JsonProblem[] {
  const unknown = (n: Node | undefined) => !!n && touchesUnknown(spans, n.offset, n.offset + n.length);
  const within: Node[] = [];
  // A plugin whose type is unknown: all its findings rest on the type; the same for an IPAM type.
  for (const e of shape?.entries ?? []) {
    if (unknown(e.typeNode)) within.push(e.node);
    const ipam = field(e.node, 'ipam')?.value;
    if (ipam && unknown(field(ipam, 'type')?.value)) within.push(ipam);
  }
  const versionUnknown = unknown(version?.node);
  return problems.filter((p) => {
    if (templated && (p.code === 'json/syntax' || p.code === 'json/duplicate-key')) return false;
    if (touchesUnknown(spans, p.start, p.end)) return false;
    if (versionUnknown && /^cni\/(version-|unsupported-cniVersion|missing-cniVersion)/.test(p.code)) return false;
    if (p.code.startsWith('json/')) return true;
    return !within.some((n) => p.start >= n.offset && p.end <= n.offset + n.length);
  });
}

function checkKnown(text: string, ctx: CniContext): CniResult & { shape?: ConfigShape; version?: VersionInfo } {
  const parsed = parseStrictJson(text);
  const { root } = parsed;
  if (!root || parsed.problems.some((p) => p.code === 'json/syntax')) return { problems: parsed.problems };
  const f = new Findings();
  f.problems.push(...parsed.problems);
  if (root.type !== 'object') {
    f.error(
      'json/not-object',
      `The CNI config must be a JSON object {...}, not ${root.type === 'array' ? 'a list' : `a ${root.type}`}: Multus and the admission webhook reject it. Wrap it as {"cniVersion": "${DEFAULT_VERSION}", "type": ..., ...}.`,
      root,
    );
    return { problems: f.problems, root };
  }
  f.problems.push(
    ...validateWithSchemas(root, text, { extraPluginTypes: ctx.extraPluginTypes, extraIpamTypes: ctx.extraIpamTypes }),
  );

  const shape = checkShape(root, ctx, f);
  const version = checkVersion(root, shape.isList, f);
  const summary: CniSummary = {
    pluginTypes: shape.entries.map((e) => e.type),
    ipamTypes: [],
    ranges: [],
    cniVersion: str(version.member?.value),
    name: str(shape.name?.value),
    isList: shape.isList,
    hasIpam: false,
    routes: [],
  };
  const needs: VersionNeed[] = [];
  const pluginCtx = { isList: shape.isList, entries: shape.entries, hasResourceName: !!ctx.hasResourceName };
  const ipams: IpamResult[] = [];
  for (const e of shape.entries) {
    checkPlugin(e, pluginCtx, f);
    const min = PLUGIN_MIN_VERSION[e.type];
    if (min)
      needs.push({ min, why: `${e.type} supports CNI ${min} and later only`, at: e.typeNode, severity: 'error' });
    const ipam = checkIpam(e, { isList: shape.isList, extraIpamTypes: ctx.extraIpamTypes }, f);
    checkRuntimeConfig(e.node, e.type, fieldStr(setValue(field(e.node, 'ipam')), 'type'), f);
    if (ipam) ipams.push(ipam);
  }
  const first = shape.entries[0];
  if (first) {
    summary.mainType = first.type;
    summary.master = fieldStr(first.node, first.type === 'host-device' ? 'device' : 'master');
  }
  for (const ipam of ipams) {
    if (ipam.type) {
      summary.hasIpam = true;
      summary.ipamTypes.push(ipam.type);
    }
    summary.ranges.push(...ipam.ranges);
    summary.routes.push(...ipam.routes);
    for (const family of [4, 6] as const) {
      const nodes = ipam.addresses[family];
      if (nodes.length > 1) {
        needs.push({
          min: '0.3.0',
          why: `more than one ${familyName(family)} address per interface needs CNI 0.3.0 or later`,
          at: nodes[1],
          severity: 'error',
        });
      }
    }
  }
  if (shape.isList && shape.entries.length > 1) {
    needs.push({
      min: '0.3.0',
      why: 'chaining plugins (passing the previous result on) is defined from CNI 0.3.0 on',
      at: shape.plugins!.key,
      severity: 'warning',
    });
  }
  checkVersionNeeds(version, needs, summary.pluginTypes, f);
  const problems = f.problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { problems, root, summary, shape, version };
}

// The CNI config each operator renders from its custom resource (docs/operators.md), assembled the
// way its template does, and checked with the same CNI core as a hand-written NAD: JSON strings the
// user wrote are first checked on their own (strict syntax, in the form the operator pastes them),
// then the whole rendered config is checked and each finding that lies on the user's characters is
// reported there. Findings on text the operator writes itself are dropped: the user cannot change it.
import { Document, isMap, isScalar, isSeq, Node, Scalar } from 'yaml';
import { checkCniConfig, CniContext } from '../cni/checkConfig';
import { decodeScalar } from '../embedded/scalarSource';
import type { DecodedScalar } from '../embedded/types';
import type { NadAnalysis } from '../nad/nadChecks';
import type { Settings } from '../settings';
import type { Problem } from '../types';
import type { NadObject, ProviderInfo } from '../yaml/objects';
import { mapGet, scalarString } from '../yaml/yamlFile';
import { Piece, pieceOf, pieceSyntax, RenderedConfig, SpliceMode } from '../nad/renderedConfig';

interface Ctx {
  text: string;
  doc: Document.Parsed;
  nad: NadObject;
  p: ProviderInfo;
  src: Node | undefined;
  /** User-written JSON strings to check on their own before the rendered config. */
  pieces: { piece: Piece; wrap: boolean }[];
  problems: Problem[];
}

interface Plan {
  config: RenderedConfig;
  /** The whole config is this one string, verbatim (OpenShift rawCNIConfig, Spiderpool customCNI). */
  whole?: DecodedScalar;
  /** Check the rendered config and report findings on the user's characters. */
  check: boolean;
  hasResourceName: boolean;
}

export function analyzeProvider(text: string, nad: NadObject, settings: Settings, problems: Problem[]): NadAnalysis {
  const p = nad.provider!;
  const ctx: Ctx = {
    text,
    doc: nad.doc,
    nad,
    p,
    src: isMap(p.source) ? p.source : undefined,
    pieces: [],
    problems,
  };
  const analysis: NadAnalysis = { nad };
  const plan = planFor(ctx);
  if (!plan) return analysis;
  if (!plan.whole) analysis.renderDraft = plan.config;
  let broken = false;
  // One string that is the whole config is checked exactly like spec.config (quick fixes and hover too).
  const pieces = plan.whole ? [] : ctx.pieces;
  for (const { piece, wrap } of pieces) {
    // JSON offsets of the piece's own parse, moved to the rendered config (analysis.renderDraft),
    // where the syntax quick fixes compute their edits (written back by RenderedConfig.pieceEdits).
    const at = plan.config.pieceStart(piece);
    const shift = (x: unknown) => (typeof x === 'number' && at !== undefined ? at + x - (wrap ? 1 : 0) : undefined);
    for (const s of pieceSyntax(piece, wrap)) {
      broken = true;
      const { jsonStart: _s, jsonEnd: _e, insertAt, ...rest } = (s.problem.data ?? {}) as Record<string, unknown>;
      const js = shift(s.problem.start);
      const je = shift(s.problem.end);
      const ia = shift(insertAt);
      const data = {
        ...rest,
        ...(js !== undefined && je !== undefined ? { jsonStart: js, jsonEnd: je } : {}),
        ...(ia !== undefined ? { insertAt: ia } : {}),
      };
      problems.push({ ...s.problem, start: s.start, end: s.end, data });
    }
  }
  if (broken) return analysis;
  const context: CniContext = {
    metadataName: nad.name,
    hasResourceName: plan.hasResourceName,
    extraPluginTypes: settings.extraPluginTypes,
    extraIpamTypes: settings.extraIpamTypes,
  };
  const value = plan.config.value;
  const cni = checkCniConfig(value, context);
  analysis.cni = cni;
  analysis.rendered = value;
  analysis.renderMap = plan.config;
  if (!plan.check) return analysis;
  if (plan.whole) {
    analysis.decoded = plan.whole;
    for (const x of cni.problems) {
      const [s, e] = plan.whole.rangeToSource(x.start, x.end);
      problems.push({ ...x, start: s, end: e, data: { ...x.data, jsonStart: x.start, jsonEnd: x.end } });
    }
    return analysis;
  }
  // jsonStart/jsonEnd are offsets of the rendered config (analysis.rendered): quick fixes computed
  // there are written back into the user's string (RenderedConfig.pieceEdits).
  for (const x of cni.problems) {
    const r = plan.config.userRange(x.start, x.end);
    if (!r) continue;
    problems.push({ ...x, start: r[0], end: r[1], data: { ...x.data, jsonStart: x.start, jsonEnd: x.end } });
  }
  return analysis;
}

/**
 * The SR-IOV and NVIDIA operators paste these fields into a NAD template that writes the config as a
 * single-quoted YAML string (`config: '{ ... }'`, sriov-network-operator bindata/manifests/cni-config,
 * network-operator manifests/state-*-network): a lone `'` ends that string and the rendered NAD is
 * not YAML (`''` is YAML's escaped quote and stays one quote).
 */
const SINGLE_QUOTED_FIELDS: Partial<Record<ProviderInfo['kind'], string[]>> = {
  SriovNetwork: ['ipam', 'metaPlugins', 'capabilities', 'logFile'],
  SriovIBNetwork: ['ipam', 'metaPlugins', 'capabilities'],
  OVSNetwork: ['ipam', 'metaPlugins', 'capabilities', 'bridge', 'interfaceType'],
  MacvlanNetwork: ['ipam', 'metaPlugins', 'master', 'mode'],
  HostDeviceNetwork: ['ipam', 'metaPlugins'],
  IPoIBNetwork: ['ipam', 'master'],
};

const OPERATOR_NAME: Partial<Record<ProviderInfo['kind'], string>> = {
  SriovNetwork: 'SR-IOV Network Operator',
  SriovIBNetwork: 'SR-IOV Network Operator',
  OVSNetwork: 'SR-IOV Network Operator',
  MacvlanNetwork: 'NVIDIA Network Operator',
  HostDeviceNetwork: 'NVIDIA Network Operator',
  IPoIBNetwork: 'NVIDIA Network Operator',
};

function quotesInTemplate(ctx: Ctx): void {
  for (const key of SINGLE_QUOTED_FIELDS[ctx.p.kind] ?? []) {
    const node = get(ctx, key);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes("'")) continue;
    const d = decodeScalar(ctx.text, node as Scalar);
    if (!d) continue;
    // Runs of quotes: YAML reads '' as one quote; an odd run ends the string at its last quote.
    for (const m of d.value.matchAll(/'+/g)) {
      if (m[0].length % 2 === 0) continue;
      const at = m.index! + m[0].length - 1;
      const [start, end] = d.rangeToSource(at, at + 1);
      ctx.problems.push({
        code: 'nad/operator-quote',
        severity: 'error',
        message: `This single quote ends the config string of the NAD the ${OPERATOR_NAME[ctx.p.kind]} renders from this ${ctx.p.kind}: its template pastes spec.${key} into a single-quoted YAML string, so the rendered NAD is not valid YAML and the operator creates no NAD. Remove the quote (JSON strings use double quotes).`,
        start,
        end,
      });
    }
  }
}

function planFor(ctx: Ctx): Plan | undefined {
  quotesInTemplate(ctx);
  switch (ctx.p.kind) {
    case 'SriovNetwork':
    case 'SriovIBNetwork':
    case 'OVSNetwork':
      return sriovFamily(ctx);
    case 'MacvlanNetwork':
    case 'HostDeviceNetwork':
    case 'IPoIBNetwork':
      return nvidia(ctx);
    case 'SpiderMultusConfig':
      return spiderpool(ctx);
    case 'UserDefinedNetwork':
    case 'ClusterUserDefinedNetwork':
      return ovnk(ctx);
    case 'Network':
      return openshift(ctx);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the custom resource

const get = (ctx: Ctx, key: string, from: Node | undefined = ctx.src): Node | undefined => mapGet(from, key, ctx.doc);
const str = (ctx: Ctx, key: string, from?: Node): string | undefined => scalarString(get(ctx, key, from)) || undefined;
function num(ctx: Ctx, key: string, from?: Node): number | undefined {
  const n = get(ctx, key, from);
  return isScalar(n) && typeof n.value === 'number' && Number.isInteger(n.value) ? n.value : undefined;
}

/** The piece for a JSON string field, registered for the standalone syntax check. */
function jsonField(ctx: Ctx, key: string, mode: SpliceMode, wrap = false, from?: Node): Piece | undefined {
  return wholeField(ctx, key, mode, wrap, from)?.piece;
}

function wholeField(
  ctx: Ctx,
  key: string,
  mode: SpliceMode,
  wrap = false,
  from?: Node,
): { piece: Piece; decoded: DecodedScalar } | undefined {
  const node = get(ctx, key, from);
  if (node && (isMap(node) || isSeq(node)) && node.range) {
    // The CRD declares these fields as strings: the API server rejects a mapping or a list.
    ctx.problems.push({
      code: 'k8s/schema',
      severity: 'error',
      message: `The field ${key} of a ${ctx.p.kind} must be a string holding JSON, not ${isMap(node) ? 'a mapping' : 'a sequence'}: the API server rejects the resource. Write the JSON as a string (e.g. in a | block).`,
      start: node.range[0],
      end: node.range[1],
    });
    return undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') return undefined;
  const decoded = decodeScalar(ctx.text, node as Scalar);
  if (!decoded) return undefined;
  const piece = pieceOf(decoded, mode);
  ctx.pieces.push({ piece, wrap });
  return { piece, decoded };
}

/** A config that is one user string, verbatim. */
function wholePlan(ctx: Ctx, key: string): Plan | undefined {
  const w = wholeField(ctx, key, 'verbatim');
  if (!w) return undefined;
  return { config: new RenderedConfig().piece(w.piece), whole: w.decoded, check: true, hasResourceName: false };
}

/** `"name":` + the config name (the NAD's name, rendered from the naming field). */
function head(ctx: Ctx, cniVersion: string, configName: string | undefined): RenderedConfig {
  const c = new RenderedConfig().gen(`{"cniVersion":${JSON.stringify(cniVersion)}`);
  if (configName !== undefined) c.gen(',"name":').field(JSON.stringify(configName), ctx.nad.nameNode);
  return c;
}

function strProp(c: RenderedConfig, ctx: Ctx, jsonKey: string, key: string, from?: Node): void {
  const v = str(ctx, key, from);
  if (v !== undefined) c.gen(`,"${jsonKey}":`).field(JSON.stringify(v), get(ctx, key, from));
}

function numProp(c: RenderedConfig, ctx: Ctx, jsonKey: string, key: string, opts: { skipZero?: boolean } = {}): void {
  const v = num(ctx, key);
  if (v === undefined || (opts.skipZero && v === 0)) return;
  c.gen(`,"${jsonKey}":`).field(String(v), get(ctx, key));
}

/** `,"ipam":<spec.ipam as pasted>` or `,"ipam":{}`. */
function ipam(c: RenderedConfig, ctx: Ctx, mode: SpliceMode): void {
  const piece = jsonField(ctx, 'ipam', mode);
  c.gen(',"ipam":');
  if (piece) c.piece(piece);
  else c.gen('{}');
}

// ---------------------------------------------------------------------------------------------
// sriov-network-operator: api/v1/helper.go RenderNetAttDef, bindata/manifests/cni-config/{sriov,ovs}

function sriovFamily(ctx: Ctx): Plan {
  const kind = ctx.p.kind;
  const c = head(ctx, '1.0.0', ctx.nad.name);
  const meta = jsonField(ctx, 'metaPlugins', 'verbatim', true);
  if (meta) c.gen(',"plugins":[{');
  else c.gen(',');
  c.gen(`"type":"${kind === 'SriovNetwork' ? 'sriov' : kind === 'SriovIBNetwork' ? 'ib-sriov' : 'ovs'}"`);
  const enumProp = (jsonKey: string, key: string, allowed: string[]) => {
    const v = str(ctx, key);
    if (v !== undefined && allowed.includes(v)) c.gen(`,"${jsonKey}":`).field(JSON.stringify(v), get(ctx, key));
  };
  const capabilities = () => {
    const piece = jsonField(ctx, 'capabilities', 'verbatim');
    if (piece) c.gen(',"capabilities":').piece(piece);
  };
  if (kind === 'SriovNetwork') {
    c.gen(',"vlan":').field(String(num(ctx, 'vlan') ?? 0), get(ctx, 'vlan'));
    enumProp('spoofchk', 'spoofChk', ['on', 'off']);
    enumProp('trust', 'trust', ['on', 'off']);
    const qos = num(ctx, 'vlanQoS') ?? 0;
    if (qos >= 0 && qos <= 7) c.gen(',"vlanQoS":').field(String(qos), get(ctx, 'vlanQoS'));
    strProp(c, ctx, 'vlanProto', 'vlanProto');
    for (const [jsonKey, key] of [
      ['min_tx_rate', 'minTxRate'],
      ['max_tx_rate', 'maxTxRate'],
    ]) {
      const v = num(ctx, key);
      if (v !== undefined && v >= 0) c.gen(`,"${jsonKey}":`).field(String(v), get(ctx, key));
    }
    capabilities();
    enumProp('link_state', 'linkState', ['auto', 'enable', 'disable']);
    // The CRD defaults logLevel to "info".
    if (get(ctx, 'logLevel') === undefined) c.gen(',"logLevel":"info"');
    else strProp(c, ctx, 'logLevel', 'logLevel');
    strProp(c, ctx, 'logFile', 'logFile');
  } else if (kind === 'SriovIBNetwork') {
    capabilities();
    enumProp('link_state', 'linkState', ['auto', 'enable', 'disable']);
  } else {
    capabilities();
    strProp(c, ctx, 'bridge', 'bridge');
    numProp(c, ctx, 'vlan', 'vlan', { skipZero: true });
    numProp(c, ctx, 'mtu', 'mtu', { skipZero: true });
    const trunk = get(ctx, 'trunk');
    if (isSeq(trunk) && trunk.items.length) c.gen(',"trunk":').field(JSON.stringify(trunk.toJSON()), trunk);
    strProp(c, ctx, 'interface_type', 'interfaceType');
  }
  ipam(c, ctx, 'strip-whitespace');
  c.gen('}');
  if (meta) c.gen(',').piece(meta).gen(']}');
  return { config: c, check: true, hasResourceName: true };
}

// ---------------------------------------------------------------------------------------------
// NVIDIA network-operator: pkg/state/state_{macvlan,hostdevice,ipoib}_network.go and their
// manifests/state-*-network templates.

function nvidia(ctx: Ctx): Plan {
  const kind = ctx.p.kind;
  const c = head(ctx, '0.3.1', ctx.nad.name);
  const meta = kind === 'IPoIBNetwork' ? undefined : jsonField(ctx, 'metaPlugins', 'verbatim', true);
  if (meta) c.gen(',"plugins":[{');
  else c.gen(',');
  if (kind === 'MacvlanNetwork') {
    c.gen('"type":"macvlan"');
    strProp(c, ctx, 'master', 'master');
    strProp(c, ctx, 'mode', 'mode');
    numProp(c, ctx, 'mtu', 'mtu', { skipZero: true });
    ipam(c, ctx, 'strip-whitespace');
  } else if (kind === 'HostDeviceNetwork') {
    c.gen('"type":"host-device"');
    ipam(c, ctx, 'verbatim');
  } else {
    c.gen('"type":"ipoib"');
    // master is emitted even when empty.
    if (str(ctx, 'master') !== undefined) strProp(c, ctx, 'master', 'master');
    else c.gen(',"master":""');
    ipam(c, ctx, 'strip-whitespace');
  }
  c.gen('}');
  if (meta) c.gen(',').piece(meta).gen(']}');
  return { config: c, check: true, hasResourceName: kind === 'HostDeviceNetwork' };
}

// ---------------------------------------------------------------------------------------------
// Spiderpool: pkg/multuscniconfig/multusconfig_informer.go generateNetAttachDef

function spiderpool(ctx: Ctx): Plan | undefined {
  const cniType = str(ctx, 'cniType') ?? 'custom';
  if (cniType === 'custom') {
    // customCNI is the whole spec.config, verbatim; empty: no config (Multus reads a node file).
    return wholePlan(ctx, 'customCNI');
  }
  const annotations = mapGet(mapGet(ctx.doc.contents, 'metadata', ctx.doc), 'annotations', ctx.doc);
  const version = scalarString(mapGet(annotations, 'multus.spidernet.io/cni-version', ctx.doc)) || '0.3.1';
  const configName =
    scalarString(mapGet(annotations, 'cni.spidernet.io/cniconfig-name', ctx.doc)) || ctx.nad.name || undefined;
  const sub = get(ctx, cniType === 'ib-sriov' ? 'ibsriov' : cniType);
  const c = new RenderedConfig().gen(`{"cniVersion":${JSON.stringify(version)}`);
  if (configName !== undefined) c.gen(',"name":').gen(JSON.stringify(configName));
  c.gen(',"plugins":[');
  const masters = isSeq(get(ctx, 'master', sub)) ? (get(ctx, 'master', sub) as { items: unknown[] }).items : [];
  const masterNames = masters.flatMap((m) => (isScalar(m) && typeof m.value === 'string' ? [m.value] : []));
  const vlanID = num(ctx, 'vlanID', sub) ?? 0;
  const bondName = str(ctx, 'name', get(ctx, 'bond', sub));
  const multi = masterNames.length >= 2;
  if (((cniType === 'macvlan' || cniType === 'ipvlan') && (vlanID !== 0 || multi)) || (cniType === 'vlan' && multi))
    c.gen('{"type":"ifacer"},');
  c.gen(`{"type":${JSON.stringify(cniType)}`);
  if (cniType === 'macvlan' || cniType === 'ipvlan' || cniType === 'vlan') {
    let master = multi ? bondName : masterNames[0];
    if (master !== undefined && vlanID !== 0 && cniType !== 'vlan') master = `${master}.${vlanID}`;
    if (master !== undefined) {
      const node = multi ? get(ctx, 'name', get(ctx, 'bond', sub)) : (masters[0] as Node);
      c.gen(',"master":').field(JSON.stringify(master), node);
    }
    if (cniType === 'macvlan') c.gen(',"mode":"bridge"');
  } else if (cniType === 'ipoib') strProp(c, ctx, 'master', 'master', sub);
  else if (cniType === 'ovs') strProp(c, ctx, 'bridge', 'bridge', sub);
  if (get(ctx, 'disableIPAM')?.toJSON?.() !== true) {
    const pools = get(ctx, 'ippools', sub);
    const list = (key: string) => {
      const seq = get(ctx, key, pools);
      return isSeq(seq) ? seq.items.flatMap((x) => (isScalar(x) && typeof x.value === 'string' ? [x.value] : [])) : [];
    };
    c.gen(',"ipam":{"type":"spiderpool"');
    const v4 = list('ipv4');
    const v6 = list('ipv6');
    if (v4.length) c.gen(`,"default_ipv4_ippool":${JSON.stringify(v4)}`);
    if (v6.length) c.gen(`,"default_ipv6_ippool":${JSON.stringify(v6)}`);
    c.gen('}');
  }
  c.gen('}');
  const chain = get(ctx, 'chainCNIJsonData');
  if (isSeq(chain)) {
    for (const item of chain.items) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const d = decodeScalar(ctx.text, item as Scalar);
      if (!d) continue;
      const piece = pieceOf(d, 'verbatim');
      ctx.pieces.push({ piece, wrap: false });
      c.gen(',').piece(piece);
    }
  }
  if (get(ctx, 'enableCoordinator')?.toJSON?.() !== false) c.gen(',{"type":"coordinator"}');
  c.gen(']}');
  const hasResourceName = (cniType === 'sriov' || cniType === 'ib-sriov') && ctx.nad.resourceName !== undefined;
  return { config: c, check: true, hasResourceName };
}

// ---------------------------------------------------------------------------------------------
// OVN-Kubernetes: go-controller/pkg/clustermanager/userdefinednetwork/template/net-attach-def-template.go

function ovnk(ctx: Ctx): Plan {
  const cudn = ctx.p.kind === 'ClusterUserDefinedNetwork';
  const network = cudn ? get(ctx, 'network') : ctx.src;
  const topology = str(ctx, 'topology', network) ?? '';
  const layer = get(ctx, topology.charAt(0).toLowerCase() + topology.slice(1), network);
  const name = ctx.nad.name ?? '';
  const configName = cudn ? `cluster_udn_${name}` : `${ctx.nad.namespace ?? ''}_${name}`;
  const c = new RenderedConfig().gen(
    `{"cniVersion":"1.1.0","name":${JSON.stringify(configName)},"type":"ovn-k8s-cni-overlay","topology":${JSON.stringify(topology.toLowerCase())}`,
  );
  const role = str(ctx, 'role', layer);
  if (role) c.gen(`,"role":${JSON.stringify(role.toLowerCase())}`);
  const subnets = get(ctx, 'subnets', layer);
  if (isSeq(subnets)) {
    const cidrs = subnets.items.flatMap((s) => {
      if (isScalar(s) && typeof s.value === 'string') return [s.value];
      const cidr = isMap(s) ? scalarString(mapGet(s, 'cidr', ctx.doc)) : undefined;
      return cidr ? [cidr] : [];
    });
    if (cidrs.length) c.gen(`,"subnets":${JSON.stringify(cidrs.join(','))}`);
  }
  c.gen('}');
  // Nothing here is JSON the user wrote; the CRD's schema validates the structure.
  return { config: c, check: false, hasResourceName: false };
}

// ---------------------------------------------------------------------------------------------
// OpenShift cluster-network-operator: pkg/network/additional_networks.go

function openshift(ctx: Ctx): Plan | undefined {
  const type = (str(ctx, 'type') ?? '').toLowerCase();
  if (type === 'raw') {
    // rawCNIConfig is the whole spec.config, verbatim (bindata/network/additional-networks/raw).
    return wholePlan(ctx, 'rawCNIConfig');
  }
  if (type !== 'simplemacvlan') return undefined;
  // renderSimpleMacvlanConfig: no "name" (Multus injects the NAD's).
  const conf = get(ctx, 'simpleMacvlanConfig');
  const c = new RenderedConfig().gen('{"cniVersion":"0.3.1","type":"macvlan"');
  strProp(c, ctx, 'master', 'master', conf);
  const mode = str(ctx, 'mode', conf);
  if (mode) c.gen(',"mode":').field(JSON.stringify(mode.toLowerCase()), get(ctx, 'mode', conf));
  const mtu = num(ctx, 'mtu', conf);
  if (mtu) c.gen(',"mtu":').field(String(mtu), get(ctx, 'mtu', conf));
  const ipamConfig = get(ctx, 'ipamConfig', conf);
  const ipamType = (str(ctx, 'type', ipamConfig) ?? 'DHCP').toLowerCase();
  if (ipamType === 'static') {
    const st = get(ctx, 'staticIPAMConfig', ipamConfig);
    const addresses = get(ctx, 'addresses', st);
    const list = isSeq(addresses) ? addresses.items : [];
    c.gen(',"ipam":{"type":"static"');
    if (list.length) {
      c.gen(',"addresses":[');
      list.forEach((a, i) => {
        if (i) c.gen(',');
        c.gen('{');
        const addr = get(ctx, 'address', a as Node);
        if (isScalar(addr) && typeof addr.value === 'string')
          c.gen('"address":').field(JSON.stringify(addr.value), addr);
        c.gen('}');
      });
      c.gen(']');
    } else c.gen(',"capabilities":["ips"]');
    c.gen('}');
  } else c.gen(',"ipam":{"type":"dhcp"}');
  c.gen('}');
  return { config: c, check: false, hasResourceName: false };
}

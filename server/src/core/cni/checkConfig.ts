// Entry point of the CNI checks: strict JSON, then the plugin/IPAM schemas, then the semantic rules
// the schemas cannot express (versions, chaining, IPAM address math, device selection).
import { Node } from 'jsonc-parser';
import type { JsonProblem, Severity } from '../types';
import { parseStrictJson } from './json';
import { ipamRules } from './ipamRules';
import { isKnownIpamType, isKnownPluginType } from './schemaRegistry';
import { validateWithSchemas } from './schemaValidation';

export interface CniContext {
  metadataName?: string;
  hasResourceName?: boolean;
  extraPluginTypes?: string[];
  extraIpamTypes?: string[];
}

export interface CniSummary {
  pluginTypes: string[];
  mainType?: string;
  master?: string;
  ipamTypes: string[];
  /** IPAM subnets/ranges as CIDR text, with JSON offsets of the value. */
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

export const CNI_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];
const CHAINED_ONLY = new Set(['tuning', 'portmap', 'bandwidth', 'firewall', 'sbr', 'vrf']);
const MIN_VERSION: Record<string, string> = { bandwidth: '0.3.0', vrf: '0.3.1', firewall: '0.4.0' };
const NEEDS_IPAM = new Set(['vlan', 'ptp', 'dummy']);
const L2_OK = new Set(['macvlan', 'bridge', 'host-device', 'ipvlan', 'sriov', 'ovs', 'tap', 'ib-sriov', 'bond']);
const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A property of an object node, matched like Go's decoder: exact key first, else ignoring case. */
export function prop(obj: Node | undefined, key: string): { key: Node; value: Node } | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  let folded: { key: Node; value: Node } | undefined;
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    if (k.value === key) return { key: k, value: v };
    if (!folded && String(k.value).toLowerCase() === key.toLowerCase()) folded = { key: k, value: v };
  }
  return folded;
}

export const str = (n: Node | undefined): string | undefined => (n?.type === 'string' ? (n.value as string) : undefined);
const span = (n: Node) => ({ start: n.offset, end: n.offset + n.length });

export function versionCompare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function nearestVersion(v: string): string {
  const m = /^(\d+)(?:\.(\d+))?/.exec(v);
  if (!m) return '1.0.0';
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  const same = CNI_VERSIONS.filter((x) => Number(x.split('.')[0]) === major);
  if (!same.length) return '1.0.0';
  return same.find((x) => Number(x.split('.')[1]) === minor) ?? same[same.length - 1];
}

export function checkCniConfig(text: string, ctx: CniContext): CniResult {
  const { root, problems } = parseStrictJson(text);
  if (!root || problems.some((p) => p.code === 'json/syntax')) return { problems, root: problems.length ? undefined : root };
  if (root.type !== 'object') {
    problems.push({ code: 'json/not-object', severity: 'error', message: 'The CNI config must be a JSON object `{...}`.', ...span(root) });
    return { problems };
  }
  const add = (code: string, severity: Severity, message: string, n: Node | { start: number; end: number }, data?: Record<string, unknown>) =>
    problems.push({ code, severity, message, ...('offset' in n ? span(n) : n), ...(data ? { data } : {}) });
  const brace = { start: root.offset, end: root.offset + 1 };

  problems.push(...validateWithSchemas(root, text, ctx));

  // Version.
  const ver = prop(root, 'cniVersion');
  let version = '0.1.0';
  if (!ver) {
    add('cni/missing-cniVersion', 'warning', 'No `cniVersion`: plugins fall back to 0.1.0 (no chaining, old result format). Add e.g. `"cniVersion": "1.0.0"`.', brace, { suggestion: '1.0.0' });
  } else if (ver.value.type !== 'string' || !CNI_VERSIONS.includes(ver.value.value as string)) {
    const raw = String(ver.value.value);
    const suggestion = nearestVersion(raw);
    add('cni/unsupported-cniVersion', 'error', `\`cniVersion\` "${raw}" is not a CNI spec version; plugins reject it. Use one of ${CNI_VERSIONS.join(', ')} (e.g. "${suggestion}").`, ver.value, { suggestion });
  } else version = ver.value.value as string;

  // Name.
  const nameProp = prop(root, 'name');
  if (nameProp) {
    const n = str(nameProp.value);
    if (n === undefined || !NAME_RE.test(n)) add('cni/invalid-name', 'error', 'The config `name` must be a string of letters, digits, `_`, `.` and `-`, starting with a letter or digit.', nameProp.value);
  }
  for (const k of root.children ?? []) {
    const key = k.children?.[0];
    const kv = String(key?.value ?? '');
    if (key && (['runtimeConfig', 'prevResult', 'args'].includes(kv) || kv.startsWith('cni.dev/'))) {
      add('cni/reserved-key', 'warning', `\`${kv}\` is produced by the container runtime, not written in a config; remove it (use \`capabilities\` to request runtime data).`, key);
    }
  }

  // Single config or list.
  const typeProp = prop(root, 'type');
  const pluginsProp = prop(root, 'plugins');
  const entries: Node[] = [];
  let isList = false;
  if (typeProp && pluginsProp) {
    add('cni/type-and-plugins', 'warning', 'Both `type` and `plugins`: Multus runs only the top-level plugin and ignores the list. Remove the top-level `type` (or the list).', typeProp.key);
  }
  if (typeProp && str(typeProp.value)) entries.push(root);
  else if (pluginsProp) {
    isList = true;
    const arr = pluginsProp.value;
    if (arr.type !== 'array' || !(arr.children ?? []).length) {
      add('cni/empty-plugins', 'error', '`plugins` must be a non-empty array of plugin configs.', arr);
    } else {
      for (const e of arr.children ?? []) {
        if (e.type !== 'object') continue;
        if (!str(prop(e, 'type')?.value)) {
          add('cni/missing-type', 'error', 'This plugin entry has no `type` (check for a typo such as `"type:"`).', { start: e.offset, end: e.offset + 1 });
        } else entries.push(e);
      }
      if (!nameProp) add('cni/list-name-missing', 'warning', 'A `plugins` list needs a top-level `name`; the NAD admission webhook rejects it without one.', pluginsProp.key, { suggestion: ctx.metadataName });
      if ((arr.children ?? []).length > 1 && ver && CNI_VERSIONS.includes(String(ver.value.value)) && versionCompare(version, '0.3.0') < 0) {
        add('cni/version-too-old', 'error', `Chaining plugins needs cniVersion 0.3.0 or newer; "${version}" has no prevResult.`, ver.value, { suggestion: '1.0.0' });
      }
    }
  } else if (!typeProp) {
    add('cni/missing-type', 'error', 'The config has neither `type` nor `plugins`: add the plugin `type` (e.g. "macvlan").', brace);
  }

  const summary: CniSummary = { pluginTypes: [], ipamTypes: [], ranges: [], isList, hasIpam: false, routes: [], cniVersion: str(ver?.value), name: str(nameProp?.value) };
  entries.forEach((e, i) => {
    const tp = prop(e, 'type')!;
    const type = str(tp.value)!;
    summary.pluginTypes.push(type);
    if (i === 0) {
      summary.mainType = type;
      summary.master = str(prop(e, 'master')?.value) ?? str(prop(e, 'device')?.value);
    }
    if (/[\\/]/.test(type)) add('cni/unknown-type', 'error', `\`type\` "${type}" contains a path separator: use the plugin binary's name only.`, tp.value);
    else if (!isKnownPluginType(type, ctx.extraPluginTypes)) add('cni/unknown-type', 'warning', `\`${type}\` is not a known CNI plugin; check the spelling (add it to multusNetworks.extraPluginTypes if it is yours).`, tp.value);
    if (CHAINED_ONLY.has(type) && i === 0) add('cni/chain-order', 'error', `\`${type}\` is a chained plugin: it needs a previous result and must come after an interface plugin in \`plugins\`.`, tp.value);
    const min = MIN_VERSION[type];
    if (min && ver && CNI_VERSIONS.includes(version) && versionCompare(version, min) < 0) {
      add('cni/version-too-old', 'error', `\`${type}\` needs cniVersion ${min} or newer; this config declares "${version}".`, ver.value, { suggestion: '1.0.0' });
    }
    const caps = prop(e, 'capabilities')?.value;
    const cap = (name: string) => prop(caps, name)?.value.value === true;
    if (type === 'portmap' && !cap('portMappings')) add('cni/capability-missing', 'warning', '`portmap` without `"capabilities": {"portMappings": true}` gets no port mappings and does nothing.', tp.value);
    if (type === 'bandwidth' && !cap('bandwidth') && !['ingressRate', 'egressRate'].some((f) => prop(e, f))) {
      add('cni/capability-missing', 'warning', '`bandwidth` without rates or `"capabilities": {"bandwidth": true}` does nothing.', tp.value);
    }
    if ((type === 'macvlan' || type === 'ipvlan') && !prop(e, 'master') && !(type === 'ipvlan' && i > 0)) {
      add('cni/default-master', 'info', `\`${type}\` without \`master\` uses the node's default-route interface, which defeats a separate storage network. Name the interface.`, tp.value);
    }
    if (type === 'host-device') {
      const sel = ['device', 'hwaddr', 'kernelpath', 'pciBusID'].filter((f) => prop(e, f));
      if (!sel.length && !ctx.hasResourceName && !cap('deviceID')) {
        add('cni/host-device-selector', 'error', '`host-device` needs one of `device`, `hwaddr`, `kernelpath` or `pciBusID` (or a resourceName annotation) to pick the device.', tp.value);
      } else if (sel.length > 1) {
        add('cni/host-device-selector', 'warning', `Several device selectors (${sel.join(', ')}): only \`${sel[0]}\` is used.`, prop(e, sel[1])!.key);
      }
    }
    if (type === 'sriov' && !prop(e, 'deviceID') && !ctx.hasResourceName) {
      add('cni/missing-field', 'error', '`sriov` needs `deviceID`, normally injected by Multus from the NAD annotation `k8s.v1.cni.cncf.io/resourceName`. Add the annotation.', tp.value);
    }
    if (type === 'bridge' && prop(e, 'hairpinMode')?.value.value === true && prop(e, 'promiscMode')?.value.value === true) {
      add('cni/conflicting-fields', 'error', '`hairpinMode` and `promiscMode` cannot both be true on a bridge.', prop(e, 'promiscMode')!.key);
    }
    const ipam = prop(e, 'ipam');
    const ipamType = str(prop(ipam?.value, 'type')?.value);
    if (ipamType) {
      summary.hasIpam = true;
      summary.ipamTypes.push(ipamType);
      if (!isKnownIpamType(ipamType, ctx.extraIpamTypes)) add('ipam/unknown-type', 'warning', `\`${ipamType}\` is not a known IPAM plugin (host-local, static, dhcp, whereabouts); check the spelling.`, prop(ipam!.value, 'type')!.value);
      if (ipamType === 'dhcp' && type === 'ipvlan') add('ipam/dhcp-ipvlan', 'warning', '`ipvlan` interfaces share the master\'s MAC address, so DHCP leases collide. Use whereabouts or static IPAM.', prop(ipam!.value, 'type')!.value);
      ipamRules(ipam!.value, ipamType, version, add, summary);
    } else if (!(CHAINED_ONLY.has(type))) {
      const at = ipam ? ipam.key : tp.value;
      if (NEEDS_IPAM.has(type) || (type === 'ipvlan' && i === 0)) add('ipam/missing', 'error', `\`${type}\` needs an IPAM config with a \`type\` to get an address.`, at);
      else if (L2_OK.has(type) && ipam && ipam.value.type === 'object' && (ipam.value.children ?? []).length > 0) {
        add('ipam/missing', 'error', '`ipam` without `type`: the plugin cannot run IPAM. Add `"type"` (e.g. "whereabouts") or use `{}` for layer 2 only.', ipam.key);
      }
    }
  });
  return { problems, root, summary };
}

// Per-plugin rules the schemas cannot express: value formats (MAC, PCI, kernel path, interface
// names, sysctl keys, gateways), fields that need or exclude each other, device selection,
// capabilities, and what a chained plugin needs from the plugin before it.
import type { Node } from 'jsonc-parser';
import type { PluginEntry } from './configShape';
import type { Findings } from './findings';
import { field, fieldStr, isTrue, items, mapEntry, members, num, setValue, str } from './jsonNodes';
import { familyName, ipProblem, parseIp } from '../net/ip';
import { ifNameProblem, parseMac, PCI_ADDRESS } from './netFormats';

export interface PluginContext {
  isList: boolean;
  entries: PluginEntry[];
  hasResourceName: boolean;
}

/** Main plugins whose interface is not a veth pair (bandwidth shapes the host side of a veth). */
const NON_VETH = [
  'macvlan',
  'ipvlan',
  'vlan',
  'host-device',
  'sriov',
  'ib-sriov',
  'dummy',
  'tap',
  'loopback',
  'bond',
  'macvtap',
];

/** Reference main plugins: when one of them has no IPAM, its result carries no IP address. */
const REFERENCE_MAIN = ['bridge', 'macvlan', 'ipvlan', 'vlan', 'host-device', 'ptp', 'tap', 'dummy'];

/** Host-device selectors in the plugin's order of precedence. */
const SELECTORS = ['device', 'hwaddr', 'kernelpath', 'pciBusID'];

/** Plugins with an interface MTU field. */
const MTU_PLUGINS = ['bridge', 'macvlan', 'ipvlan', 'vlan', 'ptp', 'tap', 'tuning', 'sriov'];
/** The largest MTU Linux accepts on any link (IP_MAX_MTU, ETH_MAX_MTU). */
const MAX_MTU = 65535;

type Rule = (e: PluginEntry, ctx: PluginContext, f: Findings) => void;

const RULES: Record<string, Rule[]> = {
  macvlan: [(e, c, f) => master(e, c, f, true), (e, _c, f) => ethernetMac(e, 'mac', f)],
  ipvlan: [(e, c, f) => master(e, c, f, true)],
  vlan: [(e, c, f) => master(e, c, f, false)],
  bridge: [(e, _c, f) => ifName(e, 'bridge', f), bridgeRules],
  tap: [(e, _c, f) => ifName(e, 'bridge', f), (e, _c, f) => ethernetMac(e, 'mac', f)],
  'host-device': [hostDevice],
  tuning: [sysctl, (e, _c, f) => ethernetMac(e, 'mac', f)],
  bandwidth: [bandwidth],
  portmap: [portmap],
  sbr: [sbr],
  vrf: [(e, _c, f) => ifName(e, 'vrfname', f)],
  sriov: [sriov, (e, _c, f) => ethernetMac(e, 'mac', f)],
};

export function checkPlugin(e: PluginEntry, ctx: PluginContext, f: Findings): void {
  for (const rule of RULES[e.type] ?? []) rule(e, ctx, f);
  if (MTU_PLUGINS.includes(e.type)) mtuRange(e, f);
  dnsNameservers(field(e.node, 'dns')?.value, f);
}

/** The plugin that creates the interface: the first entry of the list, if it has a type. */
const firstPlugin = (ctx: PluginContext): PluginEntry | undefined =>
  ctx.entries[0]?.index === 0 ? ctx.entries[0] : undefined;

/** `capabilities` is a map: the runtime matches its keys exactly. */
const capability = (e: PluginEntry, name: string): boolean => {
  const v = mapEntry(setValue(field(e.node, 'capabilities')), name)?.value;
  return v?.type === 'boolean' && v.value === true;
};

// ---------------------------------------------------------------------------------------------
// Interfaces and addresses.

/** An MTU above what Linux accepts: the kernel refuses it on every node ("invalid argument"). */
function mtuRange(e: PluginEntry, f: Findings): void {
  const v = setValue(field(e.node, 'mtu'));
  const n = num(v);
  if (!v || n === undefined || !Number.isInteger(n) || n <= MAX_MTU) return;
  f.error(
    'cni/mtu-range',
    `MTU ${n} is above ${MAX_MTU}, the largest MTU Linux accepts on any interface: the kernel refuses it and the pod does not start. Use the MTU of the node network (1500, or 9000 for jumbo frames).`,
    v,
  );
}

function master(e: PluginEntry, ctx: PluginContext, f: Findings, optional: boolean): void {
  const m = field(e.node, 'master');
  const v = str(m?.value);
  if (v) {
    ifName(e, 'master', f, true);
    return;
  }
  if (!optional) return; // vlan's required master is a schema finding
  // Chained after another plugin, ipvlan uses that plugin's interface.
  if (e.type === 'ipvlan' && ctx.isList && e.index > 0) return;
  f.info(
    'cni/default-master',
    `${e.type} without master attaches to the node's default-route interface, which puts this network on the same link as the cluster network and defeats a separate storage network. Name the node interface, e.g. "master": "eth1".`,
    m?.value ?? e.typeNode,
  );
}

/**
 * `lookupOnly`: the plugin only looks the interface up (a master). Netlink also finds alternative
 * names, which may be longer than 15 characters, so a long name is a warning there, not an error.
 */
function ifName(e: PluginEntry, key: string, f: Findings, lookupOnly = false): void {
  const v = setValue(field(e.node, key));
  const name = str(v);
  if (!v || !name) return;
  const problem = ifNameProblem(name);
  if (!problem) return;
  if (lookupOnly && name.length > 15 && !/[/:\s]/.test(name)) {
    f.warning(
      'cni/invalid-value',
      `${key} "${name}" is longer than a Linux interface name (15 characters); it only works if the node has it as an alternative name. Use the interface's primary name.`,
      v,
    );
  } else
    f.error(
      'cni/invalid-value',
      `${key} "${name}" cannot be a Linux interface name: ${problem}. The plugin fails to find or create it.`,
      v,
    );
}

/** A MAC the plugin sets on an Ethernet interface: Go's ParseMAC, 6 octets, unicast, not zero. */
function ethernetMac(e: PluginEntry, key: string, f: Findings): void {
  const v = setValue(field(e.node, key));
  const s = str(v);
  if (!v || !s) return;
  const bytes = parseMac(s);
  if (!bytes) {
    f.error(
      'cni/invalid-value',
      `${key} "${s}" is not a MAC address (six hex pairs such as "02:00:00:0a:0b:0c"): the ${e.type} plugin rejects it.`,
      v,
    );
  } else if (bytes.length !== 6) {
    f.error('cni/invalid-value', `${key} "${s}" has ${bytes.length} octets; an Ethernet MAC address has 6.`, v);
  } else if (bytes[0] & 1) {
    f.error(
      'cni/invalid-value',
      `${key} "${s}" is a multicast address (lowest bit of the first octet set): the kernel refuses it for an interface. Use a unicast address, e.g. one starting with 02.`,
      v,
    );
  } else if (bytes.every((b) => b === 0)) {
    f.error('cni/invalid-value', `${key} "${s}" is all zeros, which the kernel refuses for an interface.`, v);
  }
}

// ---------------------------------------------------------------------------------------------
// Device selection.

function hostDevice(e: PluginEntry, ctx: PluginContext, f: Findings): void {
  const given = SELECTORS.map((k) => ({ k, m: field(e.node, k) })).filter((s) => str(s.m?.value));
  if (!given.length) {
    if (ctx.hasResourceName || capability(e, 'deviceID')) return;
    f.error(
      'cni/host-device-selector',
      `host-device needs one of ${SELECTORS.join(', ')} to pick the node device to move into the pod (or a k8s.v1.cni.cncf.io/resourceName annotation on the NAD, from which Multus fills in the device). Add e.g. "device": "eth1".`,
      e.typeNode,
    );
    return;
  }
  if (given.length > 1) {
    f.warning(
      'cni/host-device-selector',
      `Several device selectors are set (${given.map((s) => s.k).join(', ')}): host-device uses only ${given[0].k} and ignores the rest. Keep one.`,
      given[1].m!.key,
    );
  }
  // Only the selector that wins is read by the plugin.
  const { k, m } = given[0];
  const v = m!.value;
  const s = v.value as string;
  if (k === 'device') {
    const problem = ifNameProblem(s);
    // host-device looks the device up; long names can be netlink alternative names.
    if (problem && s.length > 15 && !/[/:\s]/.test(s))
      f.warning(
        'cni/invalid-value',
        `device "${s}" is longer than a Linux interface name (15 characters); it only works as an alternative name of the device.`,
        v,
      );
    else if (problem) f.error('cni/invalid-value', `device "${s}" cannot be a Linux interface name: ${problem}.`, v);
  } else if (k === 'hwaddr') {
    if (!parseMac(s))
      f.error(
        'cni/invalid-value',
        `hwaddr "${s}" is not a MAC address (e.g. "0c:42:a1:00:00:01"): host-device fails to parse it.`,
        v,
      );
  } else if (k === 'kernelpath') {
    if (!s.startsWith('/sys/devices/')) {
      f.error(
        'cni/invalid-value',
        `kernelpath "${s}" must be an absolute path under /sys/devices/ (e.g. "/sys/devices/pci0000:00/0000:00:02.0"): host-device rejects anything else.`,
        v,
      );
    }
  } else if (k === 'pciBusID' && !ctx.hasResourceName && !PCI_ADDRESS.test(s)) {
    const lower = s.toLowerCase();
    const fixed = PCI_ADDRESS.test(lower) ? lower : PCI_ADDRESS.test(`0000:${lower}`) ? `0000:${lower}` : undefined;
    f.error(
      'cni/invalid-value',
      `pciBusID "${s}" is not a PCI address as sysfs names it (domain:bus:device.function in lowercase hex, e.g. "0000:3d:00.1"), so host-device cannot find the device.${fixed ? ` Write "${fixed}".` : ''}`,
      v,
      fixed ? { suggestion: fixed } : undefined,
    );
  }
}

function sriov(e: PluginEntry, ctx: PluginContext, f: Findings): void {
  if (!str(field(e.node, 'deviceID')?.value) && !ctx.hasResourceName) {
    f.error(
      'cni/missing-field',
      `sriov needs deviceID (the VF's PCI address), which Multus fills in from the device plugin when the NAD has the annotation k8s.v1.cni.cncf.io/resourceName. Without it the plugin fails ("VF pci addr is required"): add the annotation.`,
      e.typeNode,
    );
  }
  // Pointer fields: JSON null means "not set".
  const vlan = setValue(field(e.node, 'vlan'));
  const qos = setValue(field(e.node, 'vlanQoS'));
  const proto = setValue(field(e.node, 'vlanProto'));
  if (!vlan) {
    for (const [k, n] of [
      ['vlanQoS', qos],
      ['vlanProto', proto],
    ] as const) {
      if (n)
        f.error(
          'cni/invalid-value',
          `${k} is set without vlan: sriov rejects it ("vlan id must be configured"). Set vlan or remove ${k}.`,
          field(e.node, k)!.key,
        );
    }
    return;
  }
  if (num(vlan) !== 0) return;
  if (num(qos) !== undefined && num(qos) !== 0) {
    f.error(
      'cni/invalid-value',
      `vlanQoS ${num(qos)} needs a non-zero vlan: sriov rejects a QoS priority on VLAN 0.`,
      qos!,
    );
  }
  if (str(proto)?.toLowerCase() === '802.1ad') {
    f.error('cni/invalid-value', `vlanProto "802.1ad" needs a non-zero vlan: sriov rejects it on VLAN 0.`, proto!);
  }
}

// ---------------------------------------------------------------------------------------------
// bridge

function bridgeRules(e: PluginEntry, _ctx: PluginContext, f: Findings): void {
  if (isTrue(e.node, 'hairpinMode') && isTrue(e.node, 'promiscMode')) {
    f.error(
      'cni/conflicting-fields',
      `hairpinMode and promiscMode cannot both be true: the bridge plugin rejects the combination. Keep one.`,
      field(e.node, 'promiscMode')!.key,
    );
  }
  const ipamType = fieldStr(setValue(field(e.node, 'ipam')), 'type');
  if (isTrue(e.node, 'disableContainerInterface') && ipamType) {
    f.error(
      'cni/conflicting-fields',
      `disableContainerInterface leaves the pod interface down, so it cannot get an address from IPAM "${ipamType}": the bridge plugin rejects the combination. Remove one of them.`,
      field(e.node, 'disableContainerInterface')!.key,
    );
  }
  for (const t of items(setValue(field(e.node, 'vlanTrunk')))) {
    const min = setValue(field(t, 'minID'));
    const max = setValue(field(t, 'maxID'));
    if (min && !max)
      f.error(
        'cni/missing-field',
        `minID needs a maxID in the same trunk entry: the bridge plugin rejects a range with one end.`,
        field(t, 'minID')!.key,
      );
    else if (max && !min)
      f.error(
        'cni/missing-field',
        `maxID needs a minID in the same trunk entry: the bridge plugin rejects a range with one end.`,
        field(t, 'maxID')!.key,
      );
    else if (num(min) !== undefined && num(max) !== undefined && num(min)! > num(max)!) {
      f.error(
        'cni/invalid-value',
        `Trunk range ${num(min)}–${num(max)}: minID is greater than maxID, which the bridge plugin rejects. Swap them.`,
        max!,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Chained plugins.

function sysctl(e: PluginEntry, _ctx: PluginContext, f: Findings): void {
  const seen = new Set<string>();
  for (const m of members(setValue(field(e.node, 'sysctl')))) {
    const key = String(m.key.value);
    if (seen.has(key)) {
      f.error(
        'cni/invalid-value',
        `sysctl "${key}" is listed twice: tuning rejects duplicated sysctl keys. Remove one.`,
        m.key,
      );
      continue;
    }
    seen.add(key);
    // The plugin maps dots to slashes, substitutes IFNAME and requires the file to be under /proc/sys/net/.
    const file = joinPosix('/proc/sys', key.replace(/\./g, '/').replace('IFNAME', 'net1'));
    if (!file.startsWith('/proc/sys/net/')) {
      f.error(
        'cni/invalid-value',
        `sysctl "${key}" is not a network sysctl: tuning only writes keys under net. (per network namespace) and rejects the config ("invalid net sysctl key"). Set node-wide sysctls on the node instead.`,
        m.key,
      );
    }
  }
}

function bandwidth(e: PluginEntry, ctx: PluginContext, f: Findings): void {
  const value = (k: string) => num(setValue(field(e.node, k))) ?? 0;
  for (const dir of ['ingress', 'egress']) {
    const [rateKey, burstKey] = [`${dir}Rate`, `${dir}Burst`];
    const rate = value(rateKey);
    const burst = value(burstKey);
    if (rate && !burst) {
      f.error(
        'cni/missing-field',
        `${rateKey} needs ${burstKey} as well: bandwidth rejects a rate without a burst ("if rate is set, burst must also be set"). Add ${burstKey} in bits.`,
        field(e.node, rateKey)!.key,
      );
    } else if (burst && !rate) {
      f.error(
        'cni/missing-field',
        `${burstKey} needs ${rateKey} as well: bandwidth rejects a burst without a rate. Add ${rateKey} in bits per second.`,
        field(e.node, burstKey)!.key,
      );
    }
    if (burst / 8 >= 4294967295) {
      f.error(
        'cni/invalid-value',
        `${burstKey} ${burst} is too large: bandwidth rejects bursts of 4 GB or more (the value is in bits).`,
        field(e.node, burstKey)!.value,
      );
    }
  }
  const anyRate = ['ingressRate', 'ingressBurst', 'egressRate', 'egressBurst'].some((k) => value(k) !== 0);
  if (!anyRate && !capability(e, 'bandwidth')) {
    f.warning(
      'cni/capability-missing',
      `bandwidth has no rates and no "capabilities": {"bandwidth": true}, so it receives no limits and does nothing. Set rates here, or enable the capability to take them from the pod's annotations.`,
      e.typeNode,
    );
  }
  const first = firstPlugin(ctx);
  if (ctx.isList && e.index > 0 && first && NON_VETH.includes(first.type)) {
    // With fixed rates it always fails; with the capability only, it fails once a pod asks for limits.
    const message = `bandwidth shapes traffic on the host side of a veth pair, but ${first.type} creates no veth: the plugin fails ("no veth peer")${anyRate ? '' : ' as soon as a pod requests bandwidth limits'}. Use it after bridge or ptp, or drop it.`;
    if (anyRate) f.error('cni/chain-order', message, e.typeNode);
    else f.warning('cni/chain-order', message, e.typeNode);
  }
}

function portmap(e: PluginEntry, _ctx: PluginContext, f: Findings): void {
  const bit = setValue(field(e.node, 'markMasqBit'));
  const chain = setValue(field(e.node, 'externalSetMarkChain'));
  if (bit && chain) {
    f.error(
      'cni/conflicting-fields',
      `markMasqBit and externalSetMarkChain exclude each other: portmap rejects the config. Keep one.`,
      field(e.node, 'externalSetMarkChain')!.key,
    );
  }
  if (!capability(e, 'portMappings')) {
    f.warning(
      'cni/capability-missing',
      `portmap without "capabilities": {"portMappings": true} never receives the pod's port mappings and does nothing. Add the capability.`,
      e.typeNode,
    );
  }
}

function sbr(e: PluginEntry, ctx: PluginContext, f: Findings): void {
  const gw = setValue(field(e.node, 'gateways'));
  const list = items(gw);
  if (list.length > 2)
    f.error(
      'cni/invalid-value',
      `gateways has ${list.length} entries; sbr takes at most two (one IPv4, one IPv6) and rejects more.`,
      gw!,
    );
  const families = new Set<number>();
  for (const g of list) {
    const s = str(g);
    if (s === undefined) continue;
    const ip = parseIp(s);
    if (!ip) {
      f.error(
        'cni/invalid-value',
        `Gateway "${s}" ${ipProblem(s)}: sbr rejects it ("invalid static gateway IP address").`,
        g,
      );
    } else if (families.has(ip.family)) {
      f.error(
        'cni/invalid-value',
        `A second ${familyName(ip.family)} gateway: sbr takes one IPv4 and one IPv6 gateway at most and rejects the config.`,
        g,
      );
    } else families.add(ip.family);
  }
  const first = firstPlugin(ctx);
  if (
    ctx.isList &&
    e.index > 0 &&
    first &&
    REFERENCE_MAIN.includes(first.type) &&
    !fieldStr(setValue(field(first.node, 'ipam')), 'type')
  ) {
    f.error(
      'ipam/missing',
      `sbr builds routing rules for the interface's IP addresses, but ${first.type} has no IPAM, so there are none and sbr fails ("No IP addresses supplied"). Give ${first.type} an IPAM config (e.g. whereabouts).`,
      e.typeNode,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// DNS (plugin level; the IPAM level is checked with the IPAM).

export function dnsNameservers(dns: Node | undefined, f: Findings): void {
  for (const n of items(field(dns, 'nameservers')?.value)) {
    const s = str(n);
    if (s !== undefined && !parseIp(s)) {
      f.warning(
        'cni/invalid-value',
        `DNS nameserver "${s}" ${ipProblem(s)}; a resolver reading this result cannot use it. Write the server's IP address.`,
        n,
      );
    }
  }
}

/** POSIX path join with `.` and `..` resolved, like Go's filepath.Join (the core has no node:path). */
function joinPosix(...parts: string[]): string {
  const out: string[] = [];
  for (const seg of parts.join('/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

// Conformance cases: valid configs for every plugin/IPAM pair the reference plugin package ships,
// and systematic mutations of them. Each case is plain data:
//
//   id        unique, stable ("<plugin>/<what>")
//   plugin    the plugin (or IPAM) under test: the row of the results table and --filter key
//   config    the CNI config object (what a NAD's spec.config would hold), or
//   raw       the exact config text (for JSON-level cases), with runAs = plugin binary to run
//   expect    what we believe the *installed* plugin does: 'accept' | 'reject' | 'env'.
//             Only documentation for the generator: the verdict always comes from the plugin, and
//             a case whose outcome differs from `expect` is listed as a surprise.
//   skew      { since, head, what }: the field or behaviour changed in plugin release `since`
//             (semver, or 'unreleased'); `head` is what newer plugins do. When the installed
//             plugins are older than `since`, the case is reported under "version skew" and not
//             counted, because our rules follow the newest plugins.
//   note      one line for the report
//   podDependent { cniArgs, what }: when rejected, the case runs again with that per-pod input
//             (what Multus passes from the pod annotation); accepted then = not judged ("env").
//
// The host side that run.mjs builds for every case: a "host" network namespace with
//   eth0  default-route interface (veth, 192.0.2.2/24, default via 192.0.2.1)
//   eth1  the storage NIC used as master (veth, MTU 1500)
//   hdev0, hdev1  spare veths for host-device (MACs HDEV0_MAC, HDEV1_MAC)
// Everything lives in namespaces the run creates; no packet leaves them.

import { realConfigCases } from './realConfigs.mjs';

export const MASTER = 'eth1';
export const HDEV0_MAC = '02:00:5e:10:00:01';
export const HDEV1_MAC = '02:00:5e:10:00:02';
export const NAD_NAME = 'storage-net';
export const KNOWN_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];

// ---------------------------------------------------------------- helpers

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** Returns a copy of obj with the dotted path set (value undefined = delete). Numeric parts index arrays. */
export function withPath(obj, path, value) {
  const out = clone(obj);
  const parts = path.split('.');
  let cur = out;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i];
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object')
      cur[k] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    cur = cur[k];
  }
  const last = parts[parts.length - 1];
  if (value === undefined) {
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete cur[last];
  } else cur[last] = clone(value);
  return out;
}

/** Applies several path edits: { 'ipam.subnet': '…', mtu: undefined }. */
export function edit(obj, edits) {
  let out = clone(obj);
  for (const [p, v] of Object.entries(edits)) out = withPath(out, p, v);
  return out;
}

const hostLocal = (extra = {}) => ({ type: 'host-local', subnet: '10.10.0.0/24', ...extra });
const hostLocal6 = (extra = {}) => ({ type: 'host-local', subnet: 'fd10:10::/64', ...extra });
const staticIpam = (extra = {}) => ({
  type: 'static',
  addresses: [{ address: '10.10.0.5/24', gateway: '10.10.0.1' }],
  ...extra,
});

export const BASE = {
  macvlan: () => ({
    cniVersion: '1.0.0',
    name: NAD_NAME,
    type: 'macvlan',
    master: MASTER,
    mode: 'bridge',
    ipam: hostLocal(),
  }),
  ipvlan: () => ({
    cniVersion: '1.0.0',
    name: NAD_NAME,
    type: 'ipvlan',
    master: MASTER,
    mode: 'l2',
    ipam: hostLocal(),
  }),
  vlan: () => ({ cniVersion: '1.0.0', name: NAD_NAME, type: 'vlan', master: MASTER, vlanId: 100, ipam: hostLocal() }),
  'host-device': () => ({ cniVersion: '1.0.0', name: NAD_NAME, type: 'host-device', device: 'hdev0' }),
  bridge: () => ({ cniVersion: '1.0.0', name: NAD_NAME, type: 'bridge', bridge: 'br-storage', ipam: hostLocal() }),
  ptp: () => ({ cniVersion: '1.0.0', name: NAD_NAME, type: 'ptp', ipam: hostLocal() }),
  loopback: () => ({ cniVersion: '1.0.0', name: NAD_NAME, type: 'loopback' }),
  dummy: () => ({ cniVersion: '1.0.0', name: NAD_NAME, type: 'dummy', ipam: hostLocal() }),
  tap: () => ({ cniVersion: '1.0.0', name: NAD_NAME, type: 'tap', ipam: hostLocal() }),
};

/** Interface-plugin entries used in front of chained (meta) plugins. */
const FIRST = {
  macvlan: () => ({ type: 'macvlan', master: MASTER, mode: 'bridge', ipam: hostLocal() }),
  bridge: () => ({ type: 'bridge', bridge: 'br-storage', ipam: hostLocal() }),
  ptp: () => ({ type: 'ptp', ipam: hostLocal() }),
};

const list = (cniVersion, plugins, extra = {}) => ({ cniVersion, name: NAD_NAME, ...extra, plugins });

// ---------------------------------------------------------------- generator

export function generateCases() {
  const cases = [];
  const ids = new Set();
  const add = (c) => {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
    cases.push(c);
  };
  /** Shorthand: a case from a base config and edits. */
  const mut = (plugin, id, base, edits, expect, note, more = {}) =>
    add({ id: `${plugin}/${id}`, plugin, config: edit(base, edits), expect, note, ...more });

  commonCases(add, mut);
  macvlanCases(mut);
  ipvlanCases(mut);
  vlanCases(mut);
  hostDeviceCases(mut);
  bridgeCases(mut);
  ptpCases(mut);
  simplePluginCases(mut);
  hostLocalCases(mut);
  staticCases(mut);
  dhcpCases(mut);
  tuningCases(mut);
  portmapCases(mut);
  bandwidthCases(mut);
  firewallCases(mut);
  sbrCases(mut);
  vrfCases(mut);
  versionMatrix(mut);
  unknownFieldCases(mut);
  realConfigCases(add);
  return cases;
}

// -- top level: cniVersion, name, shared NetConf fields, JSON text (carrier: macvlan + host-local)
function commonCases(add, mut) {
  const b = BASE.macvlan();
  const P = 'common';
  for (const v of KNOWN_VERSIONS) {
    if (v === '1.1.0') {
      mut(P, `version-${v}`, b, { cniVersion: v }, 'reject', 'newest spec version', {
        skew: { since: '1.6.0', head: 'accept', what: 'plugins support CNI spec 1.1.0 from v1.6.0 on' },
      });
    } else mut(P, `version-${v}`, b, { cniVersion: v }, 'accept', 'every released spec version up to 1.0.0');
  }
  mut(P, 'version-missing', b, { cniVersion: undefined }, 'accept', 'missing cniVersion is read as 0.1.0');
  mut(P, 'version-empty', b, { cniVersion: '' }, 'accept', 'empty cniVersion is read as 0.1.0');
  mut(P, 'version-null', b, { cniVersion: null }, 'accept', 'null decodes to the empty string in Go');
  for (const [id, v] of [
    ['1.0', '1.0'],
    ['4.0.0', '4.0.0'],
    ['0.5.0', '0.5.0'],
    ['v1.0.0', 'v1.0.0'],
    ['trailing-space', '1.0.0 '],
    ['2.0.0', '2.0.0'],
    ['0.3', '0.3'],
    ['1.0.0.0', '1.0.0.0'],
  ]) {
    mut(P, `version-${id}`, b, { cniVersion: v }, 'reject', `unsupported cniVersion ${JSON.stringify(v)}`);
  }
  mut(P, 'version-number', b, { cniVersion: 1.0 }, 'reject', 'cniVersion as a JSON number');

  mut(P, 'name-missing', b, { name: undefined }, 'accept', 'Multus injects metadata.name');
  mut(P, 'name-empty', b, { name: '' }, 'accept', 'Multus injects metadata.name for an empty name');
  mut(P, 'name-dots-dashes', b, { name: 'Storage.net_1-a' }, 'accept', 'allowed characters');
  mut(P, 'name-space', b, { name: 'storage net' }, 'reject', 'space in name');
  mut(P, 'name-leading-dash', b, { name: '-storage' }, 'reject', 'name must start alphanumeric');
  mut(P, 'name-slash', b, { name: 'a/b' }, 'reject', 'slash in name');
  mut(P, 'name-unicode', b, { name: 'störage' }, 'reject', 'non-ASCII name');
  mut(P, 'name-number', b, { name: 7 }, 'reject', 'name as a number');
  mut(P, 'name-null', b, { name: null }, 'reject', 'null name: Multus injects only for a missing or empty name');
  mut(
    P,
    'name-key-case',
    b,
    { name: undefined, Name: NAD_NAME },
    'accept',
    '"Name": Multus still injects "name" (exact-key lookup)',
  );

  mut(
    P,
    'type-and-plugins',
    b,
    { plugins: [{ type: 'tuning' }] },
    'accept',
    'top-level type wins; Multus ignores plugins',
  );
  mut(P, 'args-object', b, { args: { cni: {} } }, 'accept', 'reserved key written by the user');
  mut(P, 'runtimeConfig-empty', b, { runtimeConfig: {} }, 'accept', 'reserved key written by the user');
  mut(P, 'prevResult-in-single', b, { prevResult: { cniVersion: '1.0.0' } }, 'accept', 'prevResult in a single config');
  mut(P, 'cni.dev-key', b, { 'cni.dev/attachments': 1 }, 'accept', 'reserved cni.dev/ key');
  mut(P, 'capabilities-ok', b, { capabilities: { mac: true } }, 'accept', 'capabilities map');
  mut(P, 'capabilities-string-value', b, { capabilities: { mac: 'yes' } }, 'reject', 'capability value not a bool');
  mut(P, 'capabilities-array', b, { capabilities: ['mac'] }, 'reject', 'capabilities as an array');
  mut(
    P,
    'dns-ok',
    b,
    { dns: { nameservers: ['10.10.0.10'], domain: 'storage.local', search: ['storage.local'], options: ['ndots:2'] } },
    'accept',
    'dns block',
  );
  mut(P, 'dns-string', b, { dns: '10.10.0.10' }, 'reject', 'dns as a string');
  mut(P, 'dns-nameservers-string', b, { dns: { nameservers: '10.10.0.10' } }, 'reject', 'nameservers not a list');
  mut(
    P,
    'dns-nameserver-not-ip',
    b,
    { dns: { nameservers: ['dns.example'] } },
    'accept',
    'nameserver not an IP (not checked by plugins)',
  );
  mut(P, 'ipam-string', b, { ipam: 'host-local' }, 'reject', 'ipam as a string');
  mut(P, 'ipam-array', b, { ipam: [] }, 'reject', 'ipam as an array');
  mut(P, 'ipam-null', b, { ipam: null }, 'accept', 'null ipam = no IPAM (macvlan L2)');
  mut(P, 'ipam-type-number', b, { 'ipam.type': 5 }, 'reject', 'ipam.type as a number');
  mut(P, 'key-case-Master', b, { master: undefined, Master: MASTER }, 'accept', 'Go matches keys case-insensitively');
  mut(P, 'key-case-IPAM', b, { ipam: undefined, IPAM: hostLocal() }, 'accept', 'Go matches keys case-insensitively');
  mut(
    P,
    'key-case-CNIVersion',
    b,
    { cniVersion: undefined, CNIVersion: '1.0.0' },
    'accept',
    'Go matches keys case-insensitively',
  );

  // JSON text cases: what reaches the plugin is exactly this text.
  const raw = (id, text, expect, note) =>
    add({ id: `${P}/${id}`, plugin: P, raw: text, runAs: 'macvlan', expect, note });
  const head = `"cniVersion": "1.0.0", "name": "${NAD_NAME}", "type": "macvlan", "master": "${MASTER}"`;
  raw(
    'json-trailing-comma',
    `{${head}, "ipam": {"type": "host-local", "subnet": "10.10.0.0/24",}}`,
    'reject',
    'trailing comma',
  );
  raw('json-comment', `{${head}, // storage\n "ipam": {}}`, 'reject', 'comment in JSON');
  raw('json-single-quotes', `{${head}, 'mode': 'bridge'}`, 'reject', 'single quotes');
  raw('json-duplicate-same', `{${head}, "mtu": 1400, "mtu": 1400}`, 'accept', 'duplicate key, same valid value');
  raw(
    'json-duplicate-bad-first',
    `{${head}, "mtu": "1400", "mtu": 1400}`,
    'reject',
    'duplicate key; the first has the wrong type (Go keeps the type error)',
  );
  raw(
    'json-duplicate-bad-last',
    `{${head}, "mode": "bridge", "mode": "source"}`,
    'reject',
    'duplicate key; the last value wins',
  );
  raw('json-top-level-array', `[{${head}}]`, 'reject', 'top-level array');
  raw('json-bom-free-whitespace', `\n  {${head}}\n`, 'accept', 'surrounding whitespace');
}

function macvlanCases(mut) {
  const b = BASE.macvlan();
  const P = 'macvlan';
  mut(P, 'valid', b, {}, 'accept', 'macvlan + host-local');
  for (const m of ['bridge', 'private', 'vepa', 'passthru']) mut(P, `mode-${m}`, b, { mode: m }, 'accept', `mode ${m}`);
  mut(P, 'mode-empty', b, { mode: '' }, 'accept', 'empty mode = bridge');
  mut(P, 'mode-missing', b, { mode: undefined }, 'accept', 'default mode');
  mut(P, 'mode-null', b, { mode: null }, 'accept', 'null mode = default');
  mut(P, 'mode-source', b, { mode: 'source' }, 'reject', 'macvlan mode source is not offered by the plugin');
  mut(P, 'mode-Bridge', b, { mode: 'Bridge' }, 'reject', 'mode values are case-sensitive');
  mut(P, 'mode-l2', b, { mode: 'l2' }, 'reject', 'ipvlan mode on macvlan');
  mut(P, 'mode-number', b, { mode: 1 }, 'reject', 'mode as a number');
  mut(P, 'master-missing', b, { master: undefined }, 'accept', 'default-route interface is used');
  mut(P, 'master-empty', b, { master: '' }, 'accept', 'empty master = default-route interface');
  mut(P, 'master-number', b, { master: 1 }, 'reject', 'master as a number');
  mut(P, 'master-absent-on-node', b, { master: 'eth9' }, 'env', 'master not present on this node');
  mut(P, 'mtu-0', b, { mtu: 0 }, 'accept', 'mtu 0 = master MTU');
  mut(P, 'mtu-1400', b, { mtu: 1400 }, 'accept', 'mtu below master MTU');
  mut(P, 'mtu-1500', b, { mtu: 1500 }, 'accept', 'mtu = master MTU');
  mut(P, 'mtu-9000', b, { mtu: 9000 }, 'env', "mtu above this node's master MTU");
  mut(P, 'mtu-negative', b, { mtu: -1 }, 'reject', 'negative mtu');
  mut(P, 'mtu-string', b, { mtu: '1500' }, 'reject', 'mtu as a string');
  mut(P, 'mtu-float', b, { mtu: 1400.5 }, 'reject', 'mtu not an integer');
  mut(P, 'mac-ok', b, { mac: '02:00:00:00:00:42' }, 'accept', 'static MAC');
  mut(P, 'mac-garbage', b, { mac: 'zz' }, 'reject', 'MAC does not parse');
  mut(P, 'mac-short', b, { mac: '02:00:00:00:00' }, 'reject', 'MAC with 5 octets');
  mut(P, 'mac-number', b, { mac: 42 }, 'reject', 'MAC as a number');
  mut(P, 'mac-multicast', b, { mac: '01:00:5e:00:00:01' }, 'reject', 'multicast MAC (the kernel refuses it)');
  mut(P, 'ipam-empty', b, { ipam: {} }, 'accept', 'L2 only');
  mut(P, 'ipam-missing', b, { ipam: undefined }, 'accept', 'L2 only');
  mut(P, 'ipam-static', b, { ipam: staticIpam() }, 'accept', 'macvlan + static');
  mut(
    P,
    'ipam-untyped-subnet',
    b,
    { ipam: { subnet: '10.10.0.0/24' } },
    'accept',
    'ipam without type is ignored: L2 only',
  );
  mut(
    P,
    'linkInContainer-true',
    b,
    { linkInContainer: true },
    'accept',
    'master looked up in the container namespace',
    {
      skew: {
        since: '1.3.0',
        head: 'env',
        what: 'linkInContainer (v1.3.0): the master is then looked up inside the pod',
      },
    },
  );
  mut(P, 'bcqueuelen-string', b, { bcqueuelen: 'x' }, 'accept', 'bcqueuelen as a string', {
    skew: { since: '1.6.0', head: 'reject', what: 'bcqueuelen (v1.6.0) is a uint32' },
  });
}

function ipvlanCases(mut) {
  const b = BASE.ipvlan();
  const P = 'ipvlan';
  for (const m of ['l2', 'l3', 'l3s'])
    mut(P, `mode-${m}`, b, { mode: m }, 'env', `mode ${m} (needs ipvlan in the kernel)`);
  mut(P, 'mode-l4', b, { mode: 'l4' }, 'reject', 'unknown ipvlan mode');
  mut(P, 'mode-L2', b, { mode: 'L2' }, 'reject', 'mode values are case-sensitive');
  mut(P, 'mode-bridge', b, { mode: 'bridge' }, 'reject', 'macvlan mode on ipvlan');
  mut(P, 'mode-number', b, { mode: 2 }, 'reject', 'mode as a number');
  mut(P, 'master-number', b, { master: 1 }, 'reject', 'master as a number');
  mut(P, 'mtu-string', b, { mtu: '1500' }, 'reject', 'mtu as a string');
  mut(P, 'master-missing', b, { master: undefined }, 'env', 'default-route interface (needs ipvlan in the kernel)');
  mut(P, 'ipam-missing', b, { ipam: undefined }, 'env', 'unchained ipvlan without IPAM (the link is created first)');
  mut(P, 'ipam-dhcp', b, { ipam: { type: 'dhcp' } }, 'env', 'ipvlan + dhcp');
}

function vlanCases(mut) {
  const b = BASE.vlan();
  const P = 'vlan';
  mut(P, 'valid', b, {}, 'env', 'vlan 100 (needs 8021q in the kernel)');
  mut(P, 'id-0', b, { vlanId: 0 }, 'env', 'vlanId 0');
  mut(P, 'id-4094', b, { vlanId: 4094 }, 'env', 'vlanId 4094');
  mut(P, 'id-missing', b, { vlanId: undefined }, 'env', 'vlanId defaults to 0');
  mut(P, 'id-4095', b, { vlanId: 4095 }, 'reject', 'vlanId 4095');
  mut(P, 'id-5000', b, { vlanId: 5000 }, 'reject', 'vlanId 5000');
  mut(P, 'id-negative', b, { vlanId: -1 }, 'reject', 'vlanId -1');
  mut(P, 'id-string', b, { vlanId: '100' }, 'reject', 'vlanId as a string');
  mut(P, 'id-float', b, { vlanId: 1.5 }, 'reject', 'vlanId not an integer');
  mut(P, 'master-missing', b, { master: undefined }, 'reject', 'vlan requires master');
  mut(P, 'master-empty', b, { master: '' }, 'reject', 'vlan requires master');
  mut(P, 'master-number', b, { master: 5 }, 'reject', 'master as a number');
  mut(P, 'mtu-negative', b, { mtu: -1 }, 'reject', 'negative mtu');
  mut(P, 'mtu-string', b, { mtu: '1500' }, 'reject', 'mtu as a string');
  mut(P, 'mtu-9000', b, { mtu: 9000 }, 'env', "mtu above this node's master MTU");
  mut(P, 'ipam-missing', b, { ipam: undefined }, 'env', 'vlan without IPAM (the link is created first)');
  mut(P, 'vlan_id-typo', b, { vlanId: undefined, vlan_id: 100 }, 'env', 'typo vlan_id: ignored, vlanId 0');
}

function hostDeviceCases(mut) {
  const b = BASE['host-device']();
  const P = 'host-device';
  mut(P, 'device', b, {}, 'accept', 'device by name');
  mut(P, 'device-host-local', b, { ipam: hostLocal() }, 'accept', 'host-device + host-local');
  mut(P, 'device-static', b, { ipam: staticIpam() }, 'accept', 'host-device + static');
  mut(P, 'hwaddr', b, { device: undefined, hwaddr: HDEV0_MAC }, 'accept', 'device by MAC');
  mut(P, 'hwaddr-upper', b, { device: undefined, hwaddr: HDEV0_MAC.toUpperCase() }, 'accept', 'MAC in upper case');
  mut(
    P,
    'kernelpath-virtual',
    b,
    { device: undefined, kernelpath: '/sys/devices/virtual' },
    'accept',
    'kernel path (first net device under it)',
  );
  mut(P, 'device-and-hwaddr', b, { hwaddr: HDEV1_MAC }, 'accept', 'two selectors: device wins');
  mut(P, 'no-selector', b, { device: undefined }, 'reject', 'none of device/hwaddr/kernelpath/pciBusID');
  mut(P, 'device-empty', b, { device: '' }, 'reject', 'empty device and no other selector');
  mut(P, 'device-number', b, { device: 5 }, 'reject', 'device as a number');
  mut(P, 'hwaddr-garbage', b, { device: undefined, hwaddr: 'zz:zz' }, 'reject', 'MAC does not parse');
  mut(
    P,
    'hwaddr-absent-on-node',
    b,
    { device: undefined, hwaddr: '02:00:5e:10:00:99' },
    'env',
    'no interface with that MAC on this node',
  );
  mut(
    P,
    'kernelpath-relative',
    b,
    { device: undefined, kernelpath: 'sys/devices/virtual' },
    'reject',
    'kernel path not absolute',
  );
  mut(
    P,
    'kernelpath-proc',
    b,
    { device: undefined, kernelpath: '/proc/net' },
    'reject',
    'kernel path outside /sys/devices/',
  );
  mut(
    P,
    'kernelpath-absent-on-node',
    b,
    { device: undefined, kernelpath: '/sys/devices/pci0000:00/0000:00:99.0' },
    'env',
    'kernel path absent on this node',
  );
  mut(
    P,
    'pciBusID-absent-on-node',
    b,
    { device: undefined, pciBusID: '0000:00:1f.6' },
    'env',
    'PCI device absent on this node',
  );
  mut(P, 'device-absent-on-node', b, { device: 'eth9' }, 'env', 'device absent on this node');
  mut(P, 'ipam-bad-subnet', b, { ipam: hostLocal({ subnet: '10.10.0.5/24' }) }, 'reject', 'host bits in the subnet');
  mut(P, 'ipam-empty', b, { ipam: {} }, 'accept', 'no IPAM');
}

function bridgeCases(mut) {
  const b = BASE.bridge();
  const P = 'bridge';
  mut(P, 'valid', b, {}, 'accept', 'bridge + host-local');
  mut(P, 'bridge-default-name', b, { bridge: undefined }, 'accept', 'default bridge cni0');
  mut(P, 'isGateway', b, { isGateway: true }, 'accept', 'gateway on the bridge');
  mut(P, 'isDefaultGateway', b, { isDefaultGateway: true }, 'accept', 'default gateway');
  mut(P, 'ipMasq', b, { isGateway: true, ipMasq: true }, 'accept', 'masquerade');
  mut(P, 'hairpinMode', b, { hairpinMode: true }, 'accept', 'hairpin');
  mut(P, 'promiscMode', b, { promiscMode: true }, 'accept', 'promiscuous bridge');
  mut(P, 'forceAddress', b, { isGateway: true, forceAddress: true }, 'accept', 'forceAddress');
  mut(P, 'enabledad', b, { enabledad: true }, 'accept', 'DAD on');
  mut(P, 'mtu-1400', b, { mtu: 1400 }, 'accept', 'mtu');
  mut(P, 'vlan-0', b, { vlan: 0 }, 'accept', 'vlan 0');
  mut(P, 'vlan-100', b, { vlan: 100 }, 'accept', 'vlan 100');
  mut(P, 'vlan-4094', b, { vlan: 4094 }, 'accept', 'vlan 4094');
  mut(P, 'ipam-empty', b, { ipam: {} }, 'accept', 'L2 only');
  mut(P, 'ipam-missing', b, { ipam: undefined }, 'accept', 'L2 only');
  mut(P, 'ipam-static', b, { ipam: staticIpam() }, 'accept', 'bridge + static');
  mut(P, 'ipam-v6', b, { ipam: hostLocal6() }, 'accept', 'IPv6 host-local');
  mut(P, 'vlan-4095', b, { vlan: 4095 }, 'reject', 'vlan 4095');
  mut(P, 'vlan-negative', b, { vlan: -1 }, 'reject', 'vlan -1');
  mut(P, 'vlan-string', b, { vlan: '100' }, 'reject', 'vlan as a string');
  mut(
    P,
    'hairpin-and-promisc',
    b,
    { hairpinMode: true, promiscMode: true },
    'reject',
    'hairpinMode and promiscMode together',
  );
  mut(P, 'isGateway-string', b, { isGateway: 'true' }, 'reject', 'bool as a string');
  mut(P, 'bridge-number', b, { bridge: 5 }, 'reject', 'bridge name as a number');
  mut(
    P,
    'bridge-name-too-long',
    b,
    { bridge: 'br-storage-network-0' },
    'reject',
    'bridge name longer than 15 characters',
  );
  mut(P, 'mtu-negative', b, { mtu: -1 }, 'accept', 'negative mtu (bridge ignores MTUs <= 0)');
  mut(P, 'mtu-string', b, { mtu: '1500' }, 'reject', 'mtu as a string');
  mut(P, 'ipam-bad-subnet', b, { ipam: hostLocal({ subnet: '10.10.0.0/33' }) }, 'reject', 'prefix too long');
  mut(P, 'ipMasqBackend-bogus', b, { ipMasq: true, ipMasqBackend: 'pf' }, 'accept', 'unknown ipMasqBackend', {
    skew: { since: '1.6.0', head: 'reject', what: 'ipMasqBackend (v1.6.0): iptables or nftables' },
  });
  mut(P, 'vlanTrunk-out-of-range', b, { vlanTrunk: [{ id: 5000 }] }, 'accept', 'trunk id 5000', {
    skew: { since: '1.3.0', head: 'reject', what: 'vlanTrunk (v1.3.0): ids 1..4094' },
  });
  mut(P, 'vlanTrunk-ok', b, { vlanTrunk: [{ id: 101 }, { minID: 200, maxID: 210 }] }, 'accept', 'trunk ids');
  mut(
    P,
    'disableContainerInterface-with-ipam',
    b,
    { disableContainerInterface: true },
    'accept',
    'disableContainerInterface with IPAM',
    {
      skew: { since: '1.4.1', head: 'reject', what: 'disableContainerInterface (v1.4.1) excludes IPAM' },
    },
  );
  mut(P, 'portIsolation-string', b, { portIsolation: 'yes' }, 'accept', 'portIsolation as a string', {
    skew: { since: '1.7.0', head: 'reject', what: 'portIsolation (v1.7.0) is a bool' },
  });
}

function ptpCases(mut) {
  const b = BASE.ptp();
  const P = 'ptp';
  mut(P, 'valid', b, {}, 'accept', 'ptp + host-local');
  mut(P, 'ipMasq', b, { ipMasq: true }, 'accept', 'masquerade');
  mut(P, 'mtu-1400', b, { mtu: 1400 }, 'accept', 'mtu');
  mut(P, 'ipam-static', b, { ipam: staticIpam() }, 'accept', 'ptp + static');
  mut(P, 'ipam-v6', b, { ipam: hostLocal6() }, 'accept', 'IPv6');
  mut(P, 'dns', b, { dns: { nameservers: ['10.10.0.10'] } }, 'accept', 'dns');
  mut(P, 'ipam-missing', b, { ipam: undefined }, 'reject', 'ptp needs IPAM');
  mut(P, 'ipam-empty', b, { ipam: {} }, 'reject', 'ptp needs an IPAM type');
  mut(P, 'ipam-untyped-subnet', b, { ipam: { subnet: '10.10.0.0/24' } }, 'reject', 'ipam without type');
  mut(P, 'mtu-string', b, { mtu: '1400' }, 'reject', 'mtu as a string');
  mut(P, 'mtu-negative', b, { mtu: -1 }, 'accept', 'negative mtu (ptp ignores MTUs <= 0)');
  mut(P, 'ipMasq-string', b, { ipMasq: 'yes' }, 'reject', 'bool as a string');
}

/** loopback, and the plugins newer packages ship (dummy, tap) when present. */
function simplePluginCases(mut) {
  const lo = BASE.loopback();
  mut('loopback', 'valid', lo, {}, 'accept', 'loopback');
  mut('loopback', 'version-0.3.1', lo, { cniVersion: '0.3.1' }, 'accept', 'loopback 0.3.1');
  mut('loopback', 'version-1.0', lo, { cniVersion: '1.0' }, 'reject', 'unsupported cniVersion');
  mut('loopback', 'name-space', lo, { name: 'lo net' }, 'reject', 'invalid name');
  const d = BASE.dummy();
  mut('dummy', 'valid', d, {}, 'accept', 'dummy + host-local');
  mut('dummy', 'ipam-missing', d, { ipam: undefined }, 'reject', 'dummy needs IPAM');
  mut('dummy', 'ipam-empty', d, { ipam: {} }, 'reject', 'dummy needs an IPAM type');
  mut('dummy', 'mtu-string', d, { mtu: '1400' }, 'reject', 'mtu as a string');
  const t = BASE.tap();
  mut('tap', 'valid', t, {}, 'accept', 'tap + host-local');
  mut('tap', 'multiQueue', t, { multiQueue: true }, 'accept', 'multi-queue tap');
  mut('tap', 'mac-garbage', t, { mac: 'zz' }, 'reject', 'MAC does not parse');
  mut('tap', 'owner-negative', t, { owner: -1 }, 'reject', 'owner is a uint32');
}

function hostLocalCases(mut) {
  const b = BASE.macvlan();
  const P = 'host-local';
  const sub = (id, subnet, expect, note) => mut(P, `subnet-${id}`, b, { 'ipam.subnet': subnet }, expect, note);
  sub('24', '10.10.0.0/24', 'accept', '/24');
  sub('16', '10.10.0.0/16', 'accept', '/16');
  sub('30', '10.10.0.0/30', 'accept', '/30 (smallest allocatable IPv4)');
  sub('31', '10.10.0.0/31', 'reject', '/31 too small');
  sub('32', '10.10.0.0/32', 'reject', '/32 too small');
  sub('v6-64', 'fd10:10::/64', 'accept', 'IPv6 /64');
  sub('v6-126', 'fd10:10::/126', 'accept', 'IPv6 /126');
  sub('v6-127', 'fd10:10::/127', 'reject', 'IPv6 /127 too small');
  sub('v6-128', 'fd10:10::/128', 'reject', 'IPv6 /128 too small');
  sub('host-bits', '10.10.0.5/24', 'reject', 'host bits set');
  sub('v6-host-bits', 'fd10:10::1/64', 'reject', 'IPv6 host bits set');
  sub('bad-octet', '10.10.0.256/24', 'reject', 'octet > 255');
  sub('leading-zero', '10.010.0.0/24', 'reject', 'leading zero in an octet');
  sub('prefix-33', '10.10.0.0/33', 'reject', 'prefix too long');
  sub('v6-prefix-129', 'fd10:10::/129', 'reject', 'IPv6 prefix too long');
  sub('no-prefix', '10.10.0.0', 'reject', 'no prefix length');
  sub('garbage', 'storage', 'reject', 'not a CIDR');
  sub('empty', '', 'reject', 'empty subnet');
  sub('v6-bad', 'fd10:::/64', 'reject', 'bad IPv6');
  sub('three-octets', '10.10.0/24', 'reject', 'three octets');
  mut(P, 'subnet-number', b, { 'ipam.subnet': 10 }, 'reject', 'subnet as a number');
  mut(
    P,
    'subnet-Subnet-key',
    b,
    { 'ipam.subnet': undefined, 'ipam.Subnet': '10.10.0.0/24' },
    'accept',
    'Go matches keys case-insensitively',
  );

  const rng = (id, edits, expect, note) =>
    mut(P, id, b, Object.fromEntries(Object.entries(edits).map(([k, v]) => [`ipam.${k}`, v])), expect, note);
  rng('range-inside', { rangeStart: '10.10.0.100', rangeEnd: '10.10.0.200' }, 'accept', 'range inside the subnet');
  rng('range-single-address', { rangeStart: '10.10.0.100', rangeEnd: '10.10.0.100' }, 'accept', 'a one-address range');
  rng('range-start-outside', { rangeStart: '10.10.1.10' }, 'reject', 'rangeStart outside the subnet');
  rng('range-end-outside', { rangeEnd: '10.10.1.10' }, 'reject', 'rangeEnd outside the subnet');
  rng(
    'range-start-after-end',
    { rangeStart: '10.10.0.200', rangeEnd: '10.10.0.100' },
    'reject',
    'rangeStart > rangeEnd',
  );
  rng('range-start-bad-ip', { rangeStart: '10.10.0.300' }, 'reject', 'rangeStart not an IP');
  rng('range-start-v6-in-v4', { rangeStart: 'fd10:10::5' }, 'reject', 'IPv6 rangeStart in an IPv4 subnet');
  rng('range-start-number', { rangeStart: 5 }, 'reject', 'rangeStart as a number');
  rng('gateway-inside', { gateway: '10.10.0.254' }, 'accept', 'gateway inside');
  rng('gateway-outside', { gateway: '10.20.0.1' }, 'accept', 'gateway outside the subnet (not checked by host-local)');
  rng(
    'gateway-v6-in-v4',
    { gateway: 'fd10:10::1' },
    'accept',
    'IPv6 gateway for an IPv4 subnet (not checked by host-local)',
  );
  rng('gateway-bad-ip', { gateway: '10.10.0.999' }, 'reject', 'gateway not an IP');
  rng('routes-default', { routes: [{ dst: '0.0.0.0/0' }] }, 'accept', 'default route via the gateway');
  rng('routes-with-gw', { routes: [{ dst: '10.20.0.0/16', gw: '10.10.0.1' }] }, 'accept', 'route with gw');
  rng('routes-dst-bad', { routes: [{ dst: '10.20.0.0/33' }] }, 'reject', 'route dst prefix too long');
  rng(
    'routes-dst-host-bits',
    { routes: [{ dst: '10.20.0.5/16' }] },
    'reject',
    'route dst with host bits (the kernel refuses the route)',
  );
  rng('routes-gw-bad', { routes: [{ dst: '10.20.0.0/16', gw: 'gateway' }] }, 'reject', 'route gw not an IP');
  rng(
    'routes-gw-unreachable',
    { routes: [{ dst: '10.20.0.0/16', gw: '10.30.0.1' }] },
    'reject',
    'route gw not on any connected network',
  );
  rng('routes-string', { routes: '0.0.0.0/0' }, 'reject', 'routes as a string');
  rng('unknown-key', { rangeBegin: '10.10.0.10' }, 'accept', 'typo rangeBegin is ignored');

  const set = (subnet, more = {}) => ({ subnet, ...more });
  const ranges = (id, r, expect, note, version = '1.0.0') =>
    mut(P, id, b, { 'ipam.subnet': undefined, 'ipam.ranges': r, cniVersion: version }, expect, note);
  ranges('ranges-one-set', [[set('10.10.0.0/24')]], 'accept', 'one range set');
  ranges('ranges-two-pools-one-set', [[set('10.10.0.0/24'), set('10.11.0.0/24')]], 'accept', 'two pools in one set');
  ranges('ranges-two-v4-sets', [[set('10.10.0.0/24')], [set('10.11.0.0/24')]], 'accept', 'two IPv4 addresses');
  ranges(
    'ranges-two-v4-sets-0.2.0',
    [[set('10.10.0.0/24')], [set('10.11.0.0/24')]],
    'reject',
    'two IPv4 addresses need cniVersion >= 0.3.0',
    '0.2.0',
  );
  ranges('ranges-dual-stack', [[set('10.10.0.0/24')], [set('fd10:10::/64')]], 'accept', 'dual stack');
  ranges(
    'ranges-dual-stack-0.2.0',
    [[set('10.10.0.0/24')], [set('fd10:10::/64')]],
    'accept',
    'one address per family is fine on 0.2.0',
    '0.2.0',
  );
  ranges('ranges-mixed-family-set', [[set('10.10.0.0/24'), set('fd10:10::/64')]], 'reject', 'IPv4 and IPv6 in one set');
  ranges('ranges-overlap-in-set', [[set('10.10.0.0/24'), set('10.10.0.0/25')]], 'reject', 'overlapping pools in a set');
  ranges('ranges-overlap-across-sets', [[set('10.10.0.0/24')], [set('10.10.0.128/25')]], 'reject', 'overlapping sets');
  ranges(
    'ranges-same-subnet-two-ranges',
    [
      [
        set('10.10.0.0/24', { rangeStart: '10.10.0.10', rangeEnd: '10.10.0.20' }),
        set('10.10.0.0/24', { rangeStart: '10.10.0.30', rangeEnd: '10.10.0.40' }),
      ],
    ],
    'accept',
    'one subnet split in two disjoint ranges',
  );
  ranges('ranges-empty', [], 'reject', 'no ranges at all');
  ranges('ranges-empty-set', [[]], 'reject', 'an empty range set');
  ranges('ranges-not-nested', [set('10.10.0.0/24')], 'reject', 'ranges must be a list of lists');
  ranges('ranges-object', { subnet: '10.10.0.0/24' }, 'reject', 'ranges as an object');
  ranges('ranges-bad-subnet', [[set('10.10.0.1/24')]], 'reject', 'host bits in a ranges subnet');
  ranges(
    'ranges-start-outside',
    [[set('10.10.0.0/24', { rangeStart: '10.10.1.1' })]],
    'reject',
    'rangeStart outside in ranges',
  );
  mut(
    P,
    'legacy-plus-ranges',
    b,
    { 'ipam.ranges': [[set('10.11.0.0/24')]] },
    'accept',
    'legacy subnet + ranges, disjoint',
  );
  mut(
    P,
    'legacy-plus-ranges-overlap',
    b,
    { 'ipam.ranges': [[set('10.10.0.0/25')]] },
    'reject',
    'legacy subnet overlaps ranges',
  );
  mut(P, 'no-range', b, { 'ipam.subnet': undefined }, 'reject', 'neither subnet nor ranges');
  mut(
    P,
    'on-bridge-host-bits',
    BASE.bridge(),
    { 'ipam.subnet': '10.10.0.1/24' },
    'reject',
    'host bits, bridge carrier',
  );
  mut(P, 'on-ptp-too-small', BASE.ptp(), { 'ipam.subnet': '10.10.0.0/32' }, 'reject', '/32, ptp carrier');
  mut(P, 'ipam-type-typo', b, { 'ipam.type': 'host_local' }, 'env', 'no binary named host_local on this node');
  mut(
    P,
    'ipam-type-whereabouts',
    b,
    { ipam: { type: 'whereabouts', range: '10.10.0.0/24' } },
    'env',
    'whereabouts is not part of the reference package',
  );
}

function staticCases(mut) {
  const b = edit(BASE.macvlan(), { ipam: staticIpam() });
  const P = 'static';
  const a = (id, addresses, expect, note, more = {}, extra = {}) =>
    mut(P, id, b, { 'ipam.addresses': addresses, ...more }, expect, note, extra);
  a('v4', [{ address: '10.10.0.5/24' }], 'accept', 'one IPv4 address');
  a('v4-gateway', [{ address: '10.10.0.5/24', gateway: '10.10.0.1' }], 'accept', 'with gateway');
  a('v6', [{ address: 'fd10:10::5/64' }], 'accept', 'one IPv6 address');
  a('dual', [{ address: '10.10.0.5/24' }, { address: 'fd10:10::5/64' }], 'accept', 'dual stack');
  a('slash-32', [{ address: '10.10.0.5/32' }], 'accept', '/32 is fine for static');
  a('two-v4', [{ address: '10.10.0.5/24' }, { address: '10.10.0.6/24' }], 'accept', 'two IPv4 addresses');
  a(
    'two-v4-0.2.0',
    [{ address: '10.10.0.5/24' }, { address: '10.10.0.6/24' }],
    'reject',
    'two IPv4 addresses need cniVersion >= 0.3.0',
    { cniVersion: '0.2.0' },
  );
  a('no-prefix', [{ address: '10.10.0.5' }], 'reject', 'address without prefix');
  a('bad-ip', [{ address: '10.10.0.300/24' }], 'reject', 'address does not parse');
  a('leading-zero', [{ address: '10.010.0.5/24' }], 'reject', 'leading zero');
  a('prefix-33', [{ address: '10.10.0.5/33' }], 'reject', 'prefix too long');
  a('address-missing', [{ gateway: '10.10.0.1' }], 'reject', 'entry without address');
  a('address-number', [{ address: 5 }], 'reject', 'address as a number');
  a('gateway-bad', [{ address: '10.10.0.5/24', gateway: 'router' }], 'reject', 'gateway not an IP');
  a(
    'gateway-outside',
    [{ address: '10.10.0.5/24', gateway: '10.20.0.1' }],
    'accept',
    "gateway outside the address's subnet (no route is added)",
  );
  const podIps = { podDependent: { cniArgs: 'IP=10.10.0.5/24', what: 'IPs from the pod annotation' } };
  a('empty', [], 'env', 'no addresses: works only when the pod annotation supplies ips', {}, podIps);
  a('string', '10.10.0.5/24', 'reject', 'addresses as a string');
  mut(
    P,
    'addresses-missing',
    b,
    { 'ipam.addresses': undefined },
    'env',
    'no addresses key: works only when the pod annotation supplies ips',
    podIps,
  );
  mut(P, 'routes', b, { 'ipam.routes': [{ dst: '10.20.0.0/16', gw: '10.10.0.1' }] }, 'accept', 'routes');
  mut(P, 'routes-dst-bad', b, { 'ipam.routes': [{ dst: '10.20.0.0' }] }, 'reject', 'route dst without prefix');
  mut(P, 'dns', b, { 'ipam.dns': { nameservers: ['10.10.0.10'] } }, 'accept', 'dns in static');
  mut(P, 'on-host-device', edit(BASE['host-device'](), { ipam: staticIpam() }), {}, 'accept', 'host-device carrier');
}

function dhcpCases(mut) {
  const b = edit(BASE.macvlan(), { ipam: { type: 'dhcp' } });
  const P = 'dhcp';
  mut(P, 'valid', b, {}, 'env', 'needs the DHCP daemon');
  mut(
    P,
    'request-provide',
    b,
    {
      'ipam.request': [{ skipDefault: false, option: 'classless-static-routes' }],
      'ipam.provide': [{ option: 'host-name', fromArg: 'K8S_POD_NAME' }],
    },
    'env',
    'options as strings',
  );
  mut(P, 'option-number', b, { 'ipam.request': [{ option: 121 }] }, 'reject', 'numeric DHCP option');
  mut(
    P,
    'provide-option-number',
    b,
    { 'ipam.provide': [{ option: 12, value: 'x' }] },
    'reject',
    'numeric DHCP option in provide',
  );
  mut(P, 'provide-not-array', b, { 'ipam.provide': { option: 'host-name' } }, 'reject', 'provide as an object');
  mut(P, 'socket-number', b, { 'ipam.daemonSocketPath': 5 }, 'reject', 'daemonSocketPath as a number');
  mut(P, 'on-bridge', edit(BASE.bridge(), { ipam: { type: 'dhcp' } }), {}, 'env', 'bridge + dhcp');
}

// -- chained (meta) plugins: lists whose first entry creates the interface
function tuningCases(mut) {
  const P = 'tuning';
  const b = list('1.0.0', [FIRST.macvlan(), { type: 'tuning' }]);
  const t = (id, fields, expect, note, more = {}) =>
    mut(P, id, b, { 'plugins.1': { type: 'tuning', ...fields } }, expect, note, more);
  t('empty', {}, 'accept', 'tuning without settings');
  t('sysctl', { sysctl: { 'net.ipv4.conf.IFNAME.arp_notify': '1' } }, 'accept', 'net sysctl with IFNAME');
  t('sysctl-slashes', { sysctl: { 'net/ipv4/conf/IFNAME/arp_notify': '1' } }, 'accept', 'sysctl written with slashes');
  t('sysctl-v6', { sysctl: { 'net.ipv6.conf.IFNAME.accept_ra': '0' } }, 'accept', 'IPv6 sysctl');
  t('mac', { mac: '02:00:00:00:01:01' }, 'accept', 'set MAC');
  t('mtu', { mtu: 1400 }, 'accept', 'set MTU');
  t('promisc', { promisc: true }, 'accept', 'promiscuous');
  t('allmulti', { allmulti: true }, 'accept', 'all-multicast');
  t('sysctl-value-number', { sysctl: { 'net.ipv4.conf.IFNAME.arp_notify': 1 } }, 'reject', 'sysctl value as a number');
  t('sysctl-not-object', { sysctl: ['net.ipv4.conf.IFNAME.arp_notify=1'] }, 'reject', 'sysctl as a list');
  t('sysctl-kernel-key', { sysctl: { 'kernel.shmmax': '1' } }, 'reject', 'sysctl outside net.');
  t(
    'sysctl-dotdot',
    { sysctl: { 'net.ipv4.conf.IFNAME.arp_notify/../../kernel/hostname': 'x' } },
    'env',
    'dots become slashes, so no escape: a key this kernel does not have',
  );
  t(
    'sysctl-unknown-net-key',
    { sysctl: { 'net.ipv4.conf.IFNAME.no_such_knob': '1' } },
    'env',
    'net sysctl this kernel does not have',
  );
  t('mac-garbage', { mac: 'zz' }, 'reject', 'MAC does not parse');
  t('mtu-string', { mtu: '1400' }, 'reject', 'mtu as a string');
  t('mtu-negative', { mtu: -1 }, 'reject', 'negative mtu');
  t('promisc-string', { promisc: 'yes' }, 'reject', 'bool as a string');
  t('allmulti-string', { allmulti: 'true' }, 'reject', 'bool as a string');
  t('unknown-sysctls', { sysctls: { 'net.ipv4.conf.IFNAME.arp_notify': '1' } }, 'accept', 'typo sysctls is ignored');
  t('txQLen-string', { txQLen: 'long' }, 'accept', 'txQLen as a string', {
    skew: { since: '1.4.0', head: 'reject', what: 'txQLen (v1.4.0) is an int' },
  });
  t('txQLen-ok', { txQLen: 1000 }, 'accept', 'txQLen');
  mut(
    P,
    'first',
    list('1.0.0', [{ type: 'tuning', mtu: 1400 }, FIRST.macvlan()]),
    {},
    'reject',
    'tuning before the interface plugin',
  );
  mut(
    P,
    'single',
    { cniVersion: '1.0.0', name: NAD_NAME, type: 'tuning', mtu: 1400 },
    {},
    'reject',
    'tuning as a single config',
  );
  mut(
    P,
    'after-bridge',
    list('1.0.0', [FIRST.bridge(), { type: 'tuning', sysctl: { 'net.ipv4.conf.IFNAME.arp_notify': '1' } }]),
    {},
    'accept',
    'after bridge',
  );
  mut(
    P,
    'chain-0.2.0',
    list('0.2.0', [FIRST.macvlan(), { type: 'tuning', mtu: 1400 }]),
    {},
    'accept',
    'chained on cniVersion 0.2.0',
  );
  mut(
    P,
    'chain-0.1.0',
    list('0.1.0', [FIRST.macvlan(), { type: 'tuning', mtu: 1400 }]),
    {},
    'accept',
    'chained on cniVersion 0.1.0',
  );
  mut(
    P,
    'chain-version-missing',
    edit(list('1.0.0', [FIRST.macvlan(), { type: 'tuning', mtu: 1400 }]), { cniVersion: undefined }),
    {},
    'accept',
    'list without cniVersion',
  );
}

function portmapCases(mut) {
  const P = 'portmap';
  const caps = { capabilities: { portMappings: true } };
  const b = list('1.0.0', [FIRST.bridge(), { type: 'portmap', ...caps }]);
  const p = (id, fields, expect, note, more = {}) =>
    mut(P, id, b, { 'plugins.1': { type: 'portmap', ...caps, ...fields } }, expect, note, more);
  p('valid', {}, 'accept', 'portmap with capability');
  p('snat-false', { snat: false }, 'accept', 'snat off');
  p('markMasqBit-0', { markMasqBit: 0 }, 'accept', 'mark bit 0');
  p('markMasqBit-31', { markMasqBit: 31 }, 'accept', 'mark bit 31');
  p('externalSetMarkChain', { externalSetMarkChain: 'KUBE-MARK-MASQ' }, 'accept', 'external mark chain');
  p('conditionsV4', { conditionsV4: ['-s', '10.0.0.0/8'] }, 'accept', 'conditions');
  p('markMasqBit-32', { markMasqBit: 32 }, 'reject', 'mark bit 32');
  p('markMasqBit-40', { markMasqBit: 40 }, 'reject', 'mark bit 40');
  p('markMasqBit-negative', { markMasqBit: -1 }, 'reject', 'mark bit -1');
  p('markMasqBit-string', { markMasqBit: '13' }, 'reject', 'mark bit as a string');
  p(
    'mark-and-chain',
    { markMasqBit: 13, externalSetMarkChain: 'KUBE-MARK-MASQ' },
    'reject',
    'markMasqBit with externalSetMarkChain',
  );
  p('snat-string', { snat: 'no' }, 'reject', 'bool as a string');
  p('conditions-string', { conditionsV4: '-s 10.0.0.0/8' }, 'reject', 'conditions as a string');
  mut(P, 'no-capability', b, { 'plugins.1': { type: 'portmap' } }, 'accept', 'without capabilities (a no-op)');
  p('backend-nftables', { backend: 'nftables' }, 'accept', 'nftables backend');
  p('backend-bogus', { backend: 'ipfw' }, 'accept', 'unknown backend', {
    skew: { since: '1.6.0', head: 'reject', what: 'portmap backend (v1.6.0): iptables or nftables' },
  });
  mut(
    P,
    'first',
    list('1.0.0', [{ type: 'portmap', ...caps }, FIRST.bridge()]),
    {},
    'reject',
    'portmap before the interface plugin',
  );
  mut(
    P,
    'single',
    { cniVersion: '1.0.0', name: NAD_NAME, type: 'portmap', ...caps },
    {},
    'reject',
    'portmap as a single config',
  );
  mut(
    P,
    'after-macvlan',
    list('1.0.0', [FIRST.macvlan(), { type: 'portmap', ...caps }]),
    {},
    'accept',
    'after macvlan',
  );
}

function bandwidthCases(mut) {
  const P = 'bandwidth';
  const caps = { capabilities: { bandwidth: true } };
  const b = list('1.0.0', [FIRST.bridge(), { type: 'bandwidth' }]);
  const w = (id, fields, expect, note, version) =>
    mut(
      P,
      id,
      b,
      { 'plugins.1': { type: 'bandwidth', ...fields }, ...(version ? { cniVersion: version } : {}) },
      expect,
      note,
    );
  const ing = { ingressRate: 100000000, ingressBurst: 100000000 };
  const eg = { egressRate: 100000000, egressBurst: 100000000 };
  w('ingress', ing, 'accept', 'ingress shaping');
  w('egress', eg, 'accept', 'egress shaping (ifb)');
  w('both', { ...ing, ...eg }, 'accept', 'both directions');
  w('capability-only', caps, 'accept', 'runtime-driven (no static rates)');
  w('none', {}, 'accept', 'no rates: a no-op');
  w('ingress-rate-only', { ingressRate: 100000000 }, 'reject', 'rate without burst');
  w('ingress-burst-only', { ingressBurst: 100000000 }, 'reject', 'burst without rate');
  w('egress-rate-only', { egressRate: 100000000 }, 'reject', 'rate without burst');
  w('egress-burst-only', { egressBurst: 100000000 }, 'reject', 'burst without rate');
  w('rate-string', { ingressRate: '100M', ingressBurst: 100000000 }, 'reject', 'rate as a string');
  w('rate-negative', { ingressRate: -1, ingressBurst: 100000000 }, 'reject', 'negative rate (uint64)');
  w('rate-float', { ingressRate: 1.5, ingressBurst: 100000000 }, 'reject', 'rate not an integer');
  w('burst-too-big', { ingressRate: 100000000, ingressBurst: 34359738368 }, 'reject', 'burst/8 >= 2^32');
  w('version-0.3.0', ing, 'accept', 'bandwidth on 0.3.0', '0.3.0');
  w('version-0.2.0', ing, 'reject', 'bandwidth needs cniVersion >= 0.3.0', '0.2.0');
  w('version-0.1.0', ing, 'reject', 'bandwidth needs cniVersion >= 0.3.0', '0.1.0');
  mut(P, 'after-ptp', list('1.0.0', [FIRST.ptp(), { type: 'bandwidth', ...ing }]), {}, 'accept', 'after ptp');
  mut(
    P,
    'after-macvlan',
    list('1.0.0', [FIRST.macvlan(), { type: 'bandwidth', ...ing }]),
    {},
    'reject',
    'after macvlan: no host-side veth to shape',
  );
  mut(
    P,
    'first',
    list('1.0.0', [{ type: 'bandwidth', ...ing }, FIRST.bridge()]),
    {},
    'reject',
    'bandwidth before the interface plugin',
  );
  mut(
    P,
    'single-no-rates',
    { cniVersion: '1.0.0', name: NAD_NAME, type: 'bandwidth' },
    {},
    'reject',
    'bandwidth alone without rates',
  );
  mut(
    P,
    'single-with-rates',
    { cniVersion: '1.0.0', name: NAD_NAME, type: 'bandwidth', ...ing },
    {},
    'reject',
    'bandwidth alone with rates',
  );
}

function firewallCases(mut) {
  const P = 'firewall';
  const b = list('1.0.0', [FIRST.bridge(), { type: 'firewall' }]);
  const f = (id, fields, expect, note, more = {}) =>
    mut(
      P,
      id,
      b,
      { 'plugins.1': { type: 'firewall', ...fields }, ...(more.version ? { cniVersion: more.version } : {}) },
      expect,
      note,
      more.skew ? { skew: more.skew } : {},
    );
  f('default', {}, 'accept', 'firewall defaults');
  f('backend-iptables', { backend: 'iptables' }, 'accept', 'iptables backend');
  f('backend-unknown', { backend: 'nft' }, 'accept', 'unknown backend: auto-detected');
  f('backend-firewalld', { backend: 'firewalld' }, 'env', 'needs firewalld on D-Bus');
  f('ingress-open', { ingressPolicy: 'open' }, 'accept', 'ingressPolicy open');
  f('ingress-same-bridge', { ingressPolicy: 'same-bridge' }, 'accept', 'ingressPolicy same-bridge');
  f('admin-chain', { iptablesAdminChainName: 'STORAGE-ADMIN' }, 'accept', 'custom admin chain');
  f('zone', { firewalldZone: 'storage' }, 'accept', 'firewalld zone (unused with iptables)');
  f('ingress-bogus', { ingressPolicy: 'closed' }, 'reject', 'unknown ingressPolicy');
  f('ingress-number', { ingressPolicy: 1 }, 'reject', 'ingressPolicy as a number');
  f('backend-number', { backend: 5 }, 'reject', 'backend as a number');
  f('zone-number', { firewalldZone: 3 }, 'reject', 'zone as a number');
  f('ingress-isolated', { ingressPolicy: 'isolated' }, 'reject', 'ingressPolicy isolated', {
    skew: { since: '1.7.0', head: 'accept', what: 'ingressPolicy isolated (v1.7.0)' },
  });
  f('version-0.4.0', {}, 'accept', 'firewall on 0.4.0', { version: '0.4.0' });
  f('version-0.3.1', {}, 'reject', 'firewall needs cniVersion >= 0.4.0', { version: '0.3.1' });
  f('version-0.3.0', {}, 'reject', 'firewall needs cniVersion >= 0.4.0', { version: '0.3.0' });
  mut(P, 'after-macvlan', list('1.0.0', [FIRST.macvlan(), { type: 'firewall' }]), {}, 'accept', 'after macvlan');
  mut(
    P,
    'same-bridge-after-macvlan',
    list('1.0.0', [FIRST.macvlan(), { type: 'firewall', ingressPolicy: 'same-bridge' }]),
    {},
    'accept',
    'same-bridge after macvlan',
  );
  mut(
    P,
    'first',
    list('1.0.0', [{ type: 'firewall' }, FIRST.bridge()]),
    {},
    'reject',
    'firewall before the interface plugin',
  );
  mut(
    P,
    'single',
    { cniVersion: '1.0.0', name: NAD_NAME, type: 'firewall' },
    {},
    'reject',
    'firewall as a single config',
  );
}

function sbrCases(mut) {
  const P = 'sbr';
  const b = list('1.0.0', [FIRST.macvlan(), { type: 'sbr' }]);
  mut(P, 'after-macvlan', b, {}, 'accept', 'source-based routing');
  mut(P, 'after-bridge', list('1.0.0', [FIRST.bridge(), { type: 'sbr' }]), {}, 'accept', 'after bridge');
  mut(P, 'after-l2-macvlan', edit(b, { 'plugins.0.ipam': {} }), {}, 'reject', 'no IPs in prevResult');
  mut(P, 'first', list('1.0.0', [{ type: 'sbr' }, FIRST.macvlan()]), {}, 'reject', 'sbr before the interface plugin');
  mut(P, 'single', { cniVersion: '1.0.0', name: NAD_NAME, type: 'sbr' }, {}, 'reject', 'sbr as a single config');
  mut(P, 'table', b, { 'plugins.1.table': 500 }, 'accept', 'fixed table id');
  mut(P, 'table-string', b, { 'plugins.1.table': 'main' }, 'accept', 'table as a string', {
    skew: { since: '1.6.0', head: 'reject', what: 'sbr table (v1.6.0) is an int' },
  });
  mut(P, 'gateways-bad', b, { 'plugins.1.gateways': ['router'] }, 'accept', 'gateway not an IP', {
    skew: { since: 'unreleased', head: 'reject', what: 'sbr gateways (after v1.9.1)' },
  });
  mut(P, 'version-0.1.0', edit(b, { cniVersion: '0.1.0' }), {}, 'accept', 'sbr on 0.1.0');
}

function vrfCases(mut) {
  const P = 'vrf';
  const b = list('1.0.0', [FIRST.macvlan(), { type: 'vrf', vrfname: 'vrf-storage' }]);
  mut(P, 'valid', b, {}, 'env', 'needs VRF in the kernel');
  mut(P, 'table', b, { 'plugins.1.table': 100 }, 'env', 'with table');
  mut(P, 'vrfname-missing', b, { 'plugins.1.vrfname': undefined }, 'reject', 'vrfname is required');
  mut(P, 'vrfname-empty', b, { 'plugins.1.vrfname': '' }, 'reject', 'vrfname is required');
  mut(P, 'vrfname-number', b, { 'plugins.1.vrfname': 5 }, 'reject', 'vrfname as a number');
  mut(P, 'table-string', b, { 'plugins.1.table': '100' }, 'reject', 'table as a string');
  mut(P, 'table-negative', b, { 'plugins.1.table': -1 }, 'reject', 'table is a uint32');
  mut(P, 'version-0.3.0', b, { cniVersion: '0.3.0' }, 'reject', 'vrf needs cniVersion >= 0.3.1');
  mut(P, 'version-0.2.0', b, { cniVersion: '0.2.0' }, 'reject', 'vrf needs cniVersion >= 0.3.1');
  mut(P, 'version-0.3.1', b, { cniVersion: '0.3.1' }, 'env', 'vrf on 0.3.1');
  mut(
    P,
    'first',
    list('1.0.0', [{ type: 'vrf', vrfname: 'vrf-storage' }, FIRST.macvlan()]),
    {},
    'reject',
    'vrf before the interface plugin',
  );
  mut(
    P,
    'single',
    { cniVersion: '1.0.0', name: NAD_NAME, type: 'vrf', vrfname: 'vrf-storage' },
    {},
    'reject',
    'vrf as a single config',
  );
}

/** Unsupported versions on every interface plugin (the version check runs before anything else). */
function versionMatrix(mut) {
  for (const p of ['bridge', 'ipvlan', 'vlan', 'host-device', 'ptp', 'macvlan']) {
    for (const v of ['1.0', '4.0.0', '0.5.0'])
      mut(p, `version-${v}`, BASE[p](), { cniVersion: v }, 'reject', `unsupported cniVersion ${v}`);
  }
  for (const [p, first] of [
    ['tuning', 'macvlan'],
    ['portmap', 'bridge'],
    ['bandwidth', 'bridge'],
    ['firewall', 'bridge'],
    ['sbr', 'macvlan'],
  ]) {
    mut(
      p,
      'list-version-1.0',
      list('1.0', [FIRST[first](), { type: p }]),
      {},
      'reject',
      'unsupported list cniVersion 1.0',
    );
  }
}

/** An unknown field on every plugin: accepted by the plugin, so never an error from us. */
function unknownFieldCases(mut) {
  const singles = {
    macvlan: 'macvlan',
    bridge: 'bridge',
    ptp: 'ptp',
    'host-device': 'host-device',
    ipvlan: 'ipvlan',
    vlan: 'vlan',
  };
  for (const [p] of Object.entries(singles)) {
    const expect = p === 'ipvlan' || p === 'vlan' ? 'env' : 'accept';
    mut(p, 'unknown-field', BASE[p](), { storageNetwork: true }, expect, 'unknown field is ignored');
  }
  mut(
    'macvlan',
    'typo-masterr',
    BASE.macvlan(),
    { master: undefined, masterr: MASTER },
    'accept',
    'typo masterr: default-route interface used',
  );
  mut('bridge', 'typo-isgateway', BASE.bridge(), { is_gateway: true }, 'accept', 'typo is_gateway ignored');
  mut('host-local', 'unknown-field', BASE.macvlan(), { 'ipam.pool': 'a' }, 'accept', 'unknown ipam field');
  mut(
    'static',
    'unknown-field',
    edit(BASE.macvlan(), { ipam: staticIpam() }),
    { 'ipam.pool': 'a' },
    'accept',
    'unknown ipam field',
  );
  for (const [p, first] of [
    ['tuning', 'macvlan'],
    ['portmap', 'bridge'],
    ['bandwidth', 'bridge'],
    ['firewall', 'bridge'],
    ['sbr', 'macvlan'],
  ]) {
    mut(
      p,
      'unknown-field',
      list('1.0.0', [FIRST[first](), { type: p, storageNetwork: true }]),
      {},
      'accept',
      'unknown field is ignored',
    );
  }
  mut(
    'vrf',
    'unknown-field',
    list('1.0.0', [FIRST.macvlan(), { type: 'vrf', vrfname: 'vrf-storage', storageNetwork: true }]),
    {},
    'env',
    'unknown field is ignored',
  );
}

/** Every plugin and IPAM type a case's config uses (for --filter and for the binary check). */
export function typesOf(c) {
  if (c.raw !== undefined) return [c.runAs];
  const out = new Set();
  const visit = (conf) => {
    if (!conf || typeof conf !== 'object' || Array.isArray(conf)) return;
    if (typeof conf.type === 'string') out.add(conf.type);
    const ipam = conf.ipam ?? conf.IPAM;
    if (ipam && typeof ipam === 'object' && typeof ipam.type === 'string' && ipam.type) out.add(ipam.type);
  };
  const cfg = c.config;
  if (cfg && typeof cfg === 'object' && !Array.isArray(cfg)) {
    if (typeof cfg.type === 'string' && cfg.type) visit(cfg);
    else if (Array.isArray(cfg.plugins)) cfg.plugins.forEach(visit);
  }
  return [...out];
}

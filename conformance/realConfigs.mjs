// Bases modelled on NAD configs found in real repositories (operator docs, GitOps repos, Rook and
// KubeVirt examples), written by us, and mutation families over them that the generated cases in
// cases.mjs do not cover: how numbers are written, how types and keys are spelled, duplicate keys,
// route/address reachability and hand-written runtimeConfig.
//
// whereabouts is not installed here, so host-local stands in for it (its `range` becomes the
// host-local `subnet`); vlan/ipvlan links do not exist in this kernel, so those bases are env cases.
//
// Number literals and duplicate keys cannot be expressed in a JavaScript object: a string made by
// lit() is replaced, quotes included, by its raw text when the config is serialized (spliceLiterals),
// both for the checker and for the plugin.

export const MASTER = 'eth1';

const LIT = /"@@lit:((?:[^"\\]|\\.)*?)@@"/g;

/** A value written into the JSON text as-is: lit('1500.0'), lit('1400, "mtu": 1500'). */
export const lit = (text) => `@@lit:${text}@@`;

/** Replaces every lit() string in serialized JSON by its raw text. */
export function spliceLiterals(json) {
  return json.replace(LIT, (_, escaped) => JSON.parse(`"${escaped}"`));
}

const clone = (v) => JSON.parse(JSON.stringify(v));

/**
 * The bases. `ints` lists the integer fields present (path, valid value, out-of-range value);
 * `keys` some keys to respell in another letter case; `reach` where route/address cases go.
 */
export const REAL_BASES = {
  // Rook public network: macvlan on the storage NIC, whereabouts range (host-local stand-in), no name.
  'rook-public': {
    plugin: 'macvlan',
    config: {
      cniVersion: '0.3.1',
      type: 'macvlan',
      master: MASTER,
      mode: 'bridge',
      ipam: { type: 'host-local', subnet: '192.168.20.0/24' },
    },
    ints: [],
    keys: ['master', 'mode', 'ipam', 'ipam.subnet'],
    reach: { routes: 'ipam.routes', inside: '192.168.20.1', outside: '192.168.21.1' },
  },
  // KubeVirt-style bridge with a VLAN tag and an MTU, layer 2 only.
  'kubevirt-bridge-vlan': {
    plugin: 'bridge',
    config: {
      cniVersion: '0.3.1',
      name: 'vlan-100-net',
      type: 'bridge',
      bridge: 'br-vm',
      vlan: 100,
      mtu: 1500,
      macspoofchk: true,
      ipam: {},
    },
    ints: [
      ['vlan', 100, 4095],
      ['mtu', 1500, 70000],
    ],
    keys: ['bridge', 'vlan', 'mtu', 'macspoofchk'],
  },
  // OpenShift-style host-device with static addressing, a route and DNS.
  'hostdev-static': {
    plugin: 'host-device',
    config: {
      cniVersion: '0.3.1',
      name: 'hostdev-static',
      type: 'host-device',
      device: 'hdev0',
      ipam: {
        type: 'static',
        addresses: [{ address: '192.168.30.10/24', gateway: '192.168.30.1' }],
        routes: [{ dst: '192.168.40.0/24', gw: '192.168.30.1' }],
        dns: { nameservers: ['192.168.30.1'] },
      },
    },
    ints: [],
    keys: ['device', 'ipam.addresses', 'ipam.routes'],
    reach: { routes: 'ipam.routes', inside: '192.168.30.254', outside: '192.168.31.1' },
  },
  // Multus-docs style list: macvlan with a range, gateway and default route, then tuning.
  'macvlan-tuning-list': {
    plugin: 'macvlan',
    config: {
      cniVersion: '0.4.0',
      name: 'storage-tuned',
      plugins: [
        {
          type: 'macvlan',
          master: MASTER,
          mode: 'bridge',
          mtu: 1450,
          ipam: {
            type: 'host-local',
            ranges: [
              [
                {
                  subnet: '10.56.217.0/24',
                  rangeStart: '10.56.217.131',
                  rangeEnd: '10.56.217.190',
                  gateway: '10.56.217.1',
                },
              ],
            ],
            routes: [{ dst: '0.0.0.0/0' }],
          },
        },
        { type: 'tuning', mtu: 1450, sysctl: { 'net.ipv4.conf.net1.arp_notify': '1' } },
      ],
    },
    ints: [
      ['plugins.0.mtu', 1450, 70000],
      ['plugins.1.mtu', 1450, 65536],
    ],
    keys: ['plugins.0.master', 'plugins.0.ipam', 'plugins.0.ipam.ranges', 'plugins.1.sysctl'],
    reach: { routes: 'plugins.0.ipam.routes', inside: '10.56.217.254', outside: '10.56.218.1' },
  },
  // Podman/containerd-style pod network: bridge gateway, port mapping and bandwidth shaping.
  'bridge-portmap-bandwidth': {
    plugin: 'bandwidth',
    config: {
      cniVersion: '1.0.0',
      name: 'podnet',
      plugins: [
        {
          type: 'bridge',
          bridge: 'cni-pod0',
          isGateway: true,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            ranges: [[{ subnet: '10.88.0.0/16', gateway: '10.88.0.1' }]],
            routes: [{ dst: '0.0.0.0/0' }],
          },
        },
        { type: 'portmap', capabilities: { portMappings: true } },
        { type: 'bandwidth', ingressRate: 1000000, ingressBurst: 100000, egressRate: 1000000, egressBurst: 100000 },
      ],
    },
    ints: [
      ['plugins.2.ingressRate', 1000000, -1],
      ['plugins.2.egressBurst', 100000, -5],
    ],
    keys: ['plugins.0.isGateway', 'plugins.0.bridge', 'plugins.2.ingressRate'],
    reach: { routes: 'plugins.0.ipam.routes', inside: '10.88.255.254', outside: '10.89.0.1' },
  },
  // Dual-stack ptp with an MTU, default routes per family.
  'ptp-dual-stack': {
    plugin: 'ptp',
    config: {
      cniVersion: '0.4.0',
      name: 'ptp-dual',
      type: 'ptp',
      mtu: 1400,
      ipam: {
        type: 'host-local',
        ranges: [[{ subnet: '10.70.0.0/24' }], [{ subnet: 'fd00:70::/64' }]],
        routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }],
      },
    },
    ints: [['mtu', 1400, 70000]],
    keys: ['mtu', 'ipam.ranges'],
  },
  // Rook cluster network with static addresses (one node's NAD) and a route to the other rack.
  'macvlan-static-route': {
    plugin: 'static',
    config: {
      cniVersion: '0.3.1',
      name: 'ceph-cluster-rack1',
      type: 'macvlan',
      master: MASTER,
      mode: 'bridge',
      ipam: {
        type: 'static',
        addresses: [{ address: '172.18.0.10/16' }],
        routes: [{ dst: '172.19.0.0/16', gw: '172.18.0.1' }],
      },
    },
    ints: [],
    keys: ['ipam.addresses', 'ipam.routes'],
    reach: { routes: 'ipam.routes', inside: '172.18.255.1', outside: '172.20.0.1' },
  },
  // A VLAN sub-interface NAD as in telco examples (this kernel has no vlan links: env).
  'vlan-static': {
    plugin: 'vlan',
    config: {
      cniVersion: '0.3.1',
      name: 'vlan-200',
      type: 'vlan',
      master: MASTER,
      vlanId: 200,
      mtu: 1500,
      ipam: { type: 'static', addresses: [{ address: '10.200.0.10/24' }] },
    },
    ints: [['vlanId', 200, 4095]],
    keys: ['vlanId'],
  },
};

// ---------------------------------------------------------------- path helpers (dotted paths)

function getPath(obj, path) {
  let cur = obj;
  for (const p of path.split('.')) cur = cur?.[p];
  return cur;
}

function setPath(obj, path, value) {
  const out = clone(obj);
  const parts = path.split('.');
  let cur = out;
  for (const p of parts.slice(0, -1)) cur = cur[p];
  cur[parts[parts.length - 1]] = value;
  return out;
}

/** Renames the last key of `path` to `to`, keeping the key order. */
function renameKey(obj, path, to) {
  const out = clone(obj);
  const parts = path.split('.');
  const parentPath = parts.slice(0, -1);
  const last = parts[parts.length - 1];
  let parent = out;
  for (const p of parentPath) parent = parent[p];
  const entries = Object.entries(parent).map(([k, v]) => [k === last ? to : k, v]);
  for (const k of Object.keys(parent)) delete parent[k];
  for (const [k, v] of entries) parent[k] = v;
  return out;
}

/** The plugin entries of a base (the top level of a single config, or each entry of `plugins`). */
const entryPaths = (config) => (Array.isArray(config.plugins) ? config.plugins.map((_, i) => `plugins.${i}`) : ['']);
const join = (a, b) => (a ? `${a}.${b}` : b);

const flipFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);
/** One adjacent transposition inside the name (brigde for bridge). */
const transpose = (s) => (s.length >= 4 ? s.slice(0, 2) + s[3] + s[2] + s.slice(4) : `${s}x`);

// ---------------------------------------------------------------- families

/** Adds the real-config cases through the generator's add(case). */
export function realConfigCases(add) {
  for (const [name, base] of Object.entries(REAL_BASES)) {
    const P = base.plugin;
    const id = (what) => `real/${name}/${what}`;
    // vlan links and VLAN filtering on bridges do not exist in this kernel: what would work is env here.
    const envBase = P === 'vlan' || name === 'kubevirt-bridge-vlan';
    const mut = (what, config, expect, note, more = {}) =>
      add({
        id: id(what),
        plugin: P,
        config,
        expect: envBase && expect === 'accept' ? 'env' : expect,
        note: `${name}: ${note}`,
        family: 'real',
        ...more,
      });

    mut('valid', base.config, 'accept', 'the base as written');

    // -- number representations
    for (const [path, good, outOfRange] of base.ints) {
      const f = path.split('.').pop();
      mut(`num-${path}-float`, setPath(base.config, path, lit(`${good}.0`)), 'reject', `${f} written ${good}.0`);
      mut(
        `num-${path}-exponent`,
        setPath(base.config, path, lit(expForm(good))),
        'reject',
        `${f} written with an exponent`,
      );
      mut(`num-${path}-float-fraction`, setPath(base.config, path, lit(`${good}.5`)), 'reject', `${f} with a fraction`);
      // bridge and ptp read an MTU of 0 and below as "the kernel's default".
      const negativeIsDefault =
        f === 'mtu' && ['bridge', 'ptp'].includes(getPath(base.config, path.replace(/mtu$/, 'type')));
      mut(
        `num-${path}-negative`,
        setPath(base.config, path, -Math.abs(good)),
        negativeIsDefault ? 'accept' : 'reject',
        `${f} negative`,
      );
      mut(`num-${path}-out-of-range`, setPath(base.config, path, outOfRange), 'reject', `${f} = ${outOfRange}`);
      mut(`num-${path}-string`, setPath(base.config, path, String(good)), 'reject', `${f} as a string`);
      mut(
        `num-${path}-leading-plus`,
        setPath(base.config, path, lit(`+${good}`)),
        'reject',
        `${f} with a plus sign (not JSON)`,
      );
    }

    // -- type spellings: a type in another letter case or one edit away names no binary
    for (const ep of entryPaths(base.config)) {
      const typePath = join(ep, 'type');
      const t = getPath(base.config, typePath);
      if (typeof t !== 'string') continue;
      const tag = ep ? `${ep}.` : '';
      mut(`type-${tag}capitalized`, setPath(base.config, typePath, flipFirst(t)), 'reject', `type "${flipFirst(t)}"`, {
        typeSpelling: true,
      });
      mut(`type-${tag}upper`, setPath(base.config, typePath, t.toUpperCase()), 'reject', `type "${t.toUpperCase()}"`, {
        typeSpelling: true,
      });
      if (t.length >= 5) {
        mut(`type-${tag}transposed`, setPath(base.config, typePath, transpose(t)), 'reject', `type "${transpose(t)}"`, {
          typeSpelling: true,
        });
      }
      const ipamTypePath = join(ep, 'ipam.type');
      const it = getPath(base.config, ipamTypePath);
      if (typeof it === 'string') {
        mut(
          `ipam-type-${tag}capitalized`,
          setPath(base.config, ipamTypePath, flipFirst(it)),
          'reject',
          `ipam type "${flipFirst(it)}"`,
          {
            typeSpelling: true,
          },
        );
        mut(
          `ipam-type-${tag}transposed`,
          setPath(base.config, ipamTypePath, transpose(it)),
          'reject',
          `ipam type "${transpose(it)}"`,
          {
            typeSpelling: true,
          },
        );
      }
    }

    // -- key spellings: Go matches struct keys ignoring case, so these work
    for (const path of base.keys) {
      const last = path.split('.').pop();
      mut(
        `key-${path}-upper`,
        renameKey(base.config, path, last.toUpperCase()),
        'accept',
        `key "${last.toUpperCase()}"`,
      );
      mut(
        `key-${path}-capitalized`,
        renameKey(base.config, path, flipFirst(last)),
        'accept',
        `key "${flipFirst(last)}"`,
      );
    }

    // -- duplicate keys: Go decodes every occurrence; the last value wins, any type error fails
    for (const [path, good] of base.ints.slice(0, 1)) {
      const f = path.split('.').pop();
      mut(
        `dup-${path}-same`,
        setPath(base.config, path, lit(`${good}, "${f}": ${good}`)),
        'accept',
        `${f} twice, same value`,
      );
      mut(
        `dup-${path}-float-first`,
        setPath(base.config, path, lit(`${good}.0, "${f}": ${good}`)),
        'reject',
        `${f} twice, the first written ${good}.0`,
      );
      mut(
        `dup-${path}-string-first`,
        setPath(base.config, path, lit(`"${good}", "${f}": ${good}`)),
        'reject',
        `${f} twice, the first a string`,
      );
      mut(
        `dup-${path}-case-variant-last`,
        setPath(base.config, path, lit(`${good}, "${f.toUpperCase()}": ${good}.0`)),
        'reject',
        `${f} then ${f.toUpperCase()} written as a float`,
      );
    }
    for (const ep of entryPaths(base.config)) {
      const ipamTypePath = join(ep, 'ipam.type');
      const it = getPath(base.config, ipamTypePath);
      if (typeof it !== 'string') continue;
      mut(
        `dup-${ep ? `${ep}.` : ''}ipam-type-last-wins`,
        setPath(base.config, ipamTypePath, lit(`"dhcp", "type": "${it}"`)),
        'accept',
        'ipam type twice, the last one valid',
      );
    }

    // -- route/address reachability
    if (base.reach) {
      const { routes, inside, outside } = base.reach;
      const existing = getPath(base.config, routes) ?? [];
      const withRoute = (gw) => setPath(base.config, routes, [...existing, { dst: '10.123.0.0/16', gw }]);
      mut('route-gw-inside', withRoute(inside), 'accept', `route via ${inside}, inside the subnet`);
      mut('route-gw-outside', withRoute(outside), 'reject', `route via ${outside}, on no network of the interface`);
      mut('route-gw-other-family', withRoute('fd00:99::1'), 'reject', 'IPv6 gateway for an IPv4 route');
      mut(
        'route-default-gw-outside',
        setPath(base.config, routes, [...existing, { dst: '0.0.0.0/0', gw: outside }]),
        'reject',
        'default route via an unreachable gateway',
      );
    }

    // -- runtimeConfig written into the NAD (no capabilities: the plugin decodes it as written)
    mut(
      'runtimeConfig-string',
      addTop(base.config, 'runtimeConfig', 'ips=10.0.0.5'),
      'reject',
      'runtimeConfig as a string',
    );
    mut('runtimeConfig-empty', addTop(base.config, 'runtimeConfig', {}), 'accept', 'runtimeConfig {}');
  }
  runtimeConfigCases(add);
}

/** 1500 -> "15e2", 100 -> "1e2", 1450 -> "1.45e3". */
function expForm(n) {
  const s = String(n);
  const digits = s.replace(/0+$/, '');
  const zeros = s.length - digits.length;
  return zeros ? `${digits}e${zeros}` : `${s}e0`;
}

/** Adds a key to every plugin entry (single config: the top level). */
function addTop(config, key, value) {
  const out = clone(config);
  if (Array.isArray(out.plugins)) out.plugins = out.plugins.map((p) => ({ ...p, [key]: value }));
  else out[key] = value;
  return out;
}

/** Hand-written runtimeConfig fields of the wrong JSON type, plugin by plugin. */
function runtimeConfigCases(add) {
  const macvlan = (rc, ipam = { type: 'host-local', subnet: '10.10.0.0/24' }) => ({
    cniVersion: '0.3.1',
    name: 'rc-net',
    type: 'macvlan',
    master: MASTER,
    ipam,
    runtimeConfig: rc,
  });
  const staticIpam = { type: 'static', addresses: [{ address: '10.10.0.5/24' }] };
  const c = (what, plugin, config, expect, note) =>
    add({ id: `real/runtimeConfig/${what}`, plugin, config, expect, note, family: 'real' });
  c('macvlan-mac-number', 'macvlan', macvlan({ mac: 42 }), 'reject', 'runtimeConfig.mac as a number');
  c('macvlan-mac-ok', 'macvlan', macvlan({ mac: '02:00:00:00:00:42' }), 'accept', 'runtimeConfig.mac as a string');
  c('macvlan-MAC-key-number', 'macvlan', macvlan({ MAC: 42 }), 'reject', 'runtimeConfig.MAC (any case) as a number');
  c('host-local-ips-string', 'host-local', macvlan({ ips: '10.10.0.7/24' }), 'reject', 'runtimeConfig.ips as a string');
  c('host-local-ips-ok', 'host-local', macvlan({ ips: ['10.10.0.7/24'] }), 'accept', 'runtimeConfig.ips as a list');
  c(
    'host-local-ipRanges-object',
    'host-local',
    macvlan({ ipRanges: { subnet: '10.10.0.0/24' } }),
    'reject',
    'runtimeConfig.ipRanges as an object',
  );
  c('static-ips-number', 'static', macvlan({ ips: [5] }, staticIpam), 'reject', 'runtimeConfig.ips entries as numbers');
  c(
    'static-ips-ok',
    'static',
    macvlan({ ips: ['10.10.0.9/24'] }, staticIpam),
    'accept',
    'runtimeConfig.ips overrides addresses',
  );
  c(
    'ptp-mac-ignored',
    'ptp',
    {
      cniVersion: '0.3.1',
      name: 'rc-net',
      type: 'ptp',
      ipam: { type: 'host-local', subnet: '10.10.0.0/24' },
      runtimeConfig: { mac: 42 },
    },
    'accept',
    'neither ptp nor host-local reads runtimeConfig.mac',
  );
  const bw = (rc) => ({
    cniVersion: '1.0.0',
    name: 'rc-net',
    plugins: [
      { type: 'bridge', bridge: 'br-rc', ipam: { type: 'host-local', subnet: '10.10.0.0/24' } },
      { type: 'bandwidth', runtimeConfig: rc },
    ],
  });
  c('bandwidth-string', 'bandwidth', bw({ bandwidth: '1M' }), 'reject', 'runtimeConfig.bandwidth as a string');
  c(
    'bandwidth-rate-string',
    'bandwidth',
    bw({ bandwidth: { ingressRate: '1000' } }),
    'reject',
    'runtimeConfig.bandwidth.ingressRate as a string',
  );
  const pm = (rc) => ({
    cniVersion: '1.0.0',
    name: 'rc-net',
    plugins: [
      { type: 'bridge', bridge: 'br-rc', ipam: { type: 'host-local', subnet: '10.10.0.0/24' } },
      { type: 'portmap', runtimeConfig: rc },
    ],
  });
  c(
    'portmap-object',
    'portmap',
    pm({ portMappings: { hostPort: 8080, containerPort: 80 } }),
    'reject',
    'runtimeConfig.portMappings as an object',
  );
  c(
    'portmap-port-string',
    'portmap',
    pm({ portMappings: [{ hostPort: '8080', containerPort: 80, protocol: 'tcp' }] }),
    'reject',
    'runtimeConfig.portMappings[].hostPort as a string',
  );
}

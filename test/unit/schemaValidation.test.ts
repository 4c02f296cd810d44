// Tests of the CNI schemas (schemas/cni/**), their registry and the mapping of schema errors to
// catalog problems. Every expected range is checked as the exact text it covers.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import {
  describeAt,
  describeField,
  fieldsAt,
  fieldsOf,
  knownIpamTypes,
  knownPluginTypes,
  schemaFor,
  schemaIpamTypes,
  schemaPluginTypes,
  validationSchema,
  validatorFor,
  type SchemaNode,
} from '../../server/src/core/cni/schemaRegistry';
import { validateWithSchemas } from '../../server/src/core/cni/schemaValidation';
import { closestOne as closest } from '../../server/src/core/text/suggest';
import type { JsonProblem } from '../../server/src/core/types';
import { CORPUS, corpusSkip } from '../support/shared';

const ROOT = path.resolve(__dirname, '../../..');
const SCHEMA_DIR = path.join(ROOT, 'schemas/cni');

function check(json: string): JsonProblem[] {
  const root = parseTree(json);
  assert.ok(root, 'test JSON must parse');
  return validateWithSchemas(root, json, {});
}

const slice = (json: string, p: JsonProblem): string => json.slice(p.start, p.end);

/** [code, severity, covered text] of every problem, in order. */
const summary = (json: string): [string, string, string][] =>
  check(json).map((p) => [p.code, p.severity, slice(json, p)]);

/** The single problem of a config (fails when there are none or several). */
function one(json: string): JsonProblem {
  const ps = check(json);
  assert.equal(
    ps.length,
    1,
    `expected one problem, got ${JSON.stringify(
      ps.map((p) => [p.code, p.message]),
      null,
      1,
    )}`,
  );
  return ps[0];
}

function assertClean(json: string, label = json): void {
  const ps = check(json);
  assert.deepEqual(
    ps.map((p) => `${p.code} ${p.severity} ${slice(json, p)}: ${p.message}`),
    [],
    label,
  );
}

// -----------------------------------------------------------------------------------------------
// Schemas themselves

function schemaFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? schemaFiles(path.join(dir, e.name))
        : e.name.endsWith('.schema.json')
          ? [path.join(dir, e.name)]
          : [],
    );
}

test('every schema file is draft-07, has x-docs, and every property has a description', () => {
  const files = schemaFiles(SCHEMA_DIR);
  assert.equal(files.length, 21);
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as SchemaNode & { $schema?: string };
    const name = path.relative(SCHEMA_DIR, file);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', name);
    assert.match(String(schema['x-docs']), /^https:\/\//, `${name}: x-docs`);
    const visit = (node: SchemaNode, where: string): void => {
      for (const [key, sub] of Object.entries(node.properties ?? {})) {
        assert.ok(
          typeof sub.description === 'string' && sub.description.length >= 20,
          `${name}: ${where}${key} needs a description`,
        );
        visit(sub, `${where}${key}.`);
        if (sub.items && !Array.isArray(sub.items)) visit(sub.items, `${where}${key}[].`);
        const inner = sub.items && !Array.isArray(sub.items) ? sub.items.items : undefined;
        if (inner && !Array.isArray(inner)) visit(inner, `${where}${key}[][].`);
      }
      for (const [key, sub] of Object.entries(node.definitions ?? {})) visit(sub, `#${key}.`);
      for (const [key, target] of Object.entries(node['x-confusions'] ?? {})) {
        assert.ok(node.properties?.[target], `${name}: x-confusions ${key} -> ${target} names no property`);
      }
    };
    visit(schema, '');
  }
});

test('each plugin and IPAM schema compiles once and is found by type', () => {
  assert.deepEqual([...schemaPluginTypes].sort(), [
    'bandwidth',
    'bridge',
    'dummy',
    'firewall',
    'host-device',
    'ipvlan',
    'loopback',
    'macvlan',
    'portmap',
    'ptp',
    'sbr',
    'sriov',
    'tap',
    'tuning',
    'vlan',
    'vrf',
  ]);
  assert.deepEqual([...schemaIpamTypes].sort(), ['dhcp', 'host-local', 'static', 'whereabouts']);
  for (const t of schemaPluginTypes) {
    const s = validationSchema('plugin', t) as SchemaNode;
    assert.equal(validatorFor(s), validatorFor(s), `${t}: compiled once`);
    assert.ok(s.properties?.cniVersion && s.properties?.ipam, `${t}: common keys merged in`);
  }
  for (const t of schemaIpamTypes) assert.ok(schemaFor(t, 'ipam'));
  assert.equal(schemaFor('ovs'), undefined);
  for (const t of [
    'ovs',
    'ib-sriov',
    'bond',
    'flannel',
    'ovs-mirror-producer',
    'ovs-mirror-consumer',
    'macvtap',
    'calico',
    'cilium-cni',
  ])
    assert.ok(knownPluginTypes.includes(t), t);
  for (const t of ['host-local', 'static', 'dhcp', 'whereabouts']) assert.ok(knownIpamTypes.includes(t), t);
});

// -----------------------------------------------------------------------------------------------
// One valid configuration per schema: no problems at all

const VALID: Record<string, string> = {
  bridge: JSON.stringify({
    cniVersion: '1.0.0',
    name: 'br',
    type: 'bridge',
    bridge: 'br0',
    isGateway: true,
    isDefaultGateway: false,
    forceAddress: false,
    ipMasq: true,
    ipMasqBackend: 'nftables',
    mtu: 9000,
    hairpinMode: true,
    promiscMode: false,
    vlan: 100,
    vlanTrunk: [{ id: 101 }, { minID: 200, maxID: 299 }],
    preserveDefaultVlan: false,
    macspoofchk: true,
    enabledad: true,
    disableContainerInterface: false,
    portIsolation: true,
    capabilities: { mac: true, ips: true },
    dns: { nameservers: ['10.0.0.10'], domain: 'cluster.local', search: ['svc.cluster.local'], options: ['ndots:5'] },
    ipam: {
      type: 'host-local',
      subnet: '10.1.0.0/24',
      rangeStart: '10.1.0.10',
      rangeEnd: '10.1.0.20',
      gateway: '10.1.0.1',
      name: 'x',
    },
  }),
  macvlan: JSON.stringify({
    cniVersion: '0.3.1',
    name: 'm',
    type: 'macvlan',
    master: 'eth1',
    mode: 'vepa',
    mtu: 1500,
    mac: '0a:58:0a:0a:00:05',
    linkInContainer: false,
    bcqueuelen: 1000,
    ipam: {},
  }),
  ipvlan: JSON.stringify({
    cniVersion: '1.0.0',
    type: 'ipvlan',
    master: 'eth1',
    mode: 'l3s',
    mtu: 1500,
    linkInContainer: true,
    ipam: {
      type: 'static',
      name: 's',
      addresses: [{ address: '10.0.0.5/24', gateway: '10.0.0.1' }],
      routes: [{ dst: '0.0.0.0/0', gw: '10.0.0.1', mtu: 1400, advmss: 1360, priority: 10, table: 100, scope: 0 }],
      dns: { nameservers: ['8.8.8.8'] },
    },
  }),
  vlan: JSON.stringify({
    cniVersion: '1.0.0',
    type: 'vlan',
    master: 'eth0',
    vlanId: 5,
    mtu: 1500,
    linkInContainer: false,
    ipam: {
      type: 'dhcp',
      daemonSocketPath: '/run/cni/dhcp.sock',
      request: [{ skipDefault: false, option: 'classless-static-routes' }],
      provide: [
        { option: 'host-name', fromArg: 'K8S_POD_NAME' },
        { option: '12', value: 'pod' },
      ],
      priority: 100,
    },
  }),
  'host-device': JSON.stringify({
    cniVersion: '1.0.0',
    type: 'host-device',
    device: 'eth2',
    hwaddr: '52:54:00:12:34:56',
    kernelpath: '/sys/devices/pci0000:00/0000:00:1f.6',
    pciBusID: '0000:3d:00.1',
  }),
  ptp: JSON.stringify({
    cniVersion: '1.0.0',
    type: 'ptp',
    ipMasq: true,
    ipMasqBackend: 'iptables',
    mtu: 1400,
    ipam: {
      type: 'host-local',
      ranges: [
        [{ subnet: '10.2.0.0/24', rangeStart: '10.2.0.10', rangeEnd: '10.2.0.20', gateway: '10.2.0.1' }],
        [{ subnet: 'fd00::/64' }],
      ],
      routes: [{ dst: '0.0.0.0/0' }],
      dataDir: '/var/lib/cni/x',
      resolvConf: '/etc/resolv.conf',
    },
  }),
  tap: JSON.stringify({
    cniVersion: '1.0.0',
    type: 'tap',
    mac: '0a:58:0a:0a:00:06',
    mtu: 1500,
    multiQueue: true,
    owner: 1000,
    group: 1000,
    selinuxContext: 'system_u:system_r:container_t:s0',
    bridge: 'br0',
    ipam: {},
  }),
  dummy: JSON.stringify({
    cniVersion: '1.0.0',
    type: 'dummy',
    ipam: {
      type: 'whereabouts',
      range: '10.3.0.0/24',
      range_start: '10.3.0.10',
      range_end: '10.3.0.200',
      exclude: ['10.3.0.64/28', '10.3.0.99'],
      gateway: '10.3.0.1',
      ipRanges: [
        { range: 'fd00:3::/64', range_start: 'fd00:3::10', range_end: 'fd00:3::ff', exclude: ['fd00:3::20/126'] },
      ],
      routes: [{ dst: '10.0.0.0/8', gw: '10.3.0.1' }],
      addresses: [{ address: '10.4.0.1/24' }],
      dns: { nameservers: ['10.3.0.1'] },
      enable_overlapping_ranges: false,
      network_name: 'storage',
      node_slice_size: '/26',
      kubernetes: {
        kubeconfig: '/etc/cni/net.d/whereabouts.d/whereabouts.kubeconfig',
        k8s_api_root: 'https://10.0.0.1:443',
      },
      configuration_path: '/etc/cni/net.d/whereabouts.d/whereabouts.conf',
      log_file: '/tmp/whereabouts.log',
      log_level: 'debug',
      leader_lease_duration: 1500,
      leader_renew_deadline: 1000,
      leader_retry_period: 500,
      reconciler_cron_expression: '30 4 * * *',
      datastore: 'kubernetes',
      etcd_host: '10.0.0.5:2379',
    },
  }),
  loopback: JSON.stringify({ cniVersion: '1.0.0', name: 'lo', type: 'loopback' }),
  sriov: JSON.stringify({
    cniVersion: '0.3.1',
    name: 'sriov-dpdk',
    type: 'sriov',
    deviceID: '0000:03:02.0',
    mac: 'CA:FE:C0:FF:EE:00',
    vlan: 1000,
    vlanQoS: 4,
    vlanProto: '802.1ad',
    min_tx_rate: 100,
    max_tx_rate: 200,
    spoofchk: 'off',
    trust: 'on',
    link_state: 'enable',
    logLevel: 'debug',
    logFile: '/tmp/sriov.log',
    mtu: 9000,
    ipam: { type: 'host-local', subnet: '10.56.217.0/24' },
  }),
  // The list top level (common keys) with every chained plugin.
  list: JSON.stringify({
    cniVersion: '1.1.0',
    cniVersions: ['1.0.0', '1.1.0'],
    name: 'chain',
    disableCheck: 'TRUE',
    disableGC: false,
    loadOnlyInlinedPlugins: 'false',
    plugins: [
      { type: 'bridge', bridge: 'cni0', ipam: { type: 'host-local', subnet: '10.9.0.0/24' } },
      {
        type: 'tuning',
        sysctl: { 'net.ipv4.conf.IFNAME.arp_filter': '1' },
        mac: 'c2:11:22:33:44:55',
        mtu: 1450,
        promisc: true,
        allmulti: false,
        txQLen: 2000,
        dataDir: '/run/cni/tuning',
        capabilities: { mac: true },
      },
      {
        type: 'bandwidth',
        ingressRate: 1000000,
        ingressBurst: 2000000,
        egressRate: 1000000,
        egressBurst: 2000000,
        capabilities: { bandwidth: true },
      },
      {
        type: 'portmap',
        snat: true,
        masqAll: false,
        markMasqBit: 13,
        conditionsV4: ['-s', '10.0.0.0/8'],
        conditionsV6: [],
        backend: 'iptables',
        capabilities: { portMappings: true },
      },
      { type: 'portmap', externalSetMarkChain: 'KUBE-MARK-MASQ', capabilities: { portMappings: true } },
      {
        type: 'firewall',
        backend: 'firewalld',
        firewalldZone: 'trusted',
        iptablesAdminChainName: 'CNI-ADMIN',
        ingressPolicy: 'same-bridge',
      },
      { type: 'sbr', table: 101, gateways: ['10.9.0.1'], addSourceHints: true },
      { type: 'vrf', vrfname: 'blue', table: 1001, name: 'entry-name', cniVersion: '1.1.0' },
    ],
  }),
};

for (const [name, json] of Object.entries(VALID)) {
  test(`valid ${name} configuration: no problems`, () => assertClean(json));
}

test('third-party plugin types get no field checks, but their ipam does', () => {
  assertClean(
    '{"cniVersion":"0.4.0","type":"ovs","bridge":"br1","vlan":100,"trunk":[{"minID":1}],"anything":{"goes":1}}',
  );
  const json =
    '{"type":"ovs","bridge":"br1","ipam":{"type":"whereabouts","rangeStart":"10.0.0.1","range":"10.0.0.0/24"}}';
  assert.deepEqual(summary(json), [['cni/unknown-field', 'warning', '"rangeStart"']]);
});

// -----------------------------------------------------------------------------------------------
// Mapping of schema errors

test('unknown key: warning on the key with its quotes, closest known field as suggestion', () => {
  const json = '{"cniVersion":"1.0.0","type":"vlan","master":"eth0","vlan_id":5}';
  const p = one(json);
  assert.equal(p.code, 'cni/unknown-field');
  assert.equal(p.severity, 'warning');
  assert.equal(slice(json, p), '"vlan_id"');
  assert.equal(p.data?.suggestion, 'vlanId');
  assert.match(p.message, /"vlan_id".*vlan plugin.*Did you mean "vlanId"\?/);
});

test('unknown key: edit-distance suggestion, and none when nothing is close', () => {
  const typo = '{"type":"macvlan","masterr":"eth1"}';
  assert.equal(one(typo).data?.suggestion, 'master');
  const json = '{"type":"macvlan","master":"eth1","storageNetwork":true}';
  const p = one(json);
  assert.equal(slice(json, p), '"storageNetwork"');
  assert.equal(p.data?.suggestion, undefined);
  assert.doesNotMatch(p.message, /Did you mean/);
});

test('whereabouts camelCase keys from host-local are unknown, with the snake_case suggestion', () => {
  const json =
    '{"type":"macvlan","master":"eth1","ipam":{"type":"whereabouts","subnet":"10.0.0.0/24","rangeStart":"10.0.0.5","rangeEnd":"10.0.0.9"}}';
  const ps = check(json);
  assert.deepEqual(
    ps.map((p) => [p.code, p.severity, slice(json, p), p.data?.suggestion]),
    [
      ['cni/unknown-field', 'warning', '"subnet"', 'range'],
      ['cni/unknown-field', 'warning', '"rangeStart"', 'range_start'],
      ['cni/unknown-field', 'warning', '"rangeEnd"', 'range_end'],
    ],
  );
  assert.match(ps[0].message, /whereabouts IPAM/);
  // and the reverse confusion under host-local
  const hl = '{"type":"bridge","ipam":{"type":"host-local","subnet":"10.0.0.0/24","range_start":"10.0.0.5"}}';
  assert.equal(one(hl).data?.suggestion, 'rangeStart');
});

test('unknown keys in nested objects name the place (routes entry, trunk entry)', () => {
  const json =
    '{"type":"macvlan","master":"eth1","ipam":{"type":"static","addresses":[{"address":"10.0.0.5/24"}],"routes":[{"dst":"0.0.0.0/0","gateway":"10.0.0.1"}]}}';
  const p = one(json);
  assert.equal(slice(json, p), '"gateway"');
  assert.equal(p.data?.suggestion, 'gw');
  assert.match(p.message, /in routes\[0\] of static IPAM/);
});

test('a key that matches ignoring case is a hint to use the canonical spelling, and its value is still checked', () => {
  const json = '{"type":"macvlan","Master":"eth1","MODE":"source"}';
  const ps = check(json);
  assert.deepEqual(
    ps.map((p) => [p.code, p.severity, slice(json, p)]),
    [
      ['cni/unknown-field', 'hint', '"Master"'],
      ['cni/unknown-field', 'hint', '"MODE"'],
      ['cni/invalid-value', 'error', '"source"'],
    ],
  );
  assert.match(ps[0].message, /use the canonical spelling "master"/);
  assert.deepEqual(ps[0].data, { suggestion: 'master' });
  // vlanID is vlanId to Go: not unknown, and its range is checked
  const v = '{"type":"vlan","master":"eth0","vlanID":5000}';
  assert.deepEqual(summary(v), [
    ['cni/unknown-field', 'hint', '"vlanID"'],
    ['cni/invalid-value', 'error', '5000'],
  ]);
});

test('wrong JSON type: error on the value, with the fix', () => {
  const json = '{"type":"macvlan","master":"eth1","mtu":"1500"}';
  const p = one(json);
  assert.equal(p.code, 'cni/field-type');
  assert.equal(p.severity, 'error');
  assert.equal(slice(json, p), '"1500"');
  assert.match(p.message, /The field mtu of the macvlan plugin must be an integer, not a string.*without quotes: 1500/);
  assert.deepEqual(summary('{"type":"macvlan","mtu":1500.5}'), [['cni/field-type', 'error', '1500.5']]);
});

test('field types: sysctl values, numeric DHCP options, capabilities, dns, ipam', () => {
  const sysctl =
    '{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"macvlan","master":"eth1"},{"type":"tuning","sysctl":{"net.core.somaxconn":1024}}]}';
  const p = one(sysctl);
  assert.equal(p.code, 'cni/field-type');
  assert.equal(slice(sysctl, p), '1024');
  assert.match(
    p.message,
    /The field sysctl\["net.core.somaxconn"\] of the tuning plugin \(plugins\[1\]\) must be a string/,
  );

  const dhcp = '{"type":"macvlan","master":"eth1","ipam":{"type":"dhcp","request":[{"option":121}]}}';
  assert.deepEqual(summary(dhcp), [['cni/field-type', 'error', '121']]);

  const caps = '{"type":"macvlan","master":"eth1","capabilities":{"ips":"true","mac":1}}';
  assert.deepEqual(summary(caps), [
    ['cni/field-type', 'error', '"true"'],
    ['cni/field-type', 'error', '1'],
  ]);
  assert.deepEqual(summary('{"type":"macvlan","capabilities":["ips"]}'), [['cni/field-type', 'error', '["ips"]']]);
  assert.deepEqual(summary('{"type":"macvlan","dns":{"nameservers":"8.8.8.8"}}'), [
    ['cni/field-type', 'error', '"8.8.8.8"'],
  ]);
  assert.deepEqual(summary('{"type":"macvlan","ipam":"whereabouts"}'), [['cni/field-type', 'error', '"whereabouts"']]);
  assert.deepEqual(summary('{"type":"macvlan","ipam":{"type":5}}'), [['cni/field-type', 'error', '5']]);
  assert.deepEqual(summary('{"type":"bridge","portIsolation":"true"}'), [['cni/field-type', 'error', '"true"']]);
});

test('out-of-enum value: error on the value, allowed values and closest one in data', () => {
  const json = '{"type":"ipvlan","master":"eth1","mode":"L3"}';
  const p = one(json);
  assert.equal(p.code, 'cni/invalid-value');
  assert.equal(p.severity, 'error');
  assert.equal(slice(json, p), '"L3"');
  assert.deepEqual(p.data?.allowed, ['l2', 'l3', 'l3s']);
  assert.equal(p.data?.suggestion, 'l3');
  assert.match(p.message, /The field mode of the ipvlan plugin must be one of "l2", "l3", "l3s"/);

  const src = one('{"type":"macvlan","mode":"source"}');
  assert.deepEqual(src.data?.allowed, ['bridge', 'private', 'vepa', 'passthru']);
  assert.equal(src.data?.suggestion, undefined);
});

test('out-of-range values: VLAN ids, trunk ids, QoS, mark bit, negative MTU where the plugin rejects it', () => {
  const json = '{"type":"bridge","vlan":4095,"vlanTrunk":[{"id":0},{"minID":1,"maxID":5000}]}';
  assert.deepEqual(summary(json), [
    ['cni/invalid-value', 'error', '4095'],
    ['cni/invalid-value', 'error', '0'],
    ['cni/invalid-value', 'error', '5000'],
  ]);
  const p = check(json)[0];
  assert.deepEqual([p.data?.minimum, p.data?.maximum], [0, 4094]);
  assert.match(p.message, /The field vlan of the bridge plugin must be between 0 and 4094; 4095 is out of range/);
  assert.deepEqual(summary('{"type":"sriov","vlan":10,"vlanQoS":8}'), [['cni/invalid-value', 'error', '8']]);
  assert.deepEqual(
    summary('{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge"},{"type":"portmap","markMasqBit":32}]}'),
    [['cni/invalid-value', 'error', '32']],
  );
  assert.deepEqual(summary('{"type":"macvlan","mtu":-1}'), [['cni/invalid-value', 'error', '-1']]);
  // bridge and ptp ignore MTUs <= 0: no error
  assertClean('{"type":"bridge","mtu":-1}');
  assertClean('{"type":"ptp","mtu":-1,"ipam":{"type":"static","addresses":[{"address":"10.0.0.1/24"}]}}');
});

test('case-insensitive enum (sriov vlanProto) and enums the plugin does not enforce (warnings)', () => {
  assertClean('{"type":"sriov","vlan":10,"vlanProto":"802.1AD"}');
  const proto = one('{"type":"sriov","vlan":10,"vlanProto":"802.1x"}');
  assert.equal(proto.code, 'cni/invalid-value');
  assert.deepEqual(proto.data?.allowed, ['802.1q', '802.1ad']);

  const json = '{"type":"sriov","spoofchk":"On","link_state":"up"}';
  const ps = check(json);
  assert.deepEqual(
    ps.map((p) => [p.code, p.severity, slice(json, p)]),
    [
      ['cni/invalid-value', 'warning', '"On"'],
      ['cni/invalid-value', 'error', '"up"'],
    ],
  );
  assert.equal(ps[0].data?.suggestion, 'on');
  assert.match(ps[0].message, /treated as "off"/);

  const fw =
    '{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge"},{"type":"firewall","backend":"nft","ingressPolicy":"Isolated"}]}';
  assert.deepEqual(summary(fw), [
    ['cni/invalid-value', 'warning', '"nft"'],
    ['cni/invalid-value', 'error', '"Isolated"'],
  ]);
});

test('missing required field: error at the opening brace of the top level, of a plugins entry, of an array item', () => {
  const top = '{"cniVersion":"1.0.0","type":"vlan","vlanId":5}';
  const p = one(top);
  assert.equal(p.code, 'cni/missing-field');
  assert.equal(p.severity, 'error');
  assert.deepEqual([p.start, p.end], [0, 1]);
  assert.equal(slice(top, p), '{');
  assert.equal(p.data?.field, 'master');
  assert.match(p.message, /The vlan plugin requires the field master/);

  const list = '{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"macvlan","master":"eth1"}, {"type":"vrf"}]}';
  const q = one(list);
  assert.equal(q.code, 'cni/missing-field');
  assert.equal(q.start, list.indexOf('{"type":"vrf"}'));
  assert.equal(slice(list, q), '{');
  assert.match(q.message, /vrf plugin \(plugins\[1\]\) requires the field vrfname/);

  const item = '{"type":"macvlan","master":"eth1","ipam":{"type":"static","addresses":[{"gateway":"10.0.0.1"}]}}';
  const r = one(item);
  assert.equal(r.code, 'cni/missing-field');
  assert.equal(r.start, item.indexOf('{"gateway"'));
  assert.match(r.message, /The field addresses\[0\] of static IPAM requires the field address/);

  const range = '{"type":"bridge","ipam":{"type":"host-local","ranges":[[{"rangeStart":"10.0.0.5"}]]}}';
  assert.deepEqual(summary(range), [['cni/missing-field', 'error', '{']]);

  const empty = '{"type":"vlan","master":""}';
  assert.deepEqual(summary(empty), [['cni/missing-field', 'error', '""']]);
});

// -----------------------------------------------------------------------------------------------
// Configuration shapes and things that must stay quiet

test('plugin list top level: case-sensitive keys, per-plugin keys out of place, boolean-ish flags', () => {
  const json =
    '{"cniVersion":"1.0.0","Name":"n","ipam":{"type":"static"},"disableCheck":"yes","disableGC":1,"plugins":[{"type":"macvlan","master":"eth1"}]}';
  const ps = check(json);
  assert.deepEqual(
    ps.map((p) => [p.code, p.severity, slice(json, p)]),
    [
      ['cni/unknown-field', 'warning', '"Name"'],
      ['cni/unknown-field', 'warning', '"ipam"'],
      ['cni/field-type', 'error', '"yes"'],
      ['cni/field-type', 'error', '1'],
    ],
  );
  assert.equal(ps[0].data?.suggestion, 'name');
  assert.match(ps[1].message, /move it into the entry of plugins/);
  assert.deepEqual(ps[2].data?.allowed, ['true', 'false']);
  assert.deepEqual(summary('{"name":"n","disableCheck":null,"plugins":[{"type":"bridge"}]}'), [
    ['cni/field-type', 'error', 'null'],
  ]);
});

test('reserved keys, cni.dev/ keys, name/cniVersion in entries and fields owned by other rules are not reported', () => {
  assertClean(
    '{"cniVersion":"1.0.0","type":"macvlan","master":"eth1","runtimeConfig":{"mac":"x"},"args":{"cni":{}},"prevResult":{},"cni.dev/valid-attachments":[]}',
  );
  assertClean(
    '{"cniVersion":"1.0.0","name":"n","args":{},"cni.dev/x":1,"plugins":[{"type":"macvlan","name":"e","cniVersion":"1.0.0","master":"eth1"}]}',
  );
  // name/cniVersion types are checked by cni/invalid-name and cni/unsupported-cniVersion
  assertClean('{"cniVersion":1,"name":5,"type":"macvlan","master":"eth1"}');
  // plugins not being a list is cni/empty-plugins
  assertClean('{"cniVersion":"1.0.0","name":"n","plugins":{}}');
});

test('JSON null is accepted like Go does (the field keeps its default)', () => {
  assertClean('{"type":"macvlan","master":null,"mtu":null,"ipam":null,"capabilities":{"ips":null}}');
});

test('a repeated key: the last value is checked, and a type error in an earlier one still counts', () => {
  assert.deepEqual(summary('{"type":"macvlan","mtu":"1400","mtu":1400}'), [['cni/field-type', 'error', '"1400"']]);
  assert.deepEqual(summary('{"type":"macvlan","mode":"bridge","mode":"source"}'), [
    ['cni/invalid-value', 'error', '"source"'],
  ]);
  assertClean('{"type":"macvlan","mtu":1400,"mtu":1400}');
});

test('odd keys and shapes do not break the checker', () => {
  const json = '{"type":"macvlan","__proto__":{"x":1},"constructor":1,"":2,"plugins":[1,"x",null,{"no":"type"}]}';
  const ps = check(json);
  assert.ok(ps.every((p) => p.start >= 0 && p.end <= json.length && p.start < p.end));
  assert.deepEqual(
    ps.filter((p) => p.code === 'cni/unknown-field').map((p) => slice(json, p)),
    ['"__proto__"', '"constructor"', '""'],
  );
  assert.deepEqual(validateWithSchemas(parseTree('[1]') as NonNullable<ReturnType<typeof parseTree>>, '[1]', {}), []);
  assertClean('{"invalid":"config"}');
});

test('closest(): typos, separators and case, but not unrelated words', () => {
  assert.equal(closest('rangeStrat', ['rangeStart', 'rangeEnd']), 'rangeStart');
  assert.equal(closest('vlan_id', ['vlanId', 'master']), 'vlanId');
  assert.equal(closest('is_gateway', ['isGateway', 'isDefaultGateway']), 'isGateway');
  assert.equal(closest('storageNetwork', ['master', 'mode', 'mtu']), undefined);
  assert.equal(closest('x', ['mtu']), undefined);
});

// -----------------------------------------------------------------------------------------------
// Documentation look-ups (hover / completion)

test('describeField and describeAt give description, docs URL, type and allowed values', () => {
  const mode = describeField('macvlan', ['mode']);
  assert.equal(mode?.owner, 'macvlan');
  assert.equal(mode?.docsUrl, 'https://www.cni.dev/plugins/current/main/macvlan/');
  assert.deepEqual(mode?.enum, ['bridge', 'private', 'vepa', 'passthru']);
  assert.equal(describeField('macvlan', ['Master'])?.name, 'master');
  assert.equal(
    describeField('macvlan', ['cniVersion'])?.docsUrl,
    'https://www.cni.dev/docs/spec/#configuration-format',
  );
  assert.equal(describeField('macvlan', ['ipam', 'range_start'], 'whereabouts')?.owner, 'whereabouts IPAM');
  assert.equal(describeField('bridge', ['ipam', 'ranges', 0, 0, 'subnet'], 'host-local')?.type, 'string');
  assert.equal(describeField('tuning', ['sysctl'])?.type, 'map of string to string');
  assert.equal(describeField('ovs', ['bridge']), undefined);
  assert.equal(
    describeField('sriov', ['deviceID'])?.docsUrl,
    'https://github.com/k8snetworkplumbingwg/sriov-cni/blob/master/docs/configuration-reference.md',
  );
  const cfg = { cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'macvlan', ipam: { type: 'whereabouts' } }] };
  assert.equal(describeAt(cfg, ['plugins', 0, 'ipam', 'node_slice_size'])?.owner, 'whereabouts IPAM');
  assert.equal(describeAt(cfg, ['disableGC'])?.type, 'boolean or string');
  assert.equal(describeAt(cfg, ['runtimeConfig'])?.reserved, true);
});

test('fieldsOf and fieldsAt list the fields of an object for completion', () => {
  const vlan = fieldsOf('vlan');
  assert.deepEqual(
    vlan.slice(0, 4).map((f) => f.name),
    ['master', 'vlanId', 'mtu', 'linkInContainer'],
  );
  assert.equal(vlan.find((f) => f.name === 'master')?.required, true);
  assert.equal(vlan.find((f) => f.name === 'cniVersion')?.owner, 'CNI configuration');
  assert.deepEqual(
    fieldsOf('whereabouts', 'ipam', ['ipRanges', 0]).map((f) => f.name),
    ['range', 'range_start', 'range_end', 'exclude'],
  );
  assert.deepEqual(
    fieldsOf('unknown-ipam', 'ipam').map((f) => f.name),
    ['type'],
  );
  assert.deepEqual(
    fieldsAt({ type: 'macvlan', ipam: { type: 'host-local' } }, ['ipam', 'routes', 0]).map((f) => f.name),
    ['dst', 'gw', 'mtu', 'advmss', 'priority', 'table', 'scope'],
  );
  assert.ok(fieldsAt({ plugins: [] }, []).some((f) => f.name === 'loadOnlyInlinedPlugins'));
  assert.equal(
    fieldsOf('ovs').find((f) => f.name === 'bridge'),
    undefined,
  );
});

// -----------------------------------------------------------------------------------------------
// The corpus of real, valid NADs: not one error or warning

/** `spec.config` strings of a YAML file; falls back to the raw single-quoted scalar when the YAML
 * package rejects a closing quote indented less than the key (Go's YAML parser accepts it). */
function corpusConfigs(text: string): string[] {
  const out: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    if ('errors' in doc && doc.errors.length) continue;
    const js = doc.toJS() as { spec?: { config?: unknown } } | null;
    if (typeof js?.spec?.config === 'string') out.push(js.spec.config);
  }
  if (out.length === 0) {
    const m = /^\s*config:\s*'([\s\S]*?)'\s*$/m.exec(text);
    if (m) out.push(m[1].replace(/''/g, "'"));
  }
  return out;
}

test('every valid corpus NAD config produces no error or warning', { skip: corpusSkip }, () => {
  const dirs = ['valid/nad', 'valid/rook'].map((d) => path.join(CORPUS, d));
  let checked = 0;
  for (const dir of dirs) {
    for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      for (const config of corpusConfigs(fs.readFileSync(path.join(dir, file), 'utf8'))) {
        try {
          JSON.parse(config);
        } catch {
          continue;
        }
        const bad = check(config).filter((p) => p.severity === 'error' || p.severity === 'warning');
        assert.deepEqual(
          bad.map((p) => `${p.code} ${slice(config, p)}: ${p.message}`),
          [],
          `${path.basename(dir)}/${file}`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked >= 40, `only ${checked} corpus configs checked`);
});

// The rule catalog (core/rules.ts) against the real analysis: for EVERY rule id, one small input per
// severity the catalog states (the trigger) that yields exactly that id at that severity, and a near
// miss that does not yield it. A new rule without an entry here fails (at compile time: the table is
// a Record over RuleId; and at run time). Also: the schemas' x-errorCode / x-severity pairs are
// stated in the catalog.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { RULES, type RuleId, type Severity } from '../../server/src/core/rules';
import { settingsFrom } from '../../server/src/core/settings';
import { type Checks, Workspace } from '../../server/src/core/workspace';

interface Case {
  /** One file's text, or several files by name. */
  input: string | Record<string, string>;
  /** Raw settings (as in VS Code's multusNetworks.*). */
  settings?: Record<string, unknown>;
  checks?: Checks;
  /** Other ids this input cannot avoid (kept as few as possible). */
  also?: RuleId[];
}

interface Entry {
  /** One trigger per severity the catalog states for the rule. */
  triggers: Partial<Record<Severity, Case>>;
  nearMiss: Case;
}

/** A SriovNetwork whose spec.ipam is written as given (a YAML scalar). */
const sriovNetwork = (ipamScalar: string) => `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetwork
metadata:
  name: public-net
  namespace: sriov-network-operator
spec:
  resourceName: intel_sriov
  networkNamespace: rook-ceph
  ipam: ${ipamScalar}
`;

// ---------------------------------------------------------------------------------------------
// Builders: a valid macvlan + whereabouts NAD, a CephCluster selecting NADs, a pod annotation.

type Json = Record<string, unknown>;
const BASE: Json = {
  cniVersion: '1.0.0',
  type: 'macvlan',
  master: 'eth1',
  mode: 'bridge',
  ipam: { type: 'whereabouts', range: '10.1.0.0/24' },
};
const cfg = (patch: Json, ...drop: string[]): Json => {
  const out: Json = { ...BASE, ...patch };
  for (const k of drop) delete out[k];
  return out;
};
const ipam = (i: Json): Json => cfg({ ipam: i });

function nad(config: Json | string, name = 'public-net', ns = 'rook-ceph', meta = ''): string {
  const json = typeof config === 'string' ? config : JSON.stringify(config);
  return `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: ${name}
  namespace: ${ns}
${meta}spec:
  config: '${json}'
`;
}

const ROUTED: Json = { type: 'whereabouts', range: '10.1.0.0/24', routes: [{ dst: '192.168.0.0/16' }] };
const PUBLIC = nad(cfg({ ipam: ROUTED }), 'public-net');
const CLUSTER_NAD = nad(cfg({ master: 'eth2', ipam: { type: 'whereabouts', range: '10.2.0.0/24' } }), 'cluster-net');

/** A CephCluster whose spec.network holds `network` (YAML lines, indented by 4). */
function cluster(network: string): string {
  return `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: rook-ceph
  namespace: rook-ceph
spec:
  network:
${network}`;
}
const MULTUS = `    provider: multus
    selectors:
      public: rook-ceph/public-net
      cluster: rook-ceph/cluster-net
`;
/** The two NADs and a cluster with `network`. */
const rook = (network: string, nads = `${PUBLIC}---\n${CLUSTER_NAD}`): Record<string, string> => ({
  'nads.yaml': nads,
  'cluster.yaml': cluster(network),
});
/** The cluster selecting `public` only, with the public NAD's config replaced. */
const selected = (config: Json, extra = ''): Record<string, string> => ({
  'nads.yaml': nad(config, 'public-net'),
  'cluster.yaml': cluster(`    provider: multus\n    selectors:\n      public: rook-ceph/public-net\n${extra}`),
});

function pod(networks: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: rook-ceph
  annotations:
    k8s.v1.cni.cncf.io/networks: '${networks}'
spec:
  containers: []
`;
}

/** A Flux HelmRelease of the rook-ceph-cluster chart with `values` (YAML lines, indented by 4). */
const helmRelease = (values: string): string =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\n  namespace: rook-ceph\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: rook-ceph-cluster\n  values:\n${values}`;

const throwing: Checks = {
  local: [
    ...ALL_CHECKS.local,
    (a) => {
      if (a.text.includes('# EXPLODE')) throw new Error('boom');
    },
  ],
  crossFile: ALL_CHECKS.crossFile,
};

// ---------------------------------------------------------------------------------------------

const C = (input: Case['input'], more: Omit<Case, 'input'> = {}): Case => ({ input, ...more });

const TABLE: Record<RuleId, Entry> = {
  'yaml/syntax': {
    triggers: { error: C(`${PUBLIC}status: [unclosed\n`) },
    nearMiss: C(`${PUBLIC}status: [closed]\n`),
  },
  'yaml/template': {
    triggers: { info: C(`{{- if .Values.on }}\n${PUBLIC}status: [ {{ .Values.x }}\n{{- end }}\n`) },
    nearMiss: C(`{{- if .Values.on }}\n${PUBLIC}status: [ {{ .Values.x }} ]\n{{- end }}\n`),
  },
  'yaml/too-large': {
    triggers: { info: C(PUBLIC, { settings: { maxFileSize: 100 } }) },
    nearMiss: C(PUBLIC, { settings: { maxFileSize: 1000 } }),
  },
  'yaml/alias-limit': {
    triggers: {
      error: C(nad(BASE, 'public-net', 'rook-ceph', '  labels: &l {a: b}\n  annotations: {x: *l, y: *l, z: *l}\n'), {
        settings: { limits: { maxAliases: 2 } },
      }),
    },
    nearMiss: C(nad(BASE, 'public-net', 'rook-ceph', '  labels: &l {a: b}\n  annotations: {x: *l, y: *l}\n'), {
      settings: { limits: { maxAliases: 2 } },
    }),
  },
  'yaml/limit': {
    triggers: { info: C(PUBLIC, { settings: { limits: { maxLineLength: 100 } } }) },
    nearMiss: C(PUBLIC, { settings: { limits: { maxLineLength: 1000 } } }),
  },
  'yaml/indentation': {
    triggers: {
      info: C(
        PUBLIC.replace(
          /config: '.*'/,
          `config: "{\n  \\"cniVersion\\": \\"1.0.0\\", \\"type\\": \\"macvlan\\",\n  \\"master\\": \\"eth1\\", \\"ipam\\": {}}"`,
        ),
      ),
    },
    nearMiss: C(
      PUBLIC.replace(
        /config: '.*'/,
        `config: "{\n    \\"cniVersion\\": \\"1.0.0\\", \\"type\\": \\"macvlan\\",\n    \\"master\\": \\"eth1\\", \\"ipam\\": {}}"`,
      ),
    ),
  },
  'k8s/schema': {
    triggers: { error: C(PUBLIC.replace(/spec:\n.*\n/, 'spec: []\n')) },
    nearMiss: C(PUBLIC),
  },
  'k8s/kind-near-miss': {
    triggers: { error: C(PUBLIC.replace('kind: NetworkAttachmentDefinition', 'kind: NetworkAttachmentDefinitions')) },
    nearMiss: C(PUBLIC),
  },
  'k8s/unknown-field': {
    triggers: { error: C(`${PUBLIC}extra: true\n`) },
    nearMiss: C(PUBLIC),
  },
  'nad/config-not-string': {
    triggers: { error: C(PUBLIC.replace(/config: '.*'/, 'config:\n    cniVersion: 1.0.0\n    type: macvlan')) },
    nearMiss: C(PUBLIC),
  },
  'nad/config-empty': {
    triggers: { info: C(PUBLIC.replace(/\n {2}config: '.*'/, ' {}')) },
    nearMiss: C(PUBLIC),
  },
  'nad/config-placeholder': {
    triggers: { info: C(PUBLIC.replace(/config: '.*'/, 'config: CHANGEME')) },
    nearMiss: C(PUBLIC),
  },
  'nad/invalid-name': {
    triggers: { error: C(nad(BASE, 'Public_Net')) },
    nearMiss: C(nad(BASE, 'public-net')),
  },
  'nad/name-portability': {
    triggers: { warning: C(nad(BASE, 'public.net')) },
    nearMiss: C(nad(BASE, 'public-net')),
  },
  'nad/name-mismatch': {
    triggers: { hint: C(nad(cfg({ name: 'other-net' }), 'public-net')) },
    nearMiss: C(nad(cfg({ name: 'public-net' }), 'public-net')),
  },
  'nad/duplicate': {
    triggers: {
      error: C(`${PUBLIC}---\n${PUBLIC}`),
      warning: C({ 'a.yaml': PUBLIC, 'b.yaml': nad(cfg({ ipam: ROUTED, master: 'eth2' }), 'public-net') }),
    },
    // Another namespace is another object; the same config in another file replaces it with itself.
    nearMiss: C({ 'a.yaml': PUBLIC, 'b.yaml': nad(BASE, 'public-net', 'other-ns'), 'c.yaml': PUBLIC }),
  },
  'nad/operator-quote': {
    // A quote inside spec.ipam ends the single-quoted config of the operator's NAD template.
    triggers: {
      error: C(sriovNetwork(`'{"type": "whereabouts", "range": "10.5.0.0/24", "network_name": "ceph''s"}'`)),
    },
    // Doubled, the template's YAML reads it as one quote; a SpiderMultusConfig is marshalled, not templated.
    nearMiss: C(sriovNetwork(`'{"type": "whereabouts", "range": "10.5.0.0/24", "network_name": "ceph''''s"}'`)),
  },
  'nad/unused': {
    triggers: { hint: C(PUBLIC, { settings: { rules: { 'nad/unused': 'hint' } } }) },
    nearMiss: C(
      { 'nad.yaml': PUBLIC, 'pod.yaml': pod('public-net') },
      { settings: { rules: { 'nad/unused': 'hint' } } },
    ),
  },
  'json/syntax': {
    triggers: { error: C(nad('{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1",}')) },
    nearMiss: C(nad('{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "ipam": {}}')),
  },
  'json/duplicate-key': {
    triggers: { warning: C(nad(JSON.stringify(BASE).replace('"mode":"bridge"', '"mode":"bridge","mode":"vepa"'))) },
    nearMiss: C(nad(JSON.stringify(BASE).replace('"mode":"bridge"', '"mode":"vepa"'))),
  },
  'json/not-object': {
    triggers: { error: C(nad('[{"type": "macvlan"}]')) },
    nearMiss: C(nad(BASE)),
  },
  'cni/missing-cniVersion': {
    triggers: { warning: C(nad(cfg({}, 'cniVersion'))) },
    nearMiss: C(nad(BASE)),
  },
  'cni/unsupported-cniVersion': {
    triggers: { error: C(nad(cfg({ cniVersion: '1.0' }))), warning: C(nad(cfg({ cniVersion: '' }))) },
    nearMiss: C(nad(cfg({ cniVersion: '0.4.0' }))),
  },
  'cni/version-too-old': {
    triggers: {
      error: C(
        nad({
          cniVersion: '0.2.0',
          name: 'public-net',
          plugins: [{ type: 'bandwidth', ingressRate: 1000, ingressBurst: 1000 }],
        }),
        {
          also: ['cni/chain-order'],
        },
      ),
      warning: C(
        nad({ cniVersion: '0.2.0', name: 'public-net', plugins: [cfg({}, 'cniVersion'), { type: 'tuning' }] }),
      ),
    },
    nearMiss: C(nad({ cniVersion: '0.3.1', name: 'public-net', plugins: [cfg({}, 'cniVersion'), { type: 'tuning' }] })),
  },
  'cni/version-too-new': {
    triggers: {
      warning: C(nad(cfg({ cniVersion: '1.1.0', type: 'calico', ipam: { type: 'calico-ipam' } }, 'master', 'mode'))),
    },
    nearMiss: C(nad(cfg({ cniVersion: '1.0.0', type: 'calico', ipam: { type: 'calico-ipam' } }, 'master', 'mode'))),
  },
  'cni/missing-type': {
    triggers: { error: C(nad(cfg({}, 'type'))) },
    nearMiss: C(nad(BASE)),
  },
  'cni/type-and-plugins': {
    triggers: { warning: C(nad(cfg({ name: 'public-net', plugins: [cfg({}, 'cniVersion')] }))) },
    nearMiss: C(nad({ cniVersion: '1.0.0', name: 'public-net', plugins: [cfg({}, 'cniVersion')] })),
  },
  'cni/empty-plugins': {
    triggers: { error: C(nad({ cniVersion: '1.0.0', name: 'public-net', plugins: [] })) },
    nearMiss: C(nad({ cniVersion: '1.0.0', name: 'public-net', plugins: [cfg({}, 'cniVersion')] })),
  },
  'cni/invalid-name': {
    triggers: { error: C(nad(cfg({ name: 'public net' })), { also: ['nad/name-mismatch'] }) },
    nearMiss: C(nad(cfg({ name: 'public-net' }))),
  },
  'cni/list-name-missing': {
    triggers: { warning: C(nad({ cniVersion: '1.0.0', plugins: [cfg({}, 'cniVersion')] })) },
    nearMiss: C(nad({ cniVersion: '1.0.0', name: 'public-net', plugins: [cfg({}, 'cniVersion')] })),
  },
  'cni/type-near-miss': {
    triggers: { error: C(nad(cfg({ type: 'macvlann' }))) },
    nearMiss: C(nad(cfg({ type: 'macvlann' })), { settings: { extraPluginTypes: ['macvlann'] } }),
  },
  'cni/unknown-type': {
    triggers: {
      warning: C(nad(cfg({ type: 'whereabouts' }, 'master', 'mode', 'ipam'))),
      error: C(nad(cfg({ type: '/opt/cni/bin/macvlan' }))),
    },
    nearMiss: C(nad(cfg({ type: 'whereabouts' }, 'master', 'mode', 'ipam')), {
      settings: { extraPluginTypes: ['whereabouts'] },
    }),
  },
  'cni/unlisted-type': {
    triggers: { info: C(nad(cfg({ type: 'zzcni' }, 'master', 'mode'))) },
    nearMiss: C(nad(cfg({ type: 'zzcni' }, 'master', 'mode')), { settings: { extraPluginTypes: ['zzcni'] } }),
  },
  'cni/unknown-field': {
    triggers: { warning: C(nad(cfg({ mtuu: 1500 }))), hint: C(nad(cfg({ Master: 'eth1' }, 'master'))) },
    nearMiss: C(nad(cfg({ mtu: 1500 }))),
  },
  'cni/reserved-key': {
    triggers: { warning: C(nad(cfg({ runtimeConfig: {} }))) },
    nearMiss: C(nad(cfg({ capabilities: { mac: true } }))),
  },
  'cni/field-type': {
    triggers: { error: C(nad(cfg({ mtu: '1500' }))) },
    nearMiss: C(nad(cfg({ mtu: 1500 }))),
  },
  'cni/number-format': {
    triggers: { error: C(nad(JSON.stringify(BASE).replace('"mode":"bridge"', '"mode":"bridge","mtu":1500.0'))) },
    nearMiss: C(nad(JSON.stringify(BASE).replace('"mode":"bridge"', '"mode":"bridge","mtu":1500'))),
  },
  'cni/invalid-value': {
    triggers: {
      error: C(nad(cfg({ mode: 'brige' }))),
      warning: C(nad(cfg({ master: 'enp0s31f6verylong0' }))),
    },
    nearMiss: C(nad(cfg({ mode: 'vepa' }))),
  },
  'cni/mtu-range': {
    triggers: { error: C(nad(cfg({ mtu: 65536 }))) },
    nearMiss: C(nad(cfg({ mtu: 65535 }))),
  },
  'cni/missing-field': {
    triggers: { error: C(nad(cfg({ type: 'vlan', vlanId: 100 }, 'master', 'mode'))) },
    nearMiss: C(nad(cfg({ type: 'vlan', vlanId: 100 }, 'mode'))),
  },
  'cni/conflicting-fields': {
    triggers: {
      error: C(nad(cfg({ type: 'bridge', bridge: 'br0', hairpinMode: true, promiscMode: true }, 'master', 'mode'))),
    },
    nearMiss: C(nad(cfg({ type: 'bridge', bridge: 'br0', hairpinMode: true }, 'master', 'mode'))),
  },
  'cni/host-device-selector': {
    triggers: {
      error: C(nad(cfg({ type: 'host-device' }, 'master', 'mode'))),
      warning: C(nad(cfg({ type: 'host-device', device: 'eth1', hwaddr: '02:00:00:0a:0b:0c' }, 'master', 'mode'))),
    },
    nearMiss: C(nad(cfg({ type: 'host-device', device: 'eth1' }, 'master', 'mode'))),
  },
  'cni/default-master': {
    triggers: { info: C(nad(cfg({}, 'master'))) },
    nearMiss: C(nad(BASE)),
  },
  'cni/chain-order': {
    triggers: {
      error: C(nad({ cniVersion: '1.0.0', name: 'public-net', plugins: [{ type: 'tuning' }] })),
      warning: C(
        nad({
          cniVersion: '1.0.0',
          name: 'public-net',
          plugins: [cfg({}, 'cniVersion'), { type: 'bandwidth', capabilities: { bandwidth: true } }],
        }),
      ),
    },
    nearMiss: C(nad({ cniVersion: '1.0.0', name: 'public-net', plugins: [cfg({}, 'cniVersion'), { type: 'tuning' }] })),
  },
  'cni/capability-missing': {
    triggers: {
      warning: C(
        nad({ cniVersion: '1.0.0', name: 'public-net', plugins: [cfg({}, 'cniVersion'), { type: 'portmap' }] }),
      ),
    },
    nearMiss: C(
      nad({
        cniVersion: '1.0.0',
        name: 'public-net',
        plugins: [cfg({}, 'cniVersion'), { type: 'portmap', capabilities: { portMappings: true } }],
      }),
    ),
  },
  'ipam/missing': {
    triggers: {
      error: C(nad(cfg({ type: 'ipvlan' }, 'ipam', 'mode'))),
      warning: C(nad(ipam({ range: '10.1.0.0/24' }))),
      info: C(nad(cfg({}, 'ipam'))),
    },
    nearMiss: C(nad(cfg({ ipam: {} }))),
  },
  'ipam/type-near-miss': {
    triggers: { error: C(nad(ipam({ type: 'whereabout', range: '10.1.0.0/24' }))) },
    nearMiss: C(nad(ipam({ type: 'whereabout', range: '10.1.0.0/24' })), {
      settings: { extraIpamTypes: ['whereabout'] },
    }),
  },
  'ipam/unknown-type': {
    triggers: { warning: C(nad(ipam({ type: 'macvlan' }))) },
    nearMiss: C(nad(ipam({ type: 'macvlan' })), { settings: { extraIpamTypes: ['macvlan'] } }),
  },
  'ipam/unlisted-type': {
    triggers: { info: C(nad(ipam({ type: 'acme-ipam' }))) },
    nearMiss: C(nad(ipam({ type: 'acme-ipam' })), { settings: { extraIpamTypes: ['acme-ipam'] } }),
  },
  'ipam/invalid-cidr': {
    triggers: {
      error: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/33' }))),
      warning: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/24', range_start: '10.1.0.x' }))),
    },
    nearMiss: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/24', range_start: '10.1.0.10' }))),
  },
  'ipam/host-bits': {
    triggers: {
      error: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.1/24' }))),
      warning: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.1/24' }))),
    },
    nearMiss: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.0/24' }))),
  },
  'ipam/subnet-too-small': {
    triggers: { error: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.0/32' }))) },
    nearMiss: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.0/30' }))),
  },
  'ipam/range-bounds': {
    triggers: {
      error: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.0/24', rangeStart: '10.2.0.10' }))),
      warning: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/24', range_start: '10.2.0.10' }))),
    },
    nearMiss: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.0/24', rangeStart: '10.1.0.10' }))),
  },
  'ipam/range-overlap': {
    triggers: {
      error: C(nad(ipam({ type: 'host-local', ranges: [[{ subnet: '10.1.0.0/24' }], [{ subnet: '10.1.0.0/25' }]] }))),
    },
    nearMiss: C(nad(ipam({ type: 'host-local', ranges: [[{ subnet: '10.1.0.0/24' }], [{ subnet: '10.2.0.0/24' }]] }))),
  },
  'ipam/gateway-outside': {
    triggers: {
      warning: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.0/24', gateway: '10.2.0.1' }))),
      error: C(
        nad(ipam({ type: 'host-local', subnet: '10.1.0.0/24', routes: [{ dst: '10.9.0.0/16', gw: '10.2.0.1' }] })),
      ),
    },
    nearMiss: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.0/24', gateway: '10.1.0.1' }))),
  },
  'ipam/exclude-outside': {
    triggers: { warning: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/24', exclude: ['10.2.0.0/28'] }))) },
    nearMiss: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/24', exclude: ['10.1.0.0/28'] }))),
  },
  'ipam/exclude-ignored': {
    triggers: {
      warning: C(nad(ipam({ type: 'whereabouts', ipRanges: [{ range: '10.1.0.0/24' }], exclude: ['10.1.0.0/28'] }))),
    },
    nearMiss: C(nad(ipam({ type: 'whereabouts', ipRanges: [{ range: '10.1.0.0/24', exclude: ['10.1.0.0/28'] }] }))),
  },
  'ipam/no-range': {
    triggers: { error: C(nad(ipam({ type: 'whereabouts' }))) },
    nearMiss: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/24' }))),
  },
  'ipam/mixed-family': {
    triggers: {
      error: C(nad(ipam({ type: 'host-local', subnet: '10.1.0.0/24', rangeStart: 'fd00::10' }))),
      warning: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/24', range_start: 'fd00::10' }))),
    },
    nearMiss: C(nad(ipam({ type: 'whereabouts', range: '10.1.0.0/24', range_start: '10.1.0.10' }))),
  },
  'ipam/dhcp-daemon': {
    triggers: { info: C(nad(ipam({ type: 'dhcp' }))) },
    nearMiss: C(nad(BASE)),
  },
  'ipam/dhcp-ipvlan': {
    triggers: {
      warning: C(nad(cfg({ type: 'ipvlan', mode: 'l2', ipam: { type: 'dhcp' } })), { also: ['ipam/dhcp-daemon'] }),
    },
    nearMiss: C(nad(cfg({ ipam: { type: 'dhcp' } })), { also: ['ipam/dhcp-daemon'] }),
  },
  'rook/unknown-provider': {
    triggers: { error: C(rook('    provider: mutlus\n')) },
    nearMiss: C(rook('    provider: host\n')),
  },
  'rook/multus-without-selectors': {
    triggers: {
      error: C(rook('    provider: multus\n')),
      warning: C(rook('    provider: multus\n    selectors:\n      public: ""\n')),
    },
    nearMiss: C(rook(MULTUS)),
  },
  'rook/selectors-without-multus': {
    triggers: { warning: C(rook('    provider: host\n    selectors:\n      public: rook-ceph/public-net\n')) },
    nearMiss: C(rook('    provider: host\n')),
  },
  'rook/unknown-selector-key': {
    triggers: { warning: C(rook(`${MULTUS}      client: rook-ceph/public-net\n`)) },
    nearMiss: C(rook(MULTUS)),
  },
  'rook/invalid-selector': {
    triggers: { error: C(rook(MULTUS.replace('public: rook-ceph/public-net', 'public: rook-ceph/public-net/x'))) },
    nearMiss: C(rook(MULTUS.replace('public: rook-ceph/public-net', 'public: public-net'))),
  },
  'rook/unknown-field': {
    triggers: { warning: C(rook(`${MULTUS}    provder: multus\n`)) },
    nearMiss: C(rook(`${MULTUS}    ipFamily: IPv4\n`)),
  },
  'rook/host-network-conflict': {
    triggers: {
      error: C(rook(`${MULTUS}    hostNetwork: true\n`)),
      warning: C(rook(`${MULTUS}    hostNetwork: true\n`), { settings: { rookVersion: '1.12' } }),
    },
    nearMiss: C(rook(`${MULTUS}    hostNetwork: false\n`)),
  },
  'rook/host-network-legacy': {
    triggers: { info: C(rook('    hostNetwork: true\n')) },
    nearMiss: C(rook('    provider: host\n')),
  },
  'rook/address-range-invalid': {
    triggers: { error: C(rook(`${MULTUS}    addressRanges:\n      public: ["10.1.0.0/33"]\n`)) },
    nearMiss: C(rook(`${MULTUS}    addressRanges:\n      public: ["10.1.0.0/16"]\n`)),
  },
  'rook/address-ranges-wrong-provider': {
    triggers: { error: C(rook('    addressRanges:\n      public: ["10.1.0.0/16"]\n')) },
    nearMiss: C(rook(`${MULTUS}    addressRanges:\n      public: ["10.1.0.0/16"]\n`)),
  },
  'rook/address-range-without-selection': {
    triggers: {
      error: C(selected(ROUTED_CFG(), '    addressRanges:\n      cluster: ["10.2.0.0/16"]\n')),
    },
    nearMiss: C(selected(ROUTED_CFG(), '    addressRanges:\n      public: ["10.1.0.0/16"]\n')),
  },
  'rook/ip-family': {
    triggers: { error: C(rook(`${MULTUS}    ipFamily: IPv5\n`)) },
    nearMiss: C(rook(`${MULTUS}    ipFamily: IPv4\n`)),
  },
  'rook/mcs-missing-cluster-id': {
    triggers: { warning: C(rook(`${MULTUS}    multiClusterService:\n      enabled: true\n`)) },
    nearMiss: C(rook(`${MULTUS}    multiClusterService:\n      enabled: true\n      clusterID: east\n`)),
  },
  'rook/msgr2-kernel': {
    triggers: { info: C(rook(`${MULTUS}    connections:\n      requireMsgr2: true\n`)) },
    nearMiss: C(rook(`${MULTUS}    connections:\n      requireMsgr2: false\n`)),
  },
  'rook/unknown-chart-key': {
    triggers: { warning: C(helmRelease('    storage:\n      useAllNodes: true\n    cephClusterSpec: {}\n')) },
    nearMiss: C(helmRelease('    cephClusterSpec:\n      storage:\n        useAllNodes: true\n')),
  },
  'rook/selector-not-found': {
    triggers: {
      warning: C(rook(MULTUS.replace('cluster: rook-ceph/cluster-net', 'cluster: rook-ceph/clustr-net'))),
      info: C({ 'cluster.yaml': cluster(MULTUS) }),
    },
    nearMiss: C(rook(MULTUS)),
  },
  'rook/duplicate-cluster': {
    triggers: {
      error: C(rook(`${MULTUS}---\n${cluster(MULTUS)}`)),
      warning: C(rook(`${MULTUS}---\n${cluster(MULTUS).replace('name: rook-ceph', 'name: second')}`)),
    },
    // The same cluster in another namespace of the file, and a copy in another file of the folder
    // (an alternative, as in Rook's examples folder).
    nearMiss: C({
      ...rook(`${MULTUS}---\n${cluster(MULTUS).replace('namespace: rook-ceph', 'namespace: other')}`),
      'cluster-test.yaml': cluster(MULTUS),
    }),
  },
  'rook/selector-namespace': {
    triggers: {
      warning: C(
        rook(
          MULTUS.replace('rook-ceph/cluster-net', 'cluster-net'),
          `${PUBLIC}---\n${CLUSTER_NAD.replace('rook-ceph', 'other')}`,
        ),
      ),
    },
    nearMiss: C(
      rook(
        MULTUS.replace('rook-ceph/cluster-net', 'other/cluster-net'),
        `${PUBLIC}---\n${CLUSTER_NAD.replace('rook-ceph', 'other')}`,
      ),
    ),
  },
  'rook/same-network': {
    triggers: { warning: C(rook(MULTUS.replace('rook-ceph/cluster-net', 'rook-ceph/public-net'))) },
    nearMiss: C(rook(MULTUS)),
  },
  'rook/nad-no-ipam': {
    triggers: { error: C(selected(cfg({ ipam: {} }))) },
    nearMiss: C(selected(ROUTED_CFG())),
  },
  'rook/nad-ipam-per-node': {
    triggers: {
      warning: C(
        selected(cfg({ ipam: { type: 'host-local', subnet: '10.1.0.0/24', routes: [{ dst: '192.168.0.0/16' }] } })),
      ),
    },
    nearMiss: C(selected(ROUTED_CFG())),
  },
  'rook/nad-unreadable-range': {
    triggers: {
      error: C(selected({ cniVersion: '1.0.0', name: 'public-net', plugins: [ROUTED_CFG('cniVersion')] }), {
        settings: { rookVersion: '1.12.3' },
      }),
    },
    nearMiss: C(selected(ROUTED_CFG()), { settings: { rookVersion: '1.12.3' } }),
  },
  'rook/address-range-mismatch': {
    triggers: { warning: C(selected(ROUTED_CFG(), '    addressRanges:\n      public: ["10.9.0.0/16"]\n')) },
    nearMiss: C(selected(ROUTED_CFG(), '    addressRanges:\n      public: ["10.1.0.0/16"]\n')),
  },
  'rook/ip-family-mismatch': {
    triggers: {
      warning: C(
        selected(cfg({ ipam: { type: 'whereabouts', range: 'fd00:1::/64', routes: [{ dst: 'fd00:9::/64' }] } })),
      ),
    },
    nearMiss: C(
      selected(
        cfg({ ipam: { type: 'whereabouts', range: 'fd00:1::/64', routes: [{ dst: 'fd00:9::/64' }] } }),
        '    ipFamily: IPv6\n',
      ),
    ),
  },
  'rook/public-no-node-route': {
    triggers: { info: C(selected(BASE)) },
    nearMiss: C(selected(ROUTED_CFG())),
  },
  'ref/annotation-syntax': {
    triggers: { error: C({ 'nad.yaml': PUBLIC, 'pod.yaml': pod('[{"name": }]') }) },
    nearMiss: C({ 'nad.yaml': PUBLIC, 'pod.yaml': pod('[{"name": "public-net"}]') }),
  },
  'ref/nad-not-found': {
    triggers: { warning: C({ 'nad.yaml': PUBLIC, 'pod.yaml': pod('publc-net') }), info: C(pod('public-net')) },
    nearMiss: C({ 'nad.yaml': PUBLIC, 'pod.yaml': pod('public-net') }),
  },
  'ref/namespace-in-name': {
    triggers: { error: C({ 'nad.yaml': PUBLIC, 'pod.yaml': pod('[{"name": "rook-ceph/public-net"}]') }) },
    nearMiss: C({ 'nad.yaml': PUBLIC, 'pod.yaml': pod('[{"namespace": "rook-ceph", "name": "public-net"}]') }),
  },
  'config/invalid': {
    triggers: { error: C({ '.multus-networks.yaml': 'rookVersion: banana\n', 'nad.yaml': PUBLIC }) },
    nearMiss: C({ '.multus-networks.yaml': 'rookVersion: "1.15"\n', 'nad.yaml': PUBLIC }),
  },
  'config/unknown-key': {
    triggers: { warning: C({ '.multus-networks.yaml': 'rookVersoin: "1.15"\n', 'nad.yaml': PUBLIC }) },
    nearMiss: C({ '.multus-networks.yaml': 'rookVersion: "1.15"\n', 'nad.yaml': PUBLIC }),
  },
  'config/unknown-rule': {
    triggers: { warning: C({ '.multus-networks.yaml': 'rules:\n  cni/unknwn-field: off\n', 'nad.yaml': PUBLIC }) },
    nearMiss: C({ '.multus-networks.yaml': 'rules:\n  cni/unknown-field: off\n', 'nad.yaml': PUBLIC }),
  },
  'comment/unknown-rule': {
    triggers: { warning: C(`# multus-networks-disable nad/name-mismach\n${PUBLIC}`) },
    nearMiss: C(`# multus-networks-disable nad/name-mismatch -- our fork reads it\n${PUBLIC}`),
  },
  'internal/error': {
    triggers: { info: C(`# EXPLODE\n${PUBLIC}`, { checks: throwing }) },
    nearMiss: C(PUBLIC, { checks: throwing }),
  },
};

function ROUTED_CFG(...drop: string[]): Json {
  return cfg({ ipam: ROUTED }, ...drop);
}

/** Every finding of every file, as `code severity "text"`, through the real analysis and settings. */
function run(c: Case): { code: string; severity: string; text: string; message: string }[] {
  const ws = new Workspace(settingsFrom(c.settings ?? {}), c.checks ?? ALL_CHECKS);
  const files = typeof c.input === 'string' ? { 'input.yaml': c.input } : c.input;
  for (const [name, text] of Object.entries(files)) ws.setFile(`file:///cat/${name}`, text);
  return [...ws.uris()].flatMap((uri) =>
    ws.problemsFor(uri).map((p) => ({
      code: p.code,
      severity: p.severity,
      text: ws.get(uri)!.text.slice(p.start, p.end),
      message: p.message,
    })),
  );
}

const show = (found: ReturnType<typeof run>) =>
  found.map((f) => `${f.code} ${f.severity} ${JSON.stringify(f.text)}`).join('; ') || 'nothing';

test('every catalog id has an entry, with a trigger for each severity the catalog states and no other', () => {
  for (const r of RULES) {
    const e = TABLE[r.id];
    assert.ok(e, `${r.id}: no entry in the table`);
    assert.deepEqual(Object.keys(e.triggers).sort(), [...r.severities].sort(), `${r.id}: triggers per severity`);
  }
  assert.deepEqual(Object.keys(TABLE).sort(), RULES.map((r) => r.id).sort());
});

for (const r of RULES) {
  const e = TABLE[r.id];
  if (!e) continue;
  for (const [severity, c] of Object.entries(e.triggers)) {
    test(`${r.id}: trigger (${severity})`, () => {
      const found = run(c);
      const codes = new Set(found.map((f) => f.code));
      assert.deepEqual([...codes].sort(), [r.id, ...(c.also ?? [])].sort(), `found: ${show(found)}`);
      assert.ok(
        found.some((f) => f.code === r.id && f.severity === severity),
        `no ${r.id} at ${severity}; found: ${show(found)}`,
      );
    });
  }
  test(`${r.id}: near miss`, () => {
    const found = run(e.nearMiss);
    assert.deepEqual(
      [...new Set(found.map((f) => f.code))].sort(),
      [...(e.nearMiss.also ?? [])].sort(),
      `found: ${show(found)}`,
    );
  });
}

test('every message of every trigger and near miss is plain text: no Markdown backticks', () => {
  // LSP diagnostics are plain text: the Problems panel shows backticks literally. Quote values with
  // double quotes and name fields plainly; Markdown stays for hovers.
  let seen = 0;
  for (const r of RULES) {
    const e = TABLE[r.id];
    if (!e) continue;
    for (const c of [...Object.values(e.triggers), e.nearMiss]) {
      for (const f of run(c!)) {
        seen++;
        assert.ok(!f.message.includes('`'), `${f.code}: ${f.message}`);
      }
    }
  }
  assert.ok(seen > RULES.length, `the walk sees the triggers' findings (${seen})`);
});

test("the schemas' x-errorCode / x-severity pairs are ids and severities the catalog states", () => {
  const dir = path.resolve(__dirname, '../../../schemas/cni');
  const pairs: [string, string][] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ('x-errorCode' in o || 'x-severity' in o || 'enum' in o || 'pattern' in o)
      pairs.push([String(o['x-errorCode'] ?? 'cni/invalid-value'), String(o['x-severity'] ?? 'error')]);
    if (typeof o['x-checkedBy'] === 'string')
      pairs.push([o['x-checkedBy'], RULES.find((r) => r.id === o['x-checkedBy'])?.severity ?? '?']);
    for (const v of Object.values(o)) walk(v);
  };
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')))
    walk(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  assert.ok(pairs.length > 10, 'the walk finds the schemas');
  for (const [id, severity] of pairs) {
    const rule = RULES.find((r) => r.id === id);
    assert.ok(rule, `${id} is not a catalog id`);
    assert.ok((rule.severities as string[]).includes(severity), `${id} is not stated at ${severity}`);
  }
});

// The rule catalog: public ids of our checks, default severities, one-line summaries and doc links.
// Ids are stable public names (see docs/rules.md); a rename needs a new id plus an alias.
import type { Severity } from './types';

export interface RuleInfo {
  id: string;
  severity: Severity;
  summary: string;
  /** Off unless the user turns it on. */
  offByDefault?: boolean;
}

const R = (id: string, severity: Severity, summary: string, offByDefault?: boolean): RuleInfo => ({
  id,
  severity,
  summary,
  offByDefault,
});

export const RULES: readonly RuleInfo[] = [
  R(
    'yaml/syntax',
    'error',
    'A YAML document the checker reads is not valid YAML. It reads the documents that mention NetworkAttachmentDefinition, CephCluster, CephBlockPool, cephClusterSpec, the k8s.v1.cni.cncf.io/networks or v1.multus-cni.io/default-network annotation, a KubeVirt networkName, or a resource an operator renders NADs from (SriovNetwork, MacvlanNetwork, SpiderMultusConfig, UserDefinedNetwork, additionalNetworks, …); the others are not parsed.',
  ),
  R(
    'yaml/template',
    'info',
    'A Go-templated file (e.g. a Helm chart template) that is not YAML even with its template actions masked: the documents that do not parse are not checked; check the rendered output. At most one per file, never yaml/syntax.',
  ),
  R('yaml/too-large', 'info', 'The file is over the size limit and is not checked.'),
  R(
    'yaml/alias-limit',
    'error',
    'Alias expansion exceeds the limit (alias bomb); that document is not checked further.',
  ),
  R(
    'yaml/limit',
    'info',
    'A structural limit (documents per file, line length, nesting depth) was exceeded; the rest is skipped.',
  ),
  R(
    'yaml/indentation',
    'info',
    'A multi-line quoted string is indented no deeper than its key: Kubernetes accepts it, strict YAML parsers do not.',
  ),
  R(
    'k8s/schema',
    'error',
    'A NAD or CephCluster field has the wrong YAML type or an unknown enum value per its CRD schema.',
  ),
  R('nad/config-not-string', 'error', '`spec.config` is a mapping or sequence, not a string.'),
  R('nad/config-empty', 'info', 'No `spec.config`: Multus reads a CNI file named after the NAD on each node.'),
  R(
    'nad/config-placeholder',
    'info',
    '`spec.config` is only a placeholder (e.g. `CHANGEME`, `<your-config>`, `${NAD_CONFIG}`): nothing to check until it is filled in.',
  ),
  R('nad/invalid-name', 'error', '`metadata.name` is not a DNS-1123 subdomain.'),
  R(
    'nad/name-portability',
    'warning',
    'The NAD name has a `.` or starts with `0`: the admission webhook and the annotation short form reject it.',
  ),
  R('nad/name-mismatch', 'hint', 'The config `name` differs from `metadata.name`.'),
  R(
    'nad/duplicate',
    'error',
    'Two NADs with the same namespace/name: an error within one file (only the last is applied), a warning across files (they may be alternatives, e.g. overlays).',
  ),
  R('nad/unused', 'hint', 'No CephCluster selector or pod annotation refers to this NAD.', true),
  R('json/syntax', 'error', '`spec.config` is not strict JSON.'),
  R('json/duplicate-key', 'warning', 'A key appears twice in one JSON object; Go keeps the last one.'),
  R('json/not-object', 'error', 'The top-level JSON value is not an object.'),
  R('cni/missing-cniVersion', 'warning', 'No `cniVersion`: plugins fall back to 0.1.0.'),
  R('cni/unsupported-cniVersion', 'error', '`cniVersion` is not a released CNI spec version.'),
  R('cni/version-too-old', 'error', 'The declared version is below what a plugin or feature needs.'),
  R('cni/version-too-new', 'warning', '`1.1.0` while a plugin in use stops at 1.0.0.'),
  R('cni/missing-type', 'error', 'A config or plugin entry without `type`.'),
  R('cni/type-and-plugins', 'warning', 'Both a top-level `type` and `plugins`: Multus ignores the list.'),
  R('cni/empty-plugins', 'error', '`plugins` is empty or not an array.'),
  R('cni/invalid-name', 'error', 'The config `name` has characters CNI rejects, or is not a string.'),
  R('cni/list-name-missing', 'warning', 'A `plugins` list without a top-level `name`.'),
  R(
    'cni/type-near-miss',
    'error',
    'The plugin `type` is a letter-case variant of a known plugin, or one edit away from a known name of five or more letters: no binary has that name, so the pod fails.',
  ),
  R(
    'cni/unknown-type',
    'warning',
    '`type` is not a known CNI plugin but close to one (or is an IPAM plugin, or a path).',
  ),
  R('cni/unlisted-type', 'info', '`type` is a plugin we do not know: its fields are not checked.'),
  R('cni/unknown-field', 'warning', 'A field the plugin does not have; Go ignores it silently.'),
  R('cni/reserved-key', 'warning', 'A key the runtime produces (`runtimeConfig`, `prevResult`, `args`, `cni.dev/*`).'),
  R('cni/field-type', 'error', 'A field has the wrong JSON type; the plugin fails to decode the config.'),
  R(
    'cni/number-format',
    'error',
    'A whole number written as a float (1500.0) or with an exponent (15e2) where the plugin reads an integer: Go refuses to decode it.',
  ),
  R('cni/invalid-value', 'error', 'A value outside its allowed set or range.'),
  R(
    'cni/mtu-range',
    'error',
    'An MTU above 65535, the largest Linux accepts: the interface cannot be created on any node.',
  ),
  R('cni/missing-field', 'error', 'A field the plugin requires is missing.'),
  R('cni/conflicting-fields', 'error', 'Fields that exclude each other.'),
  R('cni/host-device-selector', 'error', '`host-device` without a device selector (or with several).'),
  R('cni/default-master', 'info', '`macvlan`/`ipvlan` without `master` uses the default-route interface.'),
  R('cni/chain-order', 'error', 'A chained-only plugin is used alone or first in `plugins`.'),
  R('cni/capability-missing', 'warning', '`portmap`/`bandwidth` without the matching capability.'),
  R('ipam/missing', 'error', 'A plugin that needs addresses has no IPAM.'),
  R(
    'ipam/type-near-miss',
    'error',
    '`ipam.type` is a letter-case variant of a known IPAM plugin, or one edit away from a known name of five or more letters.',
  ),
  R('ipam/unknown-type', 'warning', '`ipam.type` is not a known IPAM plugin but close to one (or is a main plugin).'),
  R('ipam/unlisted-type', 'info', '`ipam.type` is an IPAM plugin we do not know: its settings are not checked.'),
  R('ipam/invalid-cidr', 'error', 'A subnet, range, address or exclude is not valid notation.'),
  R('ipam/host-bits', 'error', 'A subnet has host bits set.'),
  R('ipam/subnet-too-small', 'error', 'A host-local subnet of /31 or /32 (/127, /128).'),
  R('ipam/range-bounds', 'error', 'A range start/end lies outside its subnet, or start > end.'),
  R('ipam/range-overlap', 'error', 'host-local ranges overlap or mix families in one set.'),
  R('ipam/gateway-outside', 'warning', 'A gateway lies outside its subnet.'),
  R('ipam/exclude-outside', 'warning', 'A whereabouts `exclude` lies outside `range`.'),
  R('ipam/exclude-ignored', 'warning', 'A whereabouts top-level `exclude` while only `ipRanges` is used.'),
  R('ipam/no-range', 'error', 'An IPAM config without any range.'),
  R('ipam/mixed-family', 'error', 'IPv4 and IPv6 mixed in one range, its bounds or gateway.'),
  R('ipam/dhcp-daemon', 'info', '`dhcp` needs the CNI DHCP daemon on every node.'),
  R('ipam/dhcp-ipvlan', 'warning', '`ipvlan` with `dhcp`: leases collide on the shared MAC.'),
  R('rook/unknown-provider', 'error', '`network.provider` is not `""`, `host` or `multus`.'),
  R('rook/multus-without-selectors', 'error', 'Provider `multus` without selectors.'),
  R('rook/selectors-without-multus', 'warning', '`selectors` while the provider is not `multus`.'),
  R('rook/unknown-selector-key', 'warning', 'A selector key other than `public` or `cluster`.'),
  R('rook/invalid-selector', 'error', 'A selector value does not parse.'),
  R('rook/unknown-field', 'warning', 'An unknown key directly under `spec.network`.'),
  R('rook/host-network-conflict', 'error', '`hostNetwork: true` together with a provider.'),
  R('rook/host-network-legacy', 'info', '`hostNetwork: true` is the legacy spelling of `provider: host`.'),
  R('rook/address-range-invalid', 'error', 'An `addressRanges` entry is not a valid CIDR.'),
  R('rook/address-ranges-wrong-provider', 'error', '`addressRanges` without a provider.'),
  R('rook/address-range-without-selection', 'error', '`addressRanges` for a network that has no selector.'),
  R('rook/ip-family', 'error', '`ipFamily` is not `IPv4` or `IPv6`.'),
  R('rook/mcs-missing-cluster-id', 'warning', '`multiClusterService.enabled` without `clusterID`.'),
  R('rook/msgr2-kernel', 'info', 'msgr2-only settings need kernel ≥ 5.11 for kernel clients.'),
  R(
    'rook/unknown-chart-key',
    'warning',
    'A top-level key of rook-ceph-cluster chart values (in a Flux HelmRelease, Argo CD Application or kustomize helmCharts naming the chart) that the chart does not read, e.g. `network` beside `cephClusterSpec` instead of inside it: the chart ignores it.',
  ),
  R(
    'rook/selector-not-found',
    'warning',
    'No NAD with that namespace/name in the workspace. Info instead when the workspace holds no NAD at all (declare NADs that live elsewhere under externalNetworks in .multus-networks.yaml).',
  ),
  R('rook/selector-namespace', 'warning', 'The NAD exists only in another namespace.'),
  R('rook/same-network', 'warning', '`public` and `cluster` resolve to the same network.'),
  R('rook/nad-no-ipam', 'error', 'A selected NAD gives no IP address.'),
  R('rook/nad-ipam-per-node', 'warning', 'A selected NAD uses host-local or static IPAM.'),
  R('rook/nad-unreadable-range', 'error', "Rook ≤ 1.12.3 cannot read the selected NAD's range."),
  R('rook/address-range-mismatch', 'warning', "The selected NAD's range is outside the matching `addressRanges`."),
  R('rook/ip-family-mismatch', 'warning', 'A range of the IP family Ceph does not bind.'),
  R('rook/public-no-node-route', 'info', 'The public NAD has no route toward the node network.'),
  R(
    'ref/annotation-syntax',
    'error',
    'A pod networks or default-network annotation, or a KubeVirt multus networkName, does not parse.',
  ),
  R(
    'ref/nad-not-found',
    'warning',
    'An annotation or a KubeVirt networkName names a NAD that neither a manifest nor an operator resource in the workspace provides. Info instead when the workspace holds no NAD at all (see externalNetworks).',
  ),
  R(
    'ref/namespace-in-name',
    'error',
    'A JSON network selection (annotation or Rook selector) writes "name": "ns/net": Multus does not split it there, so no NAD matches. Use "namespace" and "name".',
  ),
  R(
    'config/invalid',
    'error',
    'The configuration file (.multus-networks.yaml) is not valid YAML, or a setting in it has a wrong type or value (e.g. rookVersion "banana"); that setting is not applied. The CLI stops with exit status 2.',
  ),
  R('config/unknown-key', 'warning', 'A key the configuration file does not have (a misspelt setting); it is ignored.'),
  R(
    'config/unknown-rule',
    'warning',
    "A rule id in the configuration file's rules that is not one of ours (a misspelt id); it does nothing.",
  ),
  R('internal/error', 'info', 'A check failed internally; the rest of the file was still checked.'),
];

const byId = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}

export const DOCS_BASE = 'https://github.com/multus-networks/multus-networks/blob/main/docs/rules.md';

/** Anchor of a rule's section in docs/rules.md (GitHub's heading slug of the backticked id). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, '');
}

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}#${ruleAnchor(id)}`;
}

// The rule catalog: the public ids of our checks, every severity each can be reported at, one-line
// summaries and doc links. Ids are stable public names (see docs/rules.md); a rename needs a new id
// plus an alias. `RuleId` is derived from this table, so a misspelt id anywhere fails `tsc`.
//
// Adding a rule:
//   1. Add an entry below: `severity` is the default (SARIF defaultConfiguration, the docs' headline);
//      list in `also` every other severity an emitter can report it at (the types enforce this for
//      typed emitters; test/unit/ruleCatalog.test.ts needs a trigger for each severity).
//   2. Emit it with a literal id (`code: 'family/name'` or `f.error('family/name', ...)`) from a check
//      in server/src/core, so `npm run docs:rules` can list the file under "Where it is checked".
//   3. Add a trigger (one per severity) and a near miss to test/unit/ruleCatalog.test.ts.
//   4. Run `npm run docs:rules` and commit docs/rules.md.
// This file imports nothing: it is the bottom of the core's layer order.

/** Severity of a finding (LSP's four levels). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

interface RuleSpec {
  /** The default severity. */
  readonly severity: Severity;
  /** Other severities the checks report this rule at, depending on the case. */
  readonly also?: readonly Severity[];
  readonly summary: string;
  /** Off unless the user turns it on. */
  readonly offByDefault?: boolean;
}

const CATALOG = {
  'yaml/syntax': {
    severity: 'error',
    summary:
      'A YAML document the checker reads is not valid YAML. It reads the documents that mention NetworkAttachmentDefinition (or the k8s.cni.cncf.io API group), CephCluster, CephBlockPool, cephClusterSpec, the k8s.v1.cni.cncf.io/networks or v1.multus-cni.io/default-network annotation, a KubeVirt networkName, or a resource an operator renders NADs from (SriovNetwork, MacvlanNetwork, SpiderMultusConfig, UserDefinedNetwork, additionalNetworks, …) or a Spiderpool SpiderIPPool (and kustomization.yaml files, read for what they gather); the others are not parsed.',
  },
  'yaml/template': {
    severity: 'info',
    summary:
      'A Go-templated file (e.g. a Helm chart template) that is not YAML even with its template actions masked: the documents that do not parse are not checked; check the rendered output. At most one per file, never yaml/syntax.',
  },
  'yaml/too-large': { severity: 'info', summary: 'The file is over the size limit and is not checked.' },
  'yaml/alias-limit': {
    severity: 'error',
    summary: 'Alias expansion exceeds the limit (alias bomb); that document is not checked further.',
  },
  'yaml/limit': {
    severity: 'info',
    summary: 'A structural limit (documents per file, line length, nesting depth) was exceeded; the rest is skipped.',
  },
  'yaml/indentation': {
    severity: 'info',
    summary:
      'A multi-line quoted string is indented no deeper than its key: Kubernetes accepts it, strict YAML parsers do not.',
  },
  'k8s/schema': {
    severity: 'error',
    summary:
      'A field of a NAD, a CephCluster or an operator resource that renders NADs (e.g. the ipam of a SriovNetwork) has the wrong YAML type or an unknown enum value per its CRD schema.',
  },
  'k8s/kind-near-miss': {
    severity: 'error',
    summary:
      'A kind one slip away from NetworkAttachmentDefinition, CephCluster or CephBlockPool: the API server has no such kind ("no matches for kind"), and the object would be skipped silently.',
  },
  'k8s/unknown-field': {
    severity: 'error',
    summary:
      'A key at the top of a NAD, CephCluster or CephBlockPool (or under a NAD spec) that the API server does not know: strict field validation rejects the object.',
  },
  'nad/config-not-string': { severity: 'error', summary: '`spec.config` is a mapping or sequence, not a string.' },
  'nad/config-empty': {
    severity: 'info',
    summary: 'No `spec.config`: Multus reads a CNI file named after the NAD on each node.',
  },
  'nad/config-placeholder': {
    severity: 'info',
    summary:
      '`spec.config` is only a placeholder (e.g. `CHANGEME`, `<your-config>`, `${NAD_CONFIG}`): nothing to check until it is filled in.',
  },
  'nad/invalid-name': { severity: 'error', summary: '`metadata.name` is not a DNS-1123 subdomain.' },
  'nad/name-portability': {
    severity: 'warning',
    summary:
      'The NAD name has a `.` or starts with `0`: the admission webhook and the annotation short form reject it.',
  },
  'nad/name-mismatch': { severity: 'hint', summary: 'The config `name` differs from `metadata.name`.' },
  'nad/duplicate': {
    severity: 'error',
    also: ['warning'],
    summary:
      'Two NADs with the same namespace/name: an error within one file (only the last is applied) and across files one kustomization gathers (kustomize refuses two resources with one id); a warning across files of one folder without a kustomization when their configs differ (applied together, the last wins; an identical copy replaces the NAD with itself). Files in different folders, and variants that different kustomizations (overlays) gather, are alternatives and are not compared.',
  },
  'nad/operator-quote': {
    severity: 'error',
    summary:
      "A single quote (') in a field that the SR-IOV Network Operator or the NVIDIA Network Operator pastes into its NAD template (spec.ipam, spec.metaPlugins, spec.capabilities, logFile, master, …): the template writes the config as a single-quoted YAML string, so the quote ends it, the NAD the operator renders is not valid YAML, and no NAD is created. Remove the quote (JSON strings use double quotes).",
  },
  'nad/unused': {
    severity: 'hint',
    offByDefault: true,
    summary: 'No CephCluster selector or pod annotation refers to this NAD.',
  },
  'json/syntax': { severity: 'error', summary: '`spec.config` is not strict JSON.' },
  'json/duplicate-key': {
    severity: 'warning',
    summary: 'A key appears twice in one JSON object; Go keeps the last one.',
  },
  'json/not-object': { severity: 'error', summary: 'The top-level JSON value is not an object.' },
  'cni/missing-cniVersion': { severity: 'warning', summary: 'No `cniVersion`: plugins fall back to 0.1.0.' },
  'cni/unsupported-cniVersion': {
    severity: 'error',
    also: ['warning'],
    summary: '`cniVersion` is not a released CNI spec version.',
  },
  'cni/version-too-old': {
    severity: 'error',
    also: ['warning'],
    summary: 'The declared version is below what a plugin or feature needs.',
  },
  'cni/version-too-new': { severity: 'warning', summary: '`1.1.0` while a plugin in use stops at 1.0.0.' },
  'cni/missing-type': { severity: 'error', summary: 'A config or plugin entry without `type`.' },
  'cni/type-and-plugins': {
    severity: 'warning',
    summary: 'Both a top-level `type` and `plugins`: Multus ignores the list.',
  },
  'cni/empty-plugins': { severity: 'error', summary: '`plugins` is empty or not an array.' },
  'cni/invalid-name': {
    severity: 'error',
    summary: 'The config `name` has characters CNI rejects, or is not a string.',
  },
  'cni/list-name-missing': { severity: 'warning', summary: 'A `plugins` list without a top-level `name`.' },
  'cni/type-near-miss': {
    severity: 'error',
    summary:
      'The plugin `type` is a letter-case variant of a known plugin, or one edit away from a known name of five or more letters: no binary has that name, so the pod fails.',
  },
  'cni/unknown-type': {
    severity: 'warning',
    also: ['error'],
    summary: '`type` is not a known CNI plugin but close to one (or is an IPAM plugin, or a path).',
  },
  'cni/unlisted-type': { severity: 'info', summary: '`type` is a plugin we do not know: its fields are not checked.' },
  'cni/unknown-field': {
    severity: 'warning',
    also: ['hint'],
    summary: 'A field the plugin does not have; Go ignores it silently.',
  },
  'cni/reserved-key': {
    severity: 'warning',
    summary: 'A key the runtime produces (`runtimeConfig`, `prevResult`, `args`, `cni.dev/*`).',
  },
  'cni/field-type': {
    severity: 'error',
    summary: 'A field has the wrong JSON type; the plugin fails to decode the config.',
  },
  'cni/number-format': {
    severity: 'error',
    summary:
      'A whole number written as a float (1500.0) or with an exponent (15e2) where the plugin reads an integer: Go refuses to decode it.',
  },
  'cni/invalid-value': { severity: 'error', also: ['warning'], summary: 'A value outside its allowed set or range.' },
  'cni/mtu-range': {
    severity: 'error',
    summary: 'An MTU above 65535, the largest Linux accepts: the interface cannot be created on any node.',
  },
  'cni/missing-field': { severity: 'error', summary: 'A field the plugin requires is missing.' },
  'cni/conflicting-fields': { severity: 'error', summary: 'Fields that exclude each other.' },
  'cni/host-device-selector': {
    severity: 'error',
    also: ['warning'],
    summary: '`host-device` without a device selector (or with several).',
  },
  'cni/default-master': {
    severity: 'info',
    summary: '`macvlan`/`ipvlan` without `master` uses the default-route interface.',
  },
  'cni/chain-order': {
    severity: 'error',
    also: ['warning'],
    summary: 'A chained-only plugin is used alone or first in `plugins`.',
  },
  'cni/capability-missing': { severity: 'warning', summary: '`portmap`/`bandwidth` without the matching capability.' },
  'ipam/missing': {
    severity: 'error',
    also: ['warning', 'info'],
    summary: 'A plugin that needs addresses has no IPAM.',
  },
  'ipam/type-near-miss': {
    severity: 'error',
    summary:
      '`ipam.type` is a letter-case variant of a known IPAM plugin, or one edit away from a known name of five or more letters.',
  },
  'ipam/unknown-type': {
    severity: 'warning',
    summary: '`ipam.type` is not a known IPAM plugin but close to one (or is a main plugin).',
  },
  'ipam/unlisted-type': {
    severity: 'info',
    summary: '`ipam.type` is an IPAM plugin we do not know: its settings are not checked.',
  },
  'ipam/invalid-cidr': {
    severity: 'error',
    also: ['warning'],
    summary: 'A subnet, range, address or exclude is not valid notation.',
  },
  'ipam/host-bits': { severity: 'error', also: ['warning'], summary: 'A subnet has host bits set.' },
  'ipam/subnet-too-small': { severity: 'error', summary: 'A host-local subnet of /31 or /32 (/127, /128).' },
  'ipam/range-bounds': {
    severity: 'error',
    also: ['warning'],
    summary: 'A range start/end lies outside its subnet, or start > end.',
  },
  'ipam/range-overlap': { severity: 'error', summary: 'host-local ranges overlap or mix families in one set.' },
  'ipam/gateway-outside': { severity: 'warning', also: ['error'], summary: 'A gateway lies outside its subnet.' },
  'ipam/exclude-outside': { severity: 'warning', summary: 'A whereabouts `exclude` lies outside `range`.' },
  'ipam/exclude-ignored': {
    severity: 'warning',
    summary: 'A whereabouts top-level `exclude` while only `ipRanges` is used.',
  },
  'ipam/no-range': { severity: 'error', summary: 'An IPAM config without any range.' },
  'ipam/mixed-family': {
    severity: 'error',
    also: ['warning'],
    summary: 'IPv4 and IPv6 mixed in one range, its bounds or gateway.',
  },
  'ipam/dhcp-daemon': { severity: 'info', summary: '`dhcp` needs the CNI DHCP daemon on every node.' },
  'ipam/dhcp-ipvlan': { severity: 'warning', summary: '`ipvlan` with `dhcp`: leases collide on the shared MAC.' },
  'rook/unknown-provider': { severity: 'error', summary: '`network.provider` is not `""`, `host` or `multus`.' },
  'rook/multus-without-selectors': {
    severity: 'error',
    also: ['warning'],
    summary: 'Provider `multus` without selectors.',
  },
  'rook/selectors-without-multus': { severity: 'warning', summary: '`selectors` while the provider is not `multus`.' },
  'rook/unknown-selector-key': { severity: 'warning', summary: 'A selector key other than `public` or `cluster`.' },
  'rook/invalid-selector': { severity: 'error', summary: 'A selector value does not parse.' },
  'rook/unknown-field': { severity: 'warning', summary: 'An unknown key directly under `spec.network`.' },
  'rook/host-network-conflict': {
    severity: 'error',
    also: ['warning'],
    summary: '`hostNetwork: true` together with a provider.',
  },
  'rook/host-network-legacy': {
    severity: 'info',
    summary: '`hostNetwork: true` is the legacy spelling of `provider: host`.',
  },
  'rook/address-range-invalid': { severity: 'error', summary: 'An `addressRanges` entry is not a valid CIDR.' },
  'rook/address-ranges-wrong-provider': { severity: 'error', summary: '`addressRanges` without a provider.' },
  'rook/address-range-without-selection': {
    severity: 'error',
    summary: '`addressRanges` for a network that has no selector.',
  },
  'rook/ip-family': { severity: 'error', summary: '`ipFamily` is not `IPv4` or `IPv6`.' },
  'rook/mcs-missing-cluster-id': { severity: 'warning', summary: '`multiClusterService.enabled` without `clusterID`.' },
  'rook/msgr2-kernel': { severity: 'info', summary: 'msgr2-only settings need kernel ≥ 5.11 for kernel clients.' },
  'rook/unknown-chart-key': {
    severity: 'warning',
    summary:
      'A top-level key of rook-ceph-cluster chart values (in a Flux HelmRelease, Argo CD Application or kustomize helmCharts naming the chart) that the chart does not read, e.g. `network` beside `cephClusterSpec` instead of inside it: the chart ignores it.',
  },
  'rook/selector-not-found': {
    severity: 'warning',
    also: ['info'],
    summary:
      'No NAD with that namespace/name in the workspace. Info instead when the workspace holds no NAD at all (declare NADs that live elsewhere under externalNetworks in .multus-networks.yaml).',
  },
  'rook/duplicate-cluster': {
    severity: 'error',
    also: ['warning'],
    summary:
      "Two CephClusters in one file land in one namespace: an error when they also have the same name (applying the file keeps only the last), a warning when the names differ (Rook supports one CephCluster per namespace). Files of one folder are alternatives (Rook's own examples) and are not compared.",
  },
  'rook/selector-namespace': { severity: 'warning', summary: 'The NAD exists only in another namespace.' },
  'rook/same-network': { severity: 'warning', summary: '`public` and `cluster` resolve to the same network.' },
  'rook/nad-no-ipam': { severity: 'error', summary: 'A selected NAD gives no IP address.' },
  'rook/nad-ipam-per-node': { severity: 'warning', summary: 'A selected NAD uses host-local or static IPAM.' },
  'rook/nad-unreadable-range': { severity: 'error', summary: "Rook ≤ 1.12.3 cannot read the selected NAD's range." },
  'rook/address-range-mismatch': {
    severity: 'warning',
    summary: "The selected NAD's range is outside the matching `addressRanges`.",
  },
  'rook/ip-family-mismatch': { severity: 'warning', summary: 'A range of the IP family Ceph does not bind.' },
  'rook/public-no-node-route': { severity: 'info', summary: 'The public NAD has no route toward the node network.' },
  'ref/annotation-syntax': {
    severity: 'error',
    summary: 'A pod networks or default-network annotation, or a KubeVirt multus networkName, does not parse.',
  },
  'ref/nad-not-found': {
    severity: 'warning',
    also: ['info'],
    summary:
      'An annotation or a KubeVirt networkName names a NAD that neither a manifest nor an operator resource in the workspace provides. Info instead when the workspace holds no NAD at all (see externalNetworks).',
  },
  'ref/namespace-in-name': {
    severity: 'error',
    summary:
      'A JSON network selection (annotation or Rook selector) writes "name": "ns/net": Multus does not split it there, so no NAD matches. Use "namespace" and "name".',
  },
  'config/invalid': {
    severity: 'error',
    summary:
      'The configuration file (.multus-networks.yaml) is not valid YAML, or a setting in it has a wrong type or value (e.g. rookVersion "banana"); that setting is not applied. The CLI stops with exit status 2.',
  },
  'config/unknown-key': {
    severity: 'warning',
    summary: 'A key the configuration file does not have (a misspelt setting); it is ignored.',
  },
  'config/unknown-rule': {
    severity: 'warning',
    summary: "A rule id in the configuration file's rules that is not one of ours (a misspelt id); it does nothing.",
  },
  'comment/unknown-rule': {
    severity: 'warning',
    summary:
      'A multus-networks-disable comment names a rule id that is not one of ours (a misspelt id): it silences nothing for it.',
  },
  'internal/error': { severity: 'info', summary: 'A check failed internally; the rest of the file was still checked.' },
} as const satisfies Record<string, RuleSpec>;

type Catalog = typeof CATALOG;

/** A rule id of the catalog, e.g. 'cni/unknown-field'. */
export type RuleId = keyof Catalog;

/** Every severity rule `C` can be reported at (before the user's settings). */
export type RuleSeverity<C extends RuleId> =
  Catalog[C]['severity'] | (Catalog[C] extends { also: readonly (infer S)[] } ? S : never);

/** The ids that can be reported at severity `S`. */
export type RuleAt<S extends Severity> = { [C in RuleId]: S extends RuleSeverity<C> ? C : never }[RuleId];

export interface RuleInfo {
  id: RuleId;
  /** The default severity. */
  severity: Severity;
  /** Every severity the rule can be reported at, the default first. */
  severities: readonly Severity[];
  summary: string;
  /** Off unless the user turns it on. */
  offByDefault?: boolean;
}

export const RULES: readonly RuleInfo[] = Object.entries(CATALOG).map(([id, spec]: [string, RuleSpec]) => ({
  id: id as RuleId,
  severity: spec.severity,
  severities: [spec.severity, ...(spec.also ?? [])],
  summary: spec.summary,
  ...(spec.offByDefault ? { offByDefault: true } : {}),
}));

const byId = new Map<string, RuleInfo>(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}

/** Narrows an id from outside the type system (settings, comments, schemas) to a catalog id. */
export function isRuleId(id: string): id is RuleId {
  return byId.has(id);
}

export const DOCS_BASE = 'https://github.com/multus-networks/multus-networks/blob/main/docs/rules.md';

/** Anchor of a rule's section in docs/rules.md (GitHub's heading slug of the backticked id). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, '');
}

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}#${ruleAnchor(id)}`;
}

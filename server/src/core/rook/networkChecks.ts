// File-local checks of a CephCluster's network spec (and Helm values' cephClusterSpec.network):
// the rook/ rules that need nothing but the spec itself, plus k8s/schema for wrong YAML types.
import { isMap, isScalar, Node, Pair, YAMLMap } from 'yaml';
import type { FileAnalysis } from '../analyze';
import { fileRefs, SELECTOR_KEYS } from '../ref/fileRefs';
import { closest } from '../text/suggest';
import type { Settings } from '../settings';
import type { RuleId, RuleSeverity } from '../rules';
import { problem } from '../types';
import { mapGet } from '../yaml/yamlFile';
import { checkNetworkSchema } from './networkSchema';
import { IP_FAMILIES, keySpan, networkView, NetworkView, PROVIDERS, selectionOf, span } from './networkView';
import { atLeast, atMost } from './version';

/** Fields of spec.network and of its sub-objects, per Rook's CRD. */
const FIELDS: Record<string, string[]> = {
  '': [
    'addressRanges',
    'connections',
    'dualStack',
    'hostNetwork',
    'ipFamily',
    'multiClusterService',
    'provider',
    'selectors',
  ],
  addressRanges: ['cluster', 'public'],
  connections: ['compression', 'encryption', 'requireMsgr2'],
  'connections.compression': ['enabled'],
  'connections.encryption': ['enabled'],
  multiClusterService: ['clusterID', 'enabled'],
};

export function checkClusterNetworks(analysis: FileAnalysis, settings: Settings): void {
  const problems = analysis.problems;
  for (const cluster of analysis.objects.clusters) {
    const network = cluster.networkNode;
    if (!network) continue;
    const path = cluster.source === 'helm' ? 'cephClusterSpec.network' : 'spec.network';
    checkNetworkSchema(network, cluster.doc, path, problems);
    const v = networkView(cluster);
    if (!v) continue;
    const add: Add = (code, severity, at, message, data) => {
      const [start, end] = at ?? cluster.anchor;
      problems.push(problem(code, severity, { message, start, end, ...(data ? { data } : {}) }));
    };
    unknownFields(v, add);
    provider(v, settings, add);
    selectors(v, settings, add);
    for (const site of fileRefs(analysis).sites) {
      if (site.cluster !== cluster || !(SELECTOR_KEYS as readonly string[]).includes(site.selectorKey ?? '')) continue;
      for (const e of site.errors)
        add(
          e.code ?? 'rook/invalid-selector',
          'error',
          [e.start, e.end],
          `Selector ${site.selectorKey}: ${e.message}`,
          e.fix ? { fix: e.fix } : undefined,
        );
    }
    addressRanges(v, add);
    ipFamily(v, add);
    multiCluster(v, add);
    msgr2(v, add);
  }
}

type Add = <C extends RuleId>(
  code: C,
  severity: RuleSeverity<C>,
  at: [number, number] | undefined,
  message: string,
  data?: Record<string, unknown>,
) => void;

function unknownFields(v: NetworkView, add: Add): void {
  const walk = (map: YAMLMap<Node, Node>, sub: string) => {
    const known = FIELDS[sub];
    for (const pair of map.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') continue;
      const name = key.value;
      const childPath = sub ? `${sub}.${name}` : name;
      if (known.includes(name)) {
        const child = mapGet(map, name, v.doc);
        if (FIELDS[childPath] && isMap(child)) walk(child as YAMLMap<Node, Node>, childPath);
        continue;
      }
      const where = sub ? `${v.path}.${sub}` : v.path;
      const suggestion = closest(name, known, 1)[0];
      const belongsAbove =
        sub && FIELDS[''].includes(name) ? ` The field ${name} belongs directly under ${v.path}.` : '';
      const effect = sub
        ? 'The API server drops unknown fields here (pruning), so this setting has no effect.'
        : 'The CRD keeps unknown fields under network, so nothing rejects it, and Rook ignores it.';
      add(
        'rook/unknown-field',
        'warning',
        span(key),
        `"${name}" is not a field of ${where}. ${effect}${belongsAbove}${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        suggestion ? { suggestion } : undefined,
      );
    }
  };
  walk(v.map, '');
}

function provider(v: NetworkView, settings: Settings, add: Add): void {
  if (v.provider !== undefined && !v.providerValid) {
    const suggestion = PROVIDERS.find((p) => p !== '' && p === v.provider!.trim().toLowerCase());
    add(
      'rook/unknown-provider',
      'error',
      span(v.providerNode),
      `Network provider "${v.provider}" is not one Rook knows: use "host", "multus", or "" (the cluster's pod network).${suggestion ? ` Did you mean "${suggestion}"? Values are case-sensitive.` : ''}`,
      suggestion ? { suggestion } : undefined,
    );
  }
  if (v.hostNetwork) {
    const value = span(mapGet(v.map, 'hostNetwork', v.doc));
    if (v.provider) {
      const rejected = atLeast(settings.rookVersion, '1.13.5');
      add(
        'rook/host-network-conflict',
        rejected ? 'error' : 'warning',
        value,
        rejected
          ? `hostNetwork: true together with provider: ${v.provider}: the CRD (Rook ≥ 1.13.5) rejects the CephCluster. Remove hostNetwork and keep the provider.`
          : `hostNetwork: true together with provider: ${v.provider} is ambiguous, and Rook ≥ 1.13.5 rejects it. Remove hostNetwork and keep the provider.`,
        { fix: 'remove-hostNetwork' },
      );
    } else {
      add(
        'rook/host-network-legacy',
        'info',
        keySpan(v.hostNetworkPair),
        'hostNetwork: true is the legacy spelling of provider: host; prefer the provider.',
        { fix: 'provider-host' },
      );
    }
  }
}

function selectors(v: NetworkView, settings: Settings, add: Add): void {
  const items = v.selectors?.items ?? [];
  const raw = v.selectorsPair?.value;
  const selectorsAbsent =
    !raw || (isScalar(raw) && raw.value === null) || (v.selectors !== undefined && items.length === 0);
  if (v.provider === 'multus') {
    if (selectorsAbsent) {
      add(
        'rook/multus-without-selectors',
        'error',
        span(v.providerNode),
        'Provider "multus" needs selectors with a public and/or cluster NetworkAttachmentDefinition; the CRD rejects absent or empty selectors.',
      );
    } else if (v.selectors && !SELECTOR_KEYS.some((k) => selectionOf(v, k))) {
      const old = atMost(settings.rookVersion, '1.12.3');
      add(
        'rook/multus-without-selectors',
        old ? 'error' : 'warning',
        keySpan(v.selectorsPair),
        old
          ? 'Provider "multus" but no non-empty public or cluster selector: Rook ≤ 1.12.3 refuses this CephCluster. Set public and/or cluster to a NetworkAttachmentDefinition.'
          : 'Provider "multus" but no non-empty public or cluster selector: Rook attaches no network. Set public and/or cluster to a NetworkAttachmentDefinition.',
      );
    }
  } else if (v.providerValid && v.selectors && items.length > 0) {
    add(
      'rook/selectors-without-multus',
      'warning',
      keySpan(v.selectorsPair),
      `Selectors only apply with provider: multus; with ${v.provider ? `provider "${v.provider}"` : 'no provider'} Rook ignores them. Set provider: multus or remove the selectors.`,
    );
  }
  for (const pair of items as Pair<Node, Node>[]) {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== 'string' || (SELECTOR_KEYS as readonly string[]).includes(key.value))
      continue;
    const suggestion = closest(key.value, SELECTOR_KEYS, 1)[0];
    const old = atMost(settings.rookVersion, '1.12.3');
    add(
      'rook/unknown-selector-key',
      'warning',
      span(key),
      `Selector key "${key.value}" is neither public nor cluster: ${old ? 'Rook ≤ 1.12.3 attaches it to OSD pods as an extra network but Ceph does not use it' : 'Rook ignores it, so this network is not used'}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      suggestion ? { suggestion } : undefined,
    );
  }
}

function addressRanges(v: NetworkView, add: Add): void {
  let any = false;
  for (const key of SELECTOR_KEYS) {
    const { entries, pair } = v.addressRanges[key];
    if (entries.length) any = true;
    for (const e of entries) {
      if (e.text === undefined) continue;
      if (e.patternFails) {
        const hint = /^[0-9a-fA-F:.]{2,}$/.test(e.text.trim()) ? ' Add the prefix length, e.g. /24.' : '';
        add(
          'rook/address-range-invalid',
          'error',
          span(e.node),
          `"${e.text}" is not a CIDR: the CRD requires address/prefix (pattern ^[0-9a-fA-F:.]{2,}/[0-9]{1,3}$), so the API server rejects the CephCluster.${hint}`,
        );
      } else if (e.error) {
        add(
          'rook/address-range-invalid',
          'error',
          span(e.node),
          `"${e.text}" is not a valid CIDR: ${e.error}. The operator stops with "network ranges are invalid".`,
        );
      } else if (e.cidr && v.boundFamily && e.cidr.family !== v.boundFamily) {
        add(
          'rook/ip-family-mismatch',
          'warning',
          span(e.node),
          `"${e.text}" is an IPv${e.cidr.family} range, but Ceph binds only IPv${v.boundFamily} (${v.ipFamily ? `ipFamily: ${v.ipFamily}` : 'ipFamily defaults to IPv4'}, no dualStack). Set ipFamily or dualStack: true, or use an IPv${v.boundFamily} range.`,
        );
      }
    }
    if (v.provider === 'multus' && entries.length && !selectionOf(v, key)) {
      add(
        'rook/address-range-without-selection',
        'error',
        keySpan(pair),
        `addressRanges.${key} is set but there is no ${key} selector: Rook rejects ranges for a network that Multus does not attach. Add selectors.${key} or remove these ranges.`,
      );
    }
  }
  if (any && v.provider === '' && !v.hostNetwork) {
    add(
      'rook/address-ranges-wrong-provider',
      'error',
      keySpan(v.addressRangesPair),
      'addressRanges only apply with provider: host or provider: multus; without a provider Rook rejects them. Set the provider or remove addressRanges.',
    );
  }
}

function ipFamily(v: NetworkView, add: Add): void {
  if (v.ipFamily === undefined || (IP_FAMILIES as readonly string[]).includes(v.ipFamily)) return;
  const suggestion = IP_FAMILIES.find((f) => f.toLowerCase() === v.ipFamily!.trim().toLowerCase());
  add(
    'rook/ip-family',
    'error',
    span(v.ipFamilyNode),
    `ipFamily "${v.ipFamily}" is not valid: use exactly "IPv4" or "IPv6" (case-sensitive), or leave it out for IPv4.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    suggestion ? { suggestion } : undefined,
  );
}

function multiCluster(v: NetworkView, add: Add): void {
  const mcs = mapGet(v.map, 'multiClusterService', v.doc);
  const enabled = mapGet(mcs, 'enabled', v.doc);
  if (!isScalar(enabled) || enabled.value !== true) return;
  const idNode = mapGet(mcs, 'clusterID', v.doc);
  if (isScalar(idNode) && typeof idNode.value === 'string' && idNode.value.trim() !== '') return;
  const present = isScalar(idNode) && idNode.value !== null;
  const pair = (v.map.items as Pair<Node, Node>[]).find(
    (p) => isScalar(p.key) && p.key.value === 'multiClusterService',
  );
  add(
    'rook/mcs-missing-cluster-id',
    'warning',
    present ? span(idNode) : keySpan(pair),
    'multiClusterService.enabled: true without a clusterID: exported services are named <clusterID>.<service>.<namespace>.svc.clusterset.local, so each peer cluster needs a unique clusterID. Add one.',
  );
}

function msgr2(v: NetworkView, add: Add): void {
  const conn = mapGet(v.map, 'connections', v.doc);
  const settings: [string, Node | undefined][] = [
    ['connections.encryption.enabled', mapGet(mapGet(conn, 'encryption', v.doc), 'enabled', v.doc)],
    ['connections.compression.enabled', mapGet(mapGet(conn, 'compression', v.doc), 'enabled', v.doc)],
    ['connections.requireMsgr2', mapGet(conn, 'requireMsgr2', v.doc)],
  ];
  for (const [name, node] of settings) {
    if (!isScalar(node) || node.value !== true) continue;
    add(
      'rook/msgr2-kernel',
      'info',
      span(node),
      `${name}: true makes Ceph speak msgr2 only (port 3300): kernel RBD and CephFS clients need Linux ≥ 5.11${name.includes('encryption') ? ', and CephFS needs the mount option ms_mode=secure' : ''}. Older kernels cannot mount.`,
    );
  }
}

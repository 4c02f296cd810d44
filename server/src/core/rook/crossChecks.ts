// Cross-file checks of CephCluster selectors: each `public`/`cluster` selector resolved against the
// workspace's NADs (namespace semantics in docs/namespaces.md), then the selected NADs checked for
// what Rook needs of them. Problems sit on the selector entry and relate to the NAD's metadata.name.
import type { FileAnalysis } from '../analyze';
import { declaredHere, NadEntry, qualified } from '../index/workspaceIndex';
import { fileRefs, RefSite } from '../ref/fileRefs';
import { describeUnresolved, didYouMean, NO_NADS_ADVICE, quoted, Unresolved } from '../index/unresolved';
import type { RuleId, RuleSeverity } from '../rules';
import { problem, type Problem, type RelatedLocation } from '../types';
import type { Node } from 'yaml';
import type { Workspace } from '../workspace';
import { hasUnknown } from '../text/unknown';
import type { NadFacts, NadRange } from '../index/nadFacts';
import { cidrContains, cidrsOverlap } from '../net/ip';
import { networkView, NetworkView } from './networkView';
import { atLeast, atMost } from './version';

export function checkSelectorsAcrossFiles(analysis: FileAnalysis, workspace: Workspace, out: Problem[]): void {
  const refs = fileRefs(analysis).refs.filter((r) => r.site.origin === 'selector');
  if (!refs.length) return;
  const index = workspace.index;
  // Facts with what other files add (the ranges of SpiderIPPools a spiderpool IPAM names).
  const F = (n: NadEntry) => index.factsOf(n);
  const settings = workspace.settingsFor(analysis.uri);
  const byCluster = new Map<NetworkView, RefSite[]>();
  for (const r of refs) {
    const v = r.site.cluster && networkView(r.site.cluster);
    // Rook uses selectors only with provider multus (rook/selectors-without-multus says so otherwise).
    if (!v || v.provider !== 'multus') continue;
    // A selector that does not parse is reported as rook/invalid-selector; Rook would not use it.
    if (r.site.errors.length) continue;
    byCluster.set(v, [...(byCluster.get(v) ?? []), r]);
  }
  for (const [v, clusterRefs] of byCluster) {
    const resolved = new Map<string, { ref: RefSite; nads: NadEntry[] }>();
    for (const ref of clusterRefs) {
      const key = ref.site.selectorKey!;
      const res = index.resolve(ref);
      if (!res.candidates.length) {
        notFound(ref, describeUnresolved(ref, res, index), out);
        continue;
      }
      resolved.set(key, { ref, nads: res.candidates });
      const add = <C extends RuleId>(
        code: C,
        severity: RuleSeverity<C>,
        message: (n: NadEntry) => string,
        bad: (n: NadEntry) => boolean,
        data?: Record<string, unknown>,
      ) => {
        // With several candidates (namespace unknown), report only what holds for every one of them.
        const known = res.candidates.filter((n) => F(n).known);
        if (!known.length || known.length < res.candidates.length || !known.every(bad)) return;
        out.push(
          problem(code, severity, {
            message: message(known[0]),
            start: ref.entryStart,
            end: ref.entryEnd,
            related: known.map(declaredHere),
            ...(data ? { data } : {}),
          }),
        );
      };
      const label = (n: NadEntry) => `NetworkAttachmentDefinition "${qualified(n)}"`;
      add(
        'rook/nad-no-ipam',
        'error',
        (n) =>
          `The ${key} network's ${label(n)} has no IPAM in any plugin, so pods get no IP address on it and Ceph cannot bind. Add an "ipam" section (whereabouts is recommended).`,
        (n) => !F(n).hasIpam,
      );
      add(
        'rook/nad-ipam-per-node',
        'warning',
        (n) =>
          F(n).ipamTypes.includes('static')
            ? `The ${key} network's ${label(n)} uses "static" IPAM: every pod gets the same address. Use whereabouts, which allocates cluster-wide.`
            : `The ${key} network's ${label(n)} uses "host-local" IPAM, which is unique per node only: Ceph pods on different nodes get the same addresses. Use whereabouts, which allocates cluster-wide.`,
        (n) => F(n).ipamTypes.some((t) => t === 'host-local' || t === 'static'),
      );
      if (atMost(settings.rookVersion, '1.12.3')) {
        add(
          'rook/nad-unreadable-range',
          'error',
          (n) =>
            `Rook ${settings.rookVersion} reads the ${key} network's CIDR from the NAD and cannot read it from ${label(n)} (${unreadableReason(n)}): the operator fails with "empty subnet". Use host-local subnet/ranges, static addresses or whereabouts "range" in a single (non-list) config, or upgrade to Rook ≥ 1.12.4.`,
          (n) => F(n).hasIpam && !F(n).legacyReadableRange,
        );
      }
      const ar = v.addressRanges[key as 'public' | 'cluster'];
      const list = ar?.entries.flatMap((e) => (e.cidr ? [e.cidr] : [])) ?? [];
      // An entry from a substitution variable or template may hold the NAD's range: nothing to say.
      const unknownEntry = ar?.entries.some((e) => e.text !== undefined && hasUnknown(e.text));
      if (list.length && !unknownEntry) {
        const known = res.candidates.filter((n) => F(n).known);
        const outsideOf = (n: NadEntry) => F(n).ranges.filter((r) => !list.some((c) => cidrContains(c, r.cidr)));
        if (known.length && known.length === res.candidates.length && known.every((n) => outsideOf(n).length)) {
          const n = known[0];
          const outside = outsideOf(n).map((r) => r.network);
          // The fix goes into addressRanges: the one entry, or the list when there are several.
          const entries = ar!.entries;
          const at = entries.length === 1 ? entries[0].node.range : (ar!.pair?.key as Node | undefined)?.range;
          out.push({
            code: 'rook/address-range-mismatch',
            severity: 'warning',
            message: `addressRanges.${key} (${list.map((c) => c.text).join(', ')}) does not contain ${outside.join(', ')}, which the ${key} network's ${label(n)} hands out: Ceph daemons find no address in their ${key}_network. Make the ranges agree: for example set this to ${outside.join(', ')}, or change the NAD's range.`,
            start: at ? at[0] : ref.entryStart,
            end: at ? at[1] : ref.entryEnd,
            related: [
              ...known.flatMap((k) => rangesHere(k, outsideOf(k))),
              {
                uri: ref.site.uri,
                start: ref.entryStart,
                end: ref.entryEnd,
                message: `The ${key} selector picks ${label(n)} here`,
              },
            ],
            data: { suggestion: outside[0] },
          });
        }
      }
      if (v.boundFamily) {
        const fam = v.boundFamily;
        add(
          'rook/ip-family-mismatch',
          'warning',
          (n) =>
            `The ${key} network's ${label(n)} hands out only IPv${fam === 4 ? 6 : 4} addresses (${F(n)
              .ranges.map((r) => r.network)
              .join(
                ', ',
              )}), but Ceph binds only IPv${fam} (${v.ipFamily ? `ipFamily: ${v.ipFamily}` : 'ipFamily defaults to IPv4'}, no dualStack). Set ipFamily or dualStack, or give the NAD an IPv${fam} range.`,
          (n) => F(n).ranges.length > 0 && F(n).ranges.every((r) => r.cidr.family !== fam),
        );
      }
      if (key === 'public' && atLeast(settings.rookVersion, '1.16')) {
        add(
          'rook/public-no-node-route',
          'info',
          (n) =>
            `The public network's ${label(n)} has no IPAM "routes": since Rook 1.16 CSI pods run on the host network and must reach Ceph on the public network. Add a route toward the node network (and a matching route on the hosts).`,
          // spiderpool: routes live in the SpiderIPPool (spec.routes) and its coordinator routes to the node.
          (n) =>
            F(n).hasIpam && !F(n).ipamTypes.some((t) => t === 'dhcp' || t === 'spiderpool') && F(n).routes.length === 0,
        );
      }
    }
    sameNetwork(resolved, F, out);
  }
}

/** Where a NAD's config writes these ranges (file offsets), or where the NAD is declared. */
function rangesHere(n: NadEntry, ranges: NadRange[]): RelatedLocation[] {
  const texts = ranges.map((r) => r.text);
  const d = n.analysis.decoded;
  const summary = n.analysis.cni?.summary;
  const out: RelatedLocation[] = [];
  for (const r of ranges) {
    if (!r.source) continue;
    const { what, ...at } = r.source;
    out.push({
      ...at,
      message: `The range ${r.text} of ${what}, which NetworkAttachmentDefinition "${qualified(n)}" takes its addresses from`,
    });
  }
  if (d && summary) {
    for (const r of summary.ranges) {
      if (!texts.includes(r.cidr)) continue;
      const [start, end] = d.rangeToSource(r.start, r.end);
      out.push({
        uri: n.uri,
        start,
        end,
        message: `The range ${r.cidr} of NetworkAttachmentDefinition "${qualified(n)}"`,
      });
    }
  }
  return out.length ? out : [declaredHere(n)];
}

function sameNetwork(
  resolved: Map<string, { ref: RefSite; nads: NadEntry[] }>,
  F: (n: NadEntry) => NadFacts,
  out: Problem[],
): void {
  const pub = resolved.get('public');
  const clu = resolved.get('cluster');
  if (!pub || !clu) return;
  const shared = pub.nads.find((n) => clu.nads.includes(n));
  if (shared && pub.nads.length === 1 && clu.nads.length === 1) {
    out.push({
      code: 'rook/same-network',
      severity: 'warning',
      message: `The public and cluster selectors both select NetworkAttachmentDefinition "${qualified(shared)}": replication traffic is not separated from client traffic. Use a second NAD for the cluster network, or drop the cluster selector.`,
      start: clu.ref.entryStart,
      end: clu.ref.entryEnd,
      related: [declaredHere(shared)],
    });
    return;
  }
  if (shared) return;
  for (const a of pub.nads) {
    for (const b of clu.nads) {
      for (const ra of F(a).ranges) {
        const rb = F(b).ranges.find((r) => cidrsOverlap(ra.cidr, r.cidr));
        if (!rb) continue;
        out.push({
          code: 'rook/same-network',
          severity: 'warning',
          message: `The cluster network's NAD "${qualified(b)}" (${rb.network}) overlaps the public network's NAD "${qualified(a)}" (${ra.network}): replication traffic is not separated from client traffic. Give the two networks disjoint ranges.`,
          start: clu.ref.entryStart,
          end: clu.ref.entryEnd,
          related: [declaredHere(a), declaredHere(b)],
        });
        return;
      }
    }
  }
}

function unreadableReason(n: NadEntry): string {
  if (n.facts.isList) return 'a plugin list';
  if (n.facts.ipamTypes.includes('dhcp')) return 'dhcp IPAM';
  if (n.facts.whereaboutsIpRangesOnly) return 'whereabouts "ipRanges"';
  return `${n.facts.ipamTypes.join('/') || 'this'} IPAM without a subnet Rook reads`;
}

/** rook/selector-namespace or rook/selector-not-found, with "did you mean" data. */
function notFound(ref: RefSite, u: Unresolved, out: Problem[]): void {
  const key = ref.site.selectorKey;
  const span = { start: ref.entryStart, end: ref.entryEnd };
  if (u.kind === 'namespace') {
    out.push({
      code: 'rook/selector-namespace',
      severity: 'warning',
      message: `Selector ${key}: a bare name resolves in the CephCluster's namespace "${ref.namespace}", but NetworkAttachmentDefinition "${ref.name}" exists only in ${quoted(u.namespaces)}. Qualify it: "${u.qualified}".`,
      ...span,
      data: { qualified: u.qualified, namespaces: u.namespaces },
      related: u.related,
    });
    return;
  }
  const where = ref.namespace ? `namespace "${ref.namespace}"` : 'any namespace';
  out.push({
    code: 'rook/selector-not-found',
    severity: u.noNads ? 'info' : 'warning',
    message: u.noNads
      ? `Selector ${key}: no NetworkAttachmentDefinition "${ref.name}" in ${where} in the workspace. ${NO_NADS_ADVICE}`
      : `Selector ${key}: no NetworkAttachmentDefinition "${ref.name}" in ${where} in the workspace${didYouMean(u.suggestions)} Rook's pods stay in ContainerCreating until the NAD exists: create it (before the CephCluster) or fix the name.`,
    ...span,
    data: { suggestions: u.suggestions, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  });
}

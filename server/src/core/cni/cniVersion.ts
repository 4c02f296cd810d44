// cniVersion: is it one of the spec versions, and is it new enough (or not too new) for the
// plugins and features the config uses. A plugin rejects any version not exactly in its list;
// a missing or empty version is read as 0.1.0.
import type { Node } from 'jsonc-parser';
import type { Findings } from './findings';
import { field, items, mapEntry, type Member, openingOf, str } from './jsonNodes';

export const CNI_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];
/** The newest spec version; libcni drops `cniVersions` entries above it. */
export const CURRENT_VERSION = '1.1.0';
/** What we suggest when nothing closer is evident: supported by every maintained plugin. */
export const DEFAULT_VERSION = '1.0.0';

/** Minimum spec version of the reference plugins that do not support all of them. */
export const PLUGIN_MIN_VERSION: Readonly<Record<string, string>> = {
  bandwidth: '0.3.0',
  vrf: '0.3.1',
  firewall: '0.4.0',
};

/**
 * Plugins known to support spec versions only up to 1.0.0 in their current releases. Kept small on
 * purpose: sriov-cni, ovs-cni, bond-cni, whereabouts and Multus all support 1.1.0 today.
 */
export const MAX_1_0_0_PLUGINS: readonly string[] = ['calico'];

/** Go's version.ParseVersion: up to three dot-separated integers; "" is 0.1.0. */
export function parseVersion(v: string): [number, number, number] | undefined {
  if (v === '') return [0, 1, 0];
  const parts = v.split('.');
  if (parts.length > 3 || !parts.every((p) => /^[+-]?\d+$/.test(p))) return undefined;
  const n = parts.map(Number);
  return [n[0], n[1] ?? 0, n[2] ?? 0];
}

export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a) ?? [0, 0, 0];
  const pb = parseVersion(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** The known version closest to what was written ("1.0" → "1.0.0", "v0.3.1" → "0.3.1"). */
export function nearestVersion(raw: string): string {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(raw);
  if (!m) return DEFAULT_VERSION;
  const [major, minor] = [Number(m[1]), m[2] === undefined ? undefined : Number(m[2])];
  const sameMajor = CNI_VERSIONS.filter((x) => parseVersion(x)![0] === major);
  if (!sameMajor.length) return DEFAULT_VERSION;
  if (minor === undefined) return sameMajor.includes(`${major}.0.0`) ? `${major}.0.0` : sameMajor[sameMajor.length - 1];
  const sameMinor = sameMajor.filter((x) => parseVersion(x)![1] === minor);
  // The highest patch of that minor version (0.3 → 0.3.1); else the newest of the major.
  const pool = sameMinor.length ? sameMinor : sameMajor;
  return pool[pool.length - 1];
}

export interface VersionInfo {
  /** The `cniVersion` member, if written. */
  member?: Member;
  /** The version the plugins will see, when it is a known one ("0.1.0" when missing or empty). */
  effective?: string;
  /** Where a version problem is best shown: the `cniVersion` value, if any. */
  node?: Node;
  /** No version was really given (missing, empty or null): already reported, so no warnings on top. */
  implicit?: boolean;
}

/**
 * Checks the top-level version: missing (warning), empty (warning: read as 0.1.0), not a spec
 * version (error), and for lists the `cniVersions` entries (libcni picks the highest).
 */
export function checkVersion(root: Node, isList: boolean, f: Findings): VersionInfo {
  // libcni reads a list's top level as a map (exact keys); a single config is a Go struct.
  const member = isList ? mapEntry(root, 'cniVersion') : field(root, 'cniVersion');
  const info: VersionInfo = { member, node: member?.value };
  if (!member) {
    f.warning(
      'cni/missing-cniVersion',
      `No cniVersion: the CNI spec requires it, and plugins then assume 0.1.0 (no chaining, old result format). Add ${`"cniVersion": "${DEFAULT_VERSION}"`}.`,
      openingOf(root),
      { suggestion: DEFAULT_VERSION },
    );
    info.effective = '0.1.0';
    info.implicit = true;
  } else {
    const v = member.value;
    if (v.type === 'null' && !isList) {
      f.warning(
        'cni/unsupported-cniVersion',
        `cniVersion is null, which plugins read as no version (0.1.0: no chaining, old result format). Write a version such as "${DEFAULT_VERSION}".`,
        v,
        { suggestion: DEFAULT_VERSION },
      );
      info.effective = '0.1.0';
      info.implicit = true;
    } else if (v.type !== 'string') {
      const raw = v.type === 'number' ? String(v.value) : '';
      const suggestion = raw ? nearestVersion(raw) : DEFAULT_VERSION;
      const why =
        isList && v.type === 'null'
          ? 'libcni rejects a plugin list whose cniVersion is null'
          : 'the config fails to decode';
      f.error(
        'cni/unsupported-cniVersion',
        `cniVersion must be a string such as "${suggestion}", not ${v.type === 'null' ? 'null' : `a ${v.type}`}: ${why}.`,
        v,
        { suggestion },
      );
    } else {
      const s = v.value as string;
      if (s === '') {
        f.warning(
          'cni/unsupported-cniVersion',
          `An empty cniVersion is read as 0.1.0 (no chaining, old result format). Write the version you mean, e.g. "${DEFAULT_VERSION}".`,
          v,
          { suggestion: DEFAULT_VERSION },
        );
        info.effective = '0.1.0';
        info.implicit = true;
      } else if (CNI_VERSIONS.includes(s)) {
        info.effective = s;
      } else {
        const suggestion = nearestVersion(s);
        f.error(
          'cni/unsupported-cniVersion',
          `cniVersion "${s}" is not a CNI spec version, so plugins reject the config ("incompatible CNI versions"). Use exactly one of ${CNI_VERSIONS.join(', ')}; did you mean "${suggestion}"?`,
          v,
          { suggestion },
        );
      }
    }
  }
  if (isList) listVersions(root, info, f);
  return info;
}

/** `cniVersions` of a list: each entry must parse; the highest one up to 1.1.0 wins over cniVersion. */
function listVersions(root: Node, info: VersionInfo, f: Findings): void {
  const entries = items(mapEntry(root, 'cniVersions')?.value);
  if (!entries.length) return;
  // A non-empty cniVersion competes with the entries; an empty one does not.
  const declared = str(info.member?.value);
  let best: { v: string; node: Node } | undefined =
    declared && info.effective ? { v: declared, node: info.member!.value } : undefined;
  let broken = false;
  for (const e of entries) {
    const s = str(e);
    if (s === undefined) continue; // a non-string entry is a schema type error
    if (!parseVersion(s)) {
      broken = true;
      f.error(
        'cni/field-type',
        `cniVersions entry "${s}" is not a version (up to three numbers separated by dots): libcni rejects the whole list. Write e.g. "${nearestVersion(s)}".`,
        e,
        { suggestion: nearestVersion(s) },
      );
      continue;
    }
    if (compareVersions(s, CURRENT_VERSION) > 0) continue; // dropped by libcni
    if (!best || compareVersions(s, best.v) > 0) best = { v: s, node: e };
  }
  if (broken || !best) return;
  if (!CNI_VERSIONS.includes(best.v)) {
    f.error(
      'cni/unsupported-cniVersion',
      `"${best.v}" is the highest entry of cniVersions, so it is the version plugins get, but it is not a CNI spec version: they reject it. Use one of ${CNI_VERSIONS.join(', ')}.`,
      best.node,
      { suggestion: nearestVersion(best.v) },
    );
    info.effective = undefined;
    return;
  }
  info.effective = best.v;
  if (best.node !== info.member?.value) info.implicit = false;
  info.node = best.node;
}

/** A reason the config needs a newer version, with where to show it when cniVersion is missing. */
export interface VersionNeed {
  min: string;
  why: string;
  /** Where the finding goes when there is no cniVersion to point at (e.g. the plugin's `type`). */
  at: Node | { start: number; end: number };
  severity: 'error' | 'warning';
}

/** version-too-old and version-too-new, once the plugins and addresses of the config are known. */
export function checkVersionNeeds(info: VersionInfo, needs: VersionNeed[], pluginTypes: string[], f: Findings): void {
  const v = info.effective;
  if (!v) return;
  // Without a real version the warnings would repeat what the version finding already says.
  const unmet = needs.filter((n) => compareVersions(v, n.min) < 0 && !(info.implicit && n.severity === 'warning'));
  for (const severity of ['error', 'warning'] as const) {
    const group = unmet.filter((n) => n.severity === severity);
    if (!group.length) continue;
    if (info.node) {
      // Warnings are left out when an error already asks for a newer version.
      if (severity === 'warning' && unmet.some((n) => n.severity === 'error')) continue;
      const min = group.reduce((a, n) => (compareVersions(n.min, a) > 0 ? n.min : a), group[0].min);
      const suggestion = compareVersions(min, DEFAULT_VERSION) > 0 ? min : DEFAULT_VERSION;
      const what =
        info.member && info.node === info.member.value
          ? `cniVersion "${v}"`
          : `"${v}" (the highest entry of cniVersions)`;
      const reasons = group.map((n) => n.why).join('; ');
      const effect =
        severity === 'error' ? 'the plugin rejects the config' : 'the spec defines it from that version on';
      f.add(
        'cni/version-too-old',
        severity,
        `${what} is too old: ${reasons}, so ${effect}. Use "${suggestion}".`,
        info.node,
        { suggestion },
      );
    } else {
      for (const n of group) {
        const effect =
          n.severity === 'error'
            ? 'without cniVersion the config is read as 0.1.0, which the plugin rejects'
            : 'without cniVersion the config is read as 0.1.0';
        f.add(
          'cni/version-too-old',
          n.severity,
          `${capitalize(n.why)}, but ${effect}. Add ${`"cniVersion": "${DEFAULT_VERSION}"`}.`,
          n.at,
        );
      }
    }
  }
  if (v === '1.1.0' && info.node) {
    const capped = [...new Set(pluginTypes.filter((t) => MAX_1_0_0_PLUGINS.includes(t)))];
    if (capped.length) {
      f.warning(
        'cni/version-too-new',
        `${capped.join(', ')} ${capped.length > 1 ? 'support' : 'supports'} CNI spec versions only up to 1.0.0 and will reject "1.1.0". Use "1.0.0" unless you run a release that supports 1.1.0.`,
        info.node,
        { suggestion: '1.0.0' },
      );
    }
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// Quick fixes for findings inside the CNI JSON: "did you mean" for fields, values and plugin/IPAM
// types, cniVersion repairs, network addresses for host bits, JSON types, and removals of keys
// that do nothing. Every fix is a small JSON edit re-encoded for the scalar's style.
import type { Node as JsonNode } from 'jsonc-parser';
import { CNI_VERSIONS } from '../../cni/checkConfig';
import { knownTypes } from '../../cni/typeNames';
import { closest, closestOne } from '../../text/suggest';
import type { Problem, RuleId } from '../../types';
import { insertProperty, memberIndex, removeProperty, replaceNode } from './jsonEdits';
import type { ValueEdit } from './scalarEdit';
import { Fix, FixContext, FixProvider, jsonFix, JsonSite, jsonSiteOf, q } from './types';

const sameIgnoringCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function make(ctx: FixContext, site: JsonSite, problem: Problem) {
  return (title: string, edits: ValueEdit[] | undefined, opts: { preferred?: boolean; safe?: boolean } = {}): Fix[] => {
    if (!edits?.length) return [];
    const f = jsonFix(ctx, site.nad, title, edits, {
      problem,
      isPreferred: !!opts.preferred,
      safe: !!(opts.preferred && opts.safe),
    });
    return f ? [f] : [];
  };
}

/** The property node owning a key string node. */
const propertyOf = (key: JsonNode | undefined): JsonNode | undefined =>
  key?.parent?.type === 'property' && key.parent.children?.[0] === key ? key.parent : undefined;

const hasKey = (obj: JsonNode | undefined, key: string) =>
  (obj?.children ?? []).some((p) => p.children?.[0]?.value === key);

const unknownField: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const key = site?.node;
  const prop = propertyOf(key);
  if (!site || !key || !prop) return [];
  const fix = make(ctx, site, problem);
  const out: Fix[] = [];
  const suggestion = typeof problem.data?.suggestion === 'string' ? problem.data.suggestion : undefined;
  const raw = String(key.value);
  if (suggestion && suggestion !== raw) {
    const clash = hasKey(prop.parent, suggestion);
    out.push(
      ...fix(`Rename "${raw}" to "${suggestion}"`, [replaceNode(key, suggestion)], {
        preferred: !clash,
        safe: sameIgnoringCase(raw, suggestion) || problem.severity === 'hint',
      }),
    );
  }
  if (problem.severity !== 'hint')
    out.push(
      ...fix(
        `Remove "${raw}"`,
        [removeProperty(site.json, prop)].filter((e): e is ValueEdit => !!e),
      ),
    );
  return out;
};

const invalidValue: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const node = site?.node;
  if (!site || !node) return [];
  const fix = make(ctx, site, problem);
  const allowed = Array.isArray(problem.data?.allowed) ? (problem.data!.allowed as unknown[]) : [];
  const suggestion = problem.data?.suggestion;
  const out: Fix[] = [];
  const typed = (v: unknown) => allowed.find((a) => String(a) === String(v)) ?? v;
  if (suggestion !== undefined && suggestion !== node.value) {
    const v = typed(suggestion);
    out.push(
      ...fix(`Change to ${JSON.stringify(v)}`, [replaceNode(node, v)], {
        preferred: true,
        safe: typeof node.value === 'string' && sameIgnoringCase(String(node.value), String(v)),
      }),
    );
  }
  for (const a of allowed.slice(0, 8)) {
    if (a === suggestion || a === node.value || a === '') continue;
    out.push(...fix(`Change to ${JSON.stringify(a)}`, [replaceNode(node, a)]));
  }
  return out;
};

const typeName: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const node = site?.node;
  if (!site || !node || node.type !== 'string') return [];
  const fix = make(ctx, site, problem);
  const value = String(node.value);
  const isIpam = problem.code.startsWith('ipam/');
  const settings = ctx.workspace?.settingsFor(ctx.uri);
  const known = isIpam
    ? knownTypes('ipam', settings?.extraIpamTypes)
    : knownTypes('plugin', settings?.extraPluginTypes);
  if (/[\\/]/.test(value)) {
    const base = value.split(/[\\/]/).pop() ?? '';
    return base
      ? fix(`Use the plugin name "${base}"`, [replaceNode(node, base)], { preferred: true, safe: known.includes(base) })
      : [];
  }
  const given = typeof problem.data?.suggestion === 'string' ? [problem.data.suggestion] : [];
  // A near miss names no plugin at all: its one suggestion is the fix.
  const nearMiss = problem.code.endsWith('/type-near-miss');
  const candidates = nearMiss ? given : [...new Set([...given, ...closest(value, known, 3)])].slice(0, 3);
  return candidates.flatMap((c, i) =>
    fix(`Change to "${c}"`, [replaceNode(node, c)], {
      preferred: i === 0 && (nearMiss || candidates.length === 1),
      safe: sameIgnoringCase(c, value),
    }),
  );
};

/** A whole number in integer notation (cni/number-format): the value the author meant. */
const integerNotation: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const node = site?.node;
  const n = problem.data?.suggestion;
  if (!site || !node || node.type !== 'number' || typeof n !== 'number') return [];
  return make(ctx, site, problem)(`Write ${n}`, [replaceNode(node, n)], { preferred: true, safe: true });
};

const replaceVersion: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const node = site?.node;
  if (!site || !node) return [];
  const fix = make(ctx, site, problem);
  const suggested =
    typeof problem.data?.suggestion === 'string'
      ? problem.data.suggestion
      : problem.code === 'cni/version-too-new'
        ? '1.0.0'
        : undefined;
  if (!suggested || !CNI_VERSIONS.includes(suggested)) return [];
  const out = fix(`Use cniVersion "${suggested}"`, [replaceNode(node, suggested)], { preferred: true, safe: true });
  if (problem.code === 'cni/unsupported-cniVersion' && suggested !== '1.0.0')
    out.push(...fix('Use cniVersion "1.0.0"', [replaceNode(node, '1.0.0')]));
  return out;
};

const missingVersion: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  if (!site?.root || site.root.type !== 'object') return [];
  const version = typeof problem.data?.suggestion === 'string' ? problem.data.suggestion : '1.0.0';
  const edit = insertProperty(site.json, site.root, 'cniVersion', version, 0);
  return make(ctx, site, problem)(`Add "cniVersion": "${version}"`, edit && [edit], { preferred: true, safe: true });
};

const listNameMissing: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const name = problem.data?.suggestion;
  if (!site?.root || site.root.type !== 'object' || typeof name !== 'string' || !name) return [];
  const edit = insertProperty(site.json, site.root, 'name', name, memberIndex(site.root, 'cniVersion') + 1);
  return make(ctx, site, problem)(`Add "name": ${q(name)}`, edit && [edit], { preferred: true, safe: true });
};

const nameMismatch: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const node = site?.node;
  const name = problem.data?.suggestion;
  if (!site || !node || typeof name !== 'string') return [];
  return make(ctx, site, problem)(`Use the NAD's name ${q(name)}`, [replaceNode(node, name)], { preferred: true });
};

/** A value the checker knows the right spelling of (`data.suggestion`), e.g. a sanitized config name. */
const suggestedValue =
  (safe: boolean): FixProvider =>
  (ctx, problem) => {
    const site = jsonSiteOf(ctx, problem);
    const node = site?.node;
    const v = problem.data?.suggestion;
    if (!site || !node || typeof v !== 'string' || propertyOf(node)) return [];
    return make(ctx, site, problem)(`Change to ${q(v)}`, [replaceNode(node, v)], { preferred: true, safe });
  };

const hostBits: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const node = site?.node;
  const net = problem.data?.networkAddress;
  if (!site || !node || typeof net !== 'string') return [];
  return make(ctx, site, problem)(`Use the network address ${net}`, [replaceNode(node, net)], {
    preferred: true,
    safe: true,
  });
};

const fieldType: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const node = site?.node;
  const expected = Array.isArray(problem.data?.expected) ? (problem.data!.expected as string[]) : [];
  if (!site || !node) return [];
  const fix = make(ctx, site, problem);
  if (typeof problem.data?.suggestion === 'string')
    return fix(`Change to "${problem.data.suggestion}"`, [replaceNode(node, problem.data.suggestion)], {
      preferred: true,
      safe: true,
    });
  const v = node.value as unknown;
  if (
    node.type === 'string' &&
    (expected.includes('integer') || expected.includes('number')) &&
    /^-?\d+(\.\d+)?$/.test(String(v).trim())
  ) {
    const n = Number(String(v).trim());
    if (expected.includes('number') || Number.isInteger(n))
      return fix(`Write ${n} without quotes`, [replaceNode(node, n)], { preferred: true, safe: true });
  }
  if (node.type === 'string' && expected.includes('boolean') && /^(true|false)$/i.test(String(v).trim())) {
    const b = String(v).trim().toLowerCase() === 'true';
    return fix(`Write ${b} without quotes`, [replaceNode(node, b)], { preferred: true, safe: true });
  }
  if ((node.type === 'number' || node.type === 'boolean') && expected.length === 1 && expected[0] === 'string') {
    const raw = site.json.slice(node.offset, node.offset + node.length);
    return fix(`Quote it: "${raw}"`, [replaceNode(node, raw)], { preferred: true, safe: true });
  }
  return [];
};

/** Removes the property whose key the problem points at. */
const removeKey =
  (title: (key: string) => string, preferred: boolean): FixProvider =>
  (ctx, problem) => {
    const site = jsonSiteOf(ctx, problem);
    const prop = propertyOf(site?.node);
    if (!site || !prop) return [];
    const edit = removeProperty(site.json, prop);
    return make(ctx, site, problem)(title(String(site.node!.value)), edit && [edit], { preferred });
  };

const duplicateKey: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  const prop = propertyOf(site?.node);
  if (!site || !prop?.parent) return [];
  const key = site.node!.value;
  const earlier = (prop.parent.children ?? []).find(
    (p) => p !== prop && p.children?.[0]?.value === key && p.offset < prop.offset,
  );
  const edit = earlier && removeProperty(site.json, earlier);
  return make(ctx, site, problem)(`Remove the earlier ${q(String(key))} (the plugin uses this one)`, edit && [edit], {
    preferred: true,
    safe: true,
  });
};

/** A plugin entry without `type`: a key that is `type` misspelled (`"type:"`, `"Type "`) becomes `type`. */
const missingType: FixProvider = (ctx, problem) => {
  const site = jsonSiteOf(ctx, problem);
  if (!site?.root) return [];
  let obj = site.root;
  while (obj && !(obj.type === 'object' && obj.offset === site.jsonStart)) {
    obj = (obj.children ?? []).find(
      (c) => c.offset <= site.jsonStart && site.jsonStart < c.offset + c.length,
    ) as JsonNode;
  }
  if (!obj) return [];
  const fix = make(ctx, site, problem);
  for (const p of obj.children ?? []) {
    const k = p.children?.[0];
    if (!k || typeof k.value !== 'string') continue;
    const squashed = k.value.replace(/[\s:"']/g, '').toLowerCase();
    if (squashed === 'type' || closestOne(k.value.replace(/[\s:]/g, ''), ['type']) === 'type') {
      if (k.value === 'type') continue;
      return fix(`Rename ${q(k.value)} to "type"`, [replaceNode(k, 'type')], {
        preferred: true,
        safe: squashed === 'type',
      });
    }
  }
  return [];
};

export const CNI_FIXES: Partial<Record<RuleId, FixProvider>> = {
  'cni/unknown-field': unknownField,
  'cni/invalid-value': invalidValue,
  'cni/unknown-type': typeName,
  'ipam/unknown-type': typeName,
  'cni/type-near-miss': typeName,
  'cni/number-format': integerNotation,
  'ipam/type-near-miss': typeName,
  'cni/unsupported-cniVersion': replaceVersion,
  'cni/version-too-old': replaceVersion,
  'cni/version-too-new': replaceVersion,
  'cni/missing-cniVersion': missingVersion,
  'cni/list-name-missing': listNameMissing,
  'nad/name-mismatch': nameMismatch,
  'cni/invalid-name': suggestedValue(false),
  'ipam/host-bits': hostBits,
  'cni/field-type': fieldType,
  'cni/reserved-key': removeKey((k) => `Remove ${q(k)} (the runtime provides it)`, true),
  'cni/type-and-plugins': removeKey(() => 'Remove the top-level "type" (keep the plugin list)', false),
  'json/duplicate-key': duplicateKey,
  'cni/missing-type': missingType,
};

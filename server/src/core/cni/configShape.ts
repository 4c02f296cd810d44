// The shape of a CNI config: a single plugin config or a `plugins` list (Multus decides by the
// top-level `type`), each plugin's `type`, the network name, keys only the runtime may write, and
// the order of chained plugins.
import type { Node } from 'jsonc-parser';
import type { Findings } from './findings';
import { field, items, mapEntry, type Member, members, openingOf, setValue, str } from './jsonNodes';
import { judgeTypeName } from './typeNames';

/** One plugin configuration: the top level of a single config, or an entry of `plugins`. */
export interface PluginEntry {
  node: Node;
  type: string;
  typeNode: Node;
  /** Position in `plugins` (0 for a single config). */
  index: number;
}

export interface ConfigShape {
  isList: boolean;
  entries: PluginEntry[];
  /** The `plugins` member of a list. */
  plugins?: Member;
  /** The network name member (list: exact key; single config: any letter case). */
  name?: Member;
}

export interface ShapeContext {
  metadataName?: string;
  extraPluginTypes?: string[];
}

/** Plugins that only modify the result of a previous plugin: they need `prevResult`. */
export const CHAINED_ONLY: readonly string[] = ['tuning', 'portmap', 'bandwidth', 'firewall', 'sbr', 'vrf'];

export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const RESERVED = ['runtimeconfig', 'prevresult', 'args'];

export function checkShape(root: Node, ctx: ShapeContext, f: Findings): ConfigShape {
  const typeMember = field(root, 'type');
  const type = setValue(typeMember);
  const plugins = mapEntry(root, 'plugins') ?? field(root, 'plugins');
  let shape: ConfigShape;

  if (type?.type === 'string' && type.value !== '') {
    shape = {
      isList: false,
      entries: [{ node: root, type: type.value as string, typeNode: type, index: 0 }],
      name: field(root, 'name'),
    };
    if (plugins) {
      f.warning(
        'cni/type-and-plugins',
        `This config has both a top-level type and a plugins list: Multus then runs only the top-level plugin and ignores the whole list. Remove the top-level type (and its fields) to use the list.`,
        typeMember!.key,
      );
    }
  } else if (type && type.type !== 'string') {
    // A non-string type fails to decode; the schema check reports it.
    shape = { isList: false, entries: [], name: field(root, 'name') };
  } else if (plugins) {
    shape = { isList: true, entries: listEntries(plugins, f), plugins, name: mapEntry(root, 'name') };
  } else {
    shape = { isList: false, entries: [], name: field(root, 'name') };
    const what = type
      ? `The config's type is empty and there is no plugins list`
      : `The config has neither a type nor a plugins list`;
    missingType(
      root,
      type,
      f,
      `${what}, so Multus cannot tell which plugin to run.`,
      `Add the plugin's type (e.g. "macvlan")`,
    );
  }

  checkName(shape, ctx, f);
  for (const obj of [root, ...shape.entries.filter((e) => e.node !== root).map((e) => e.node)]) reservedKeys(obj, f);
  shape.entries.forEach((e) => checkType(e, shape, ctx, f));
  return shape;
}

function listEntries(plugins: Member, f: Findings): PluginEntry[] {
  const arr = plugins.value;
  if (arr.type !== 'array' || !(arr.children ?? []).length) {
    const what =
      arr.type === 'array'
        ? 'is empty'
        : arr.type === 'null'
          ? 'is null'
          : `is ${arr.type === 'object' ? 'an object' : `a ${arr.type}`}, not a list`;
    f.error(
      'cni/empty-plugins',
      `The field plugins ${what}: libcni rejects a plugin list without plugins ("no plugins in list"). Give it at least one plugin config, e.g. [{"type": "macvlan", ...}].`,
      arr,
    );
    return [];
  }
  const entries: PluginEntry[] = [];
  items(arr).forEach((item, index) => {
    if (item.type !== 'object') {
      f.error(
        'cni/field-type',
        `Each entry of plugins must be a plugin config object {...}, not ${item.type === 'null' ? 'null' : `a ${item.type}`}: libcni fails to parse plugin config ${index}.`,
        item,
      );
      return;
    }
    const t = setValue(field(item, 'type'));
    if (t?.type === 'string' && t.value !== '')
      entries.push({ node: item, type: t.value as string, typeNode: t, index });
    else if (!t || t.type === 'string') {
      missingType(
        item,
        t,
        f,
        `Plugin ${index} of the list has ${t ? `an empty type` : `no type`}: libcni rejects the list ("missing 'type'").`,
        `Add its type`,
      );
    }
    // Any other JSON type fails to decode; the schema check reports it.
  });
  return entries;
}

/** cni/missing-type at the object's `{` (or at an empty `type` value), naming a key that looks like a typo of `type`. */
function missingType(obj: Node, emptyType: Node | undefined, f: Findings, what: string, fix: string): void {
  const typo = members(obj).find((m) => looksLikeType(String(m.key.value)));
  const hint = typo ? ` The key "${String(typo.key.value)}" looks like a misspelled type: rename it.` : ` ${fix}.`;
  if (emptyType) f.error('cni/missing-type', `${what}${hint}`, emptyType);
  else
    f.error(
      'cni/missing-type',
      `${what}${hint}`,
      openingOf(obj),
      typo ? { typoKey: String(typo.key.value) } : undefined,
    );
}

function looksLikeType(key: string): boolean {
  if (key === 'type') return false;
  const squashed = key.replace(/[\s:"'=]/g, '').toLowerCase();
  return squashed === 'type' || (squashed.length >= 3 && squashed.length <= 5 && editDistance(squashed, 'type') <= 1);
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function checkName(shape: ConfigShape, ctx: ShapeContext, f: Findings): void {
  const m = shape.name;
  const v = m?.value;
  if (v && v.type !== 'string') {
    const why =
      v.type === 'null'
        ? 'Multus does not fill in a null name, and the plugin rejects a config without a name'
        : 'the config fails to decode';
    f.error(
      'cni/invalid-name',
      `The network name must be a string, not ${v.type === 'null' ? 'null' : `a ${v.type}`}: ${why}. Write it in quotes, e.g. "${ctx.metadataName ?? 'storage-net'}".`,
      v,
    );
  } else if (v && v.value !== '' && !NAME_PATTERN.test(v.value as string)) {
    const name = v.value as string;
    const suggestion = sanitizeName(name);
    f.error(
      'cni/invalid-name',
      `The network name "${name}" has characters the CNI runtime rejects ("invalid characters found in network name"): it must start with a letter or digit and contain only letters, digits, underscores (_), dots (.) and hyphens (-).${suggestion ? ` For example "${suggestion}".` : ''}`,
      v,
      suggestion ? { suggestion } : undefined,
    );
  }
  if (shape.isList && (!m || str(v) === '')) {
    const suggestion = ctx.metadataName && NAME_PATTERN.test(ctx.metadataName) ? ctx.metadataName : undefined;
    const message = `A plugin list needs a top-level name: the NetworkAttachmentDefinition admission webhook rejects the NAD without one (Multus alone would fill it in). Add ${`"name": "${suggestion ?? 'storage-net'}"`}.`;
    if (!m) f.warning('cni/list-name-missing', message, shape.plugins!.key, suggestion ? { suggestion } : undefined);
    else f.warning('cni/list-name-missing', message, m.value);
  }
}

function sanitizeName(name: string): string | undefined {
  const s = name.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '');
  return s && NAME_PATTERN.test(s) ? s : undefined;
}

function reservedKeys(obj: Node, f: Findings): void {
  for (const m of members(obj)) {
    const k = String(m.key.value);
    if (!RESERVED.includes(k.toLowerCase()) && !k.startsWith('cni.dev/')) continue;
    const advice =
      k.toLowerCase() === 'runtimeconfig'
        ? ` To receive runtime data, enable it in capabilities (e.g. {"ips": true}) instead.`
        : '';
    f.warning(
      'cni/reserved-key',
      `${k} is filled in by the container runtime (or Multus) when it calls the plugin; a value written here is overwritten or misread. Remove it.${advice}`,
      m.key,
    );
  }
}

function checkType(e: PluginEntry, shape: ConfigShape, ctx: ShapeContext, f: Findings): void {
  const where = shape.isList ? `plugin ${e.index} of the list` : 'the config';
  if (/[\\/]/.test(e.type)) {
    const base = e.type.split(/[\\/]/).pop() ?? '';
    f.error(
      'cni/unknown-type',
      `The type "${e.type}" contains a path separator: the runtime looks the plugin up by its binary name in the CNI bin directory and rejects paths.${base ? ` Write "${base}".` : ''}`,
      e.typeNode,
      base ? { suggestion: base } : undefined,
    );
  } else {
    typeNameFindings(e.type, e.typeNode, 'plugin', ctx.extraPluginTypes ?? [], where, f);
  }
  if (CHAINED_ONLY.includes(e.type) && e.index === 0) {
    const place = shape.isList ? 'as the first entry of plugins' : 'on its own';
    f.error(
      'cni/chain-order',
      `${e.type} only modifies the result of a previous plugin, so ${place} it fails ("Required prevResult missing"). Put it in a plugins list after the plugin that creates the interface (e.g. macvlan or bridge).`,
      e.typeNode,
    );
  }
}

/**
 * The findings on a plugin or IPAM `type` we have no schema for: a near miss of a known name is an
 * error (no binary has that name), a merely close name a warning, a name of the other list a
 * warning, and a type we do not know at all a note that it is not checked.
 */
export function typeNameFindings(
  type: string,
  node: Node,
  kind: 'plugin' | 'ipam',
  extra: readonly string[],
  where: string,
  f: Findings,
): void {
  const verdict = judgeTypeName(type, kind, extra);
  const what = kind === 'ipam' ? 'IPAM plugin' : 'CNI plugin';
  const key = kind === 'ipam' ? 'extraIpamTypes' : 'extraPluginTypes';
  const setting = `${key} of .multus-networks.yaml (or the editor setting multusNetworks.${key})`;
  const rule = kind === 'ipam' ? 'ipam' : 'cni';
  switch (verdict.kind) {
    case 'known':
      return;
    case 'near-miss': {
      const s = verdict.suggestion;
      const why =
        s.toLowerCase() === type.toLowerCase()
          ? `plugin names are case-sensitive (they are file names in the CNI bin directory)`
          : `it is one letter away from the ${what} "${s}"`;
      f.error(
        `${rule}/type-near-miss`,
        `The ${what} "${type}" does not exist on any node (${why}), so the runtime fails with "failed to find plugin" and the pod does not start. Did you mean "${s}"? If "${type}" really is installed on your nodes, add it to ${setting}.`,
        node,
        { suggestion: s },
      );
      return;
    }
    case 'close':
      f.warning(
        `${rule}/unknown-type`,
        `"${type}" is not a ${what} we know, so ${where} is not checked further. Did you mean "${verdict.suggestion}"? If "${type}" is installed on your nodes, add it to ${setting}.`,
        node,
        { suggestion: verdict.suggestion },
      );
      return;
    case 'other-list':
      f.warning(
        `${rule}/unknown-type`,
        kind === 'ipam'
          ? `"${type}" is a main CNI plugin, not an IPAM plugin: as ipam type it is run to allocate addresses and fails. Use an IPAM plugin such as "whereabouts" or "host-local".`
          : `"${type}" is an IPAM plugin, not a main CNI plugin: it allocates addresses but creates no interface. Put it under ipam ("ipam": {"type": "${type}", ...}) of a plugin such as "macvlan".`,
        node,
      );
      return;
    case 'unlisted':
      f.info(
        `${rule}/unlisted-type`,
        `"${type}" is not a ${what} we know, so ${where} is not checked further. If it is installed on your nodes, add it to ${setting} to silence this note.`,
        node,
      );
  }
}

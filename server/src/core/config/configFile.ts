// The configuration file `.multus-networks.yaml` (or `.yml`): text in, settings and findings out.
// Pure: no IO. The CLI and the language server find and read the files (config/discovery in the
// workspace, Node-side reading); this module parses one, validates every key with exact ranges
// (config/invalid, config/unknown-key, config/unknown-rule), and turns `externalNetworks` into
// NAD entries the workspace index resolves references against. The same value checks also serve the
// editor's `multusNetworks.*` settings (settingsProblems), which have no text to point into.
import { Document, isMap, isScalar, isSeq, Node, Pair, parseDocument, Scalar } from 'yaml';
import { LIMIT_KEYS, Limits } from '../limits';
import { closest } from '../text/suggest';
import { RULES, type RuleSeverity } from '../rules';
import { RuleSetting, Settings } from '../settings';
import { problem, type Problem } from '../types';

/** File names of the configuration file, in order of preference within one folder. */
export const CONFIG_FILE_NAMES = ['.multus-networks.yaml', '.multus-networks.yml'] as const;

/** True when the path or URI names a configuration file. */
export function isConfigFile(pathOrUri: string): boolean {
  const base = pathOrUri.slice(pathOrUri.lastIndexOf('/') + 1);
  return (CONFIG_FILE_NAMES as readonly string[]).includes(base);
}

/** A NAD that exists outside the checked files (another repository, created by an operator...). */
export interface ExternalNetwork {
  name: string;
  /** undefined: any namespace (a reference with a namespace matches it like a NAD without metadata.namespace). */
  namespace?: string;
  /** CNI plugin type, when known (informational). */
  type?: string;
  /** The range it hands out (CIDR), when known: lets Rook's addressRanges be compared with it. */
  range?: string;
  /** Where the entry is written in the configuration file: its name, and the whole entry. */
  nameRange: [number, number];
  entryRange: [number, number];
}

/** Settings a configuration file sets; absent keys leave the base settings alone. */
export type ConfigSettings = Partial<Settings>;

export interface ConfigFile {
  settings: ConfigSettings;
  externalNetworks: ExternalNetwork[];
  /** Findings with offsets into the file's text. */
  problems: Problem[];
}

export const CONFIG_KEYS = [
  'rules',
  'rookVersion',
  'extraPluginTypes',
  'extraIpamTypes',
  'exclude',
  'limits',
  'maxFileSize',
  'externalNetworks',
] as const;

const RULE_LEVELS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'hint'];
export const ROOK_VERSION = /^\d+\.\d+(\.\d+)?$/;
/** Kubernetes object names (DNS-1123 subdomain) and namespaces (DNS-1123 label). */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Reports one finding about a value; `path` names it, `at` is where it is written (when known). */
type Report = <C extends 'config/invalid' | 'config/unknown-key' | 'config/unknown-rule'>(
  code: C,
  severity: RuleSeverity<C>,
  message: string,
  at: Node | undefined,
  data?: Record<string, unknown>,
) => void;

/** Parses and validates a configuration file. `name` (for messages) is the file's name or path. */
export function parseConfigFile(text: string): ConfigFile {
  const out: ConfigFile = { settings: {}, externalNetworks: [], problems: [] };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    out.problems.push(invalid(`This configuration file cannot be read: ${String(err)}.`, 0, 0));
    return out;
  }
  if (doc.errors.length) {
    for (const e of doc.errors.slice(0, 5)) {
      const [start, end] = e.pos;
      out.problems.push(
        invalid(
          `This configuration file is not valid YAML: ${firstLine(e.message)}. Nothing in it is applied until it is fixed.`,
          start,
          Math.max(start, end),
        ),
      );
    }
    return out;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return out; // empty file
  const report: Report = (code, severity, message, at, data) => {
    const [start, end] = at?.range ?? [0, 0];
    out.problems.push(problem(code, severity, { message, start, end, ...(data ? { data } : {}) }));
  };
  if (!isMap(root)) {
    report(
      'config/invalid',
      'error',
      'A configuration file is a mapping of settings (rules, rookVersion, externalNetworks...). Nothing in it is applied until it is fixed.',
      root as Node,
    );
    return out;
  }
  for (const item of root.items) {
    const key = item.key as Node;
    const name = isScalar(key) ? String(key.value) : undefined;
    if (name === undefined || !(CONFIG_KEYS as readonly string[]).includes(name)) {
      const suggestions = name ? closest(name, CONFIG_KEYS, 1) : [];
      report(
        'config/unknown-key',
        'warning',
        `"${name ?? '?'}" is not a setting of multus-networks, so it is ignored${suggestions.length ? `. Did you mean "${suggestions[0]}"?` : `. The settings are: ${CONFIG_KEYS.join(', ')}.`}`,
        key,
        suggestions.length ? { suggestion: suggestions[0] } : undefined,
      );
      continue;
    }
    readKey(name as (typeof CONFIG_KEYS)[number], item as Pair<Node, Node>, text, out, report);
  }
  return out;
}

function readKey(
  name: (typeof CONFIG_KEYS)[number],
  pair: Pair<Node, Node>,
  text: string,
  out: ConfigFile,
  report: Report,
): void {
  const value = pair.value ?? undefined;
  const at = value ?? (pair.key as Node);
  const js = value && !isMap(value) && !isSeq(value) ? (value as Scalar).value : undefined;
  const bad = (message: string, node: Node | undefined = at) => report('config/invalid', 'error', message, node);
  switch (name) {
    case 'rookVersion': {
      // An unquoted 1.20 is the number 1.2 in YAML: read what is written.
      const written =
        isScalar(value) && value.range ? text.slice(value.range[0], value.range[1]).replace(/^["']|["']$/g, '') : '';
      if (!isScalar(value) || !ROOK_VERSION.test(written))
        return bad(
          `rookVersion must be a Rook release like "1.20" or "1.12.3", not ${describe(value, text)}. Nothing else in this key is applied.`,
        );
      out.settings.rookVersion = written;
      return;
    }
    case 'maxFileSize':
      if (typeof js !== 'number' || !Number.isSafeInteger(js) || js <= 0)
        return bad(
          `maxFileSize must be a positive whole number of bytes (e.g. 5000000), not ${describe(value, text)}.`,
        );
      out.settings.maxFileSize = js;
      return;
    case 'extraPluginTypes':
    case 'extraIpamTypes':
    case 'exclude': {
      const list = stringList(value, name, text, bad);
      if (list) out.settings[name] = list;
      return;
    }
    case 'rules': {
      if (!isMap(value))
        return bad(
          `rules must be a mapping of rule id to off, error, warning, info or hint, not ${describe(value, text)}.`,
        );
      const rules: Record<string, RuleSetting> = {};
      for (const item of value.items) {
        const k = item.key as Node;
        const v = item.value as Node | null;
        const id = isScalar(k) ? String(k.value) : '';
        const level = isScalar(v) ? String(v.value) : undefined;
        const idOk = checkRuleId(id, k, report);
        if (level === undefined || !(RULE_LEVELS as string[]).includes(level)) {
          bad(
            `The level of rule "${id}" must be off, error, warning, info or hint, not ${describe(v ?? undefined, text)}.`,
            v ?? k,
          );
          continue;
        }
        if (idOk) rules[id] = level as RuleSetting;
      }
      out.settings.rules = rules;
      return;
    }
    case 'limits': {
      if (!isMap(value))
        return bad(`limits must be a mapping (${LIMIT_KEYS.join(', ')}), not ${describe(value, text)}.`);
      const limits: Partial<Limits> = {};
      for (const item of value.items) {
        const k = item.key as Node;
        const v = item.value as Node | null;
        const key = isScalar(k) ? String(k.value) : '';
        if (!(LIMIT_KEYS as string[]).includes(key)) {
          const s = closest(key, LIMIT_KEYS, 1);
          report(
            'config/unknown-key',
            'warning',
            `"${key}" is not a limit, so it is ignored${s.length ? `. Did you mean "${s[0]}"?` : `. The limits are: ${LIMIT_KEYS.join(', ')}.`}`,
            k,
            s.length ? { suggestion: s[0] } : undefined,
          );
          continue;
        }
        const n = isScalar(v) ? v.value : undefined;
        if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
          bad(`The limit ${key} must be a positive whole number, not ${describe(v ?? undefined, text)}.`, v ?? k);
          continue;
        }
        limits[key as keyof Limits] = n;
      }
      out.settings.limits = limits;
      return;
    }
    case 'externalNetworks':
      readExternalNetworks(value, text, out, bad);
      return;
  }
}

/** A rule id that is not in the catalog: a warning with did-you-mean. True when the id is known. */
function checkRuleId(id: string, at: Node, report: Report): boolean {
  if (RULE_IDS.has(id)) return true;
  const suggestions = closest(id, RULE_IDS, 1);
  report(
    'config/unknown-rule',
    'warning',
    unknownRuleMessage(id, suggestions),
    at,
    suggestions.length ? { suggestion: suggestions[0] } : undefined,
  );
  return false;
}

const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function unknownRuleMessage(id: string, suggestions: string[]): string {
  return `"${id}" is not a rule id of multus-networks, so this entry does nothing${suggestions.length ? `. Did you mean "${suggestions[0]}"?` : '. The rule ids are listed in docs/rules.md.'}`;
}

function stringList(
  value: Node | undefined,
  name: string,
  text: string,
  bad: (m: string, at?: Node) => void,
): string[] | undefined {
  if (!isSeq(value)) {
    bad(`${name} must be a list of strings, not ${describe(value, text)}.`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of value.items as Node[]) {
    if (isScalar(item) && typeof item.value === 'string' && item.value !== '') out.push(item.value);
    else bad(`Every entry of ${name} must be a non-empty string, not ${describe(item, text)}.`, item);
  }
  return out;
}

function readExternalNetworks(
  value: Node | undefined,
  text: string,
  out: ConfigFile,
  bad: (m: string, at?: Node) => void,
): void {
  if (!isSeq(value)) {
    bad(
      `externalNetworks must be a list of NADs that exist outside these files, each "namespace/name" or a mapping with name (and namespace, type, range), not ${describe(value, text)}.`,
    );
    return;
  }
  for (const item of value.items as Node[]) {
    const entryRange: [number, number] = item.range ? [item.range[0], item.range[1]] : [0, 0];
    if (isScalar(item)) {
      const s = typeof item.value === 'string' ? item.value : '';
      const parts = s.split('/');
      const [namespace, name] = parts.length === 2 ? parts : [undefined, parts[0]];
      if (
        parts.length > 2 ||
        !name ||
        !DNS_SUBDOMAIN.test(name) ||
        (namespace !== undefined && !DNS_LABEL.test(namespace))
      ) {
        bad(
          `An externalNetworks entry is "namespace/name" or "name" (lower-case letters, digits, "-" and "."), not ${describe(item, text)}.`,
          item,
        );
        continue;
      }
      out.externalNetworks.push({ name, namespace, nameRange: nameIn(item, name, text), entryRange });
      continue;
    }
    if (!isMap(item)) {
      bad(
        `An externalNetworks entry is "namespace/name" or a mapping with name, namespace, type and range, not ${describe(item, text)}.`,
        item,
      );
      continue;
    }
    const entry: Partial<ExternalNetwork> = { entryRange };
    let ok = true;
    for (const p of item.items) {
      const k = p.key as Node;
      const v = (p.value ?? undefined) as Node | undefined;
      const key = isScalar(k) ? String(k.value) : '';
      const str = isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
      const fields = ['name', 'namespace', 'type', 'range'];
      if (!fields.includes(key)) {
        const s = closest(key, fields, 1);
        bad(
          `"${key}" is not a field of an externalNetworks entry (name, namespace, type, range)${s.length ? `. Did you mean "${s[0]}"?` : '.'}`,
          k,
        );
        ok = false;
        continue;
      }
      if (key === 'name' && (!str || !DNS_SUBDOMAIN.test(str))) {
        bad(`name must be a NAD name (lower-case letters, digits, "-" and "."), not ${describe(v, text)}.`, v ?? k);
        ok = false;
      } else if (key === 'namespace' && (!str || !DNS_LABEL.test(str))) {
        bad(
          `namespace must be a Kubernetes namespace (lower-case letters, digits and "-"), not ${describe(v, text)}.`,
          v ?? k,
        );
        ok = false;
      } else if (key === 'type' && !str) {
        bad(`type must be a CNI plugin type such as "macvlan", not ${describe(v, text)}.`, v ?? k);
        ok = false;
      } else if (key === 'range' && (!str || !/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(str))) {
        bad(`range must be the CIDR the NAD hands out, e.g. "192.168.20.0/24", not ${describe(v, text)}.`, v ?? k);
        ok = false;
      } else if (str) {
        (entry as Record<string, unknown>)[key] = str;
        if (key === 'name' && v) entry.nameRange = nameIn(v, str, text);
      }
    }
    if (!entry.name) {
      if (ok) bad('This externalNetworks entry has no name: add name (and namespace, if the NAD has one).', item);
      continue;
    }
    if (ok) out.externalNetworks.push(entry as ExternalNetwork);
  }
}

/** The characters of `name` inside the scalar that holds it (its last occurrence: after a "namespace/"). */
function nameIn(node: Node, name: string, text: string): [number, number] {
  const [start, end] = node.range ?? [0, 0];
  const at = text.slice(start, end).lastIndexOf(name);
  return at < 0 ? [start, end] : [start + at, start + at + name.length];
}

/** The value as written, for messages: a quoted scalar, or what kind of node it is. */
function describe(node: Node | undefined | null, text: string): string {
  if (!node) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node) && node.range) {
    const written = text.slice(node.range[0], node.range[1]);
    if (written === '') return 'nothing';
    return written.startsWith('"') ? written : `"${written.replace(/^'|'$/g, '')}"`;
  }
  return 'that value';
}

function invalid(message: string, start: number, end: number): Problem {
  return { code: 'config/invalid', severity: 'error', message, start, end };
}

const firstLine = (s: string) => s.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');

/**
 * Base settings (defaults, the editor's settings or the CLI's) overlaid with a configuration file's:
 * a key the file sets replaces the base value, except `rules` and `limits`, which merge per entry.
 */
export function mergeSettings(base: Settings, file: ConfigSettings | undefined): Settings {
  if (!file) return base;
  return {
    ...base,
    ...file,
    rules: { ...base.rules, ...file.rules },
    limits: { ...base.limits, ...file.limits },
  };
}

/**
 * Problems of the editor's settings (`multusNetworks.*`), which have no text to point into:
 * unknown rule ids (with did-you-mean), levels, and every value settingsFrom would drop or replace
 * with the default (rookVersion "banana", a negative maxFileSize, a string where a list belongs, an
 * unknown or non-positive limit).
 * One message each; the server shows them.
 */
export function settingsProblems(raw: unknown): string[] {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: string[] = [];
  if (o.rules && typeof o.rules === 'object') {
    for (const [id, level] of Object.entries(o.rules as Record<string, unknown>)) {
      if (!RULE_IDS.has(id))
        out.push(`Setting multusNetworks.rules: ${unknownRuleMessage(id, closest(id, RULE_IDS, 1))}`);
      if (typeof level !== 'string' || !(RULE_LEVELS as string[]).includes(level))
        out.push(
          `Setting multusNetworks.rules: the level of "${id}" must be off, error, warning, info or hint, not ${JSON.stringify(level)}.`,
        );
    }
  }
  if (o.rookVersion !== undefined && !(typeof o.rookVersion === 'string' && ROOK_VERSION.test(o.rookVersion)))
    out.push(
      `Setting multusNetworks.rookVersion must be a Rook release like "1.20" or "1.12.3", not ${JSON.stringify(o.rookVersion)}; the default is used.`,
    );
  if (o.maxFileSize !== undefined && !(typeof o.maxFileSize === 'number' && o.maxFileSize > 0))
    out.push(
      `Setting multusNetworks.maxFileSize must be a positive number of bytes (e.g. 5000000), not ${JSON.stringify(o.maxFileSize)}; the default is used.`,
    );
  for (const key of ['extraPluginTypes', 'extraIpamTypes', 'exclude'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (!Array.isArray(v))
      out.push(`Setting multusNetworks.${key} must be a list of strings, not ${JSON.stringify(v)}; it is ignored.`);
    else if (v.some((x) => typeof x !== 'string'))
      out.push(
        `Setting multusNetworks.${key}: the entries ${v
          .filter((x) => typeof x !== 'string')
          .map((x) => JSON.stringify(x))
          .join(', ')} are not strings and are ignored.`,
      );
  }
  if (o.limits !== undefined) {
    if (!o.limits || typeof o.limits !== 'object' || Array.isArray(o.limits))
      out.push(
        `Setting multusNetworks.limits must be an object of limits, not ${JSON.stringify(o.limits)}; it is ignored.`,
      );
    else
      for (const [k, v] of Object.entries(o.limits as Record<string, unknown>)) {
        if (!(LIMIT_KEYS as readonly string[]).includes(k)) {
          const s = closest(k, LIMIT_KEYS, 1);
          out.push(
            `Setting multusNetworks.limits: "${k}" is not a limit, so it is ignored${s.length ? `. Did you mean "${s[0]}"?` : `. The limits are: ${LIMIT_KEYS.join(', ')}.`}`,
          );
        } else if (!(typeof v === 'number' && Number.isSafeInteger(v) && v > 0))
          out.push(
            `Setting multusNetworks.limits.${k} must be a positive whole number, not ${JSON.stringify(v)}; the default is used.`,
          );
      }
  }
  return out;
}

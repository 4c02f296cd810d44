// Checks a CNI configuration against the plugin and IPAM schemas and turns ajv's errors into
// catalog problems (`cni/unknown-field`, `cni/field-type`, `cni/invalid-value`,
// `cni/missing-field`) with offsets into the JSON text. Semantic rules live elsewhere.
import type { ErrorObject } from 'ajv';
import { getNodeValue, type Node } from 'jsonc-parser';
import type { RuleId, RuleSeverity, Severity } from '../rules';
import { closestOne } from '../text/suggest';
import { plainText } from '../text/plain';
import { problem, type JsonProblem } from '../types';
import {
  allowedValues,
  childSchema,
  isReservedKey,
  locationOf,
  matchKey,
  ownerLabel,
  resolve,
  validationSchema,
  validatorFor,
  type SchemaLocation,
  type SchemaNode,
} from './schemaRegistry';

export interface SchemaValidationOptions {
  extraPluginTypes?: string[];
  extraIpamTypes?: string[];
}

/** Where a value of the instance came from in the JSON text. */
interface Site {
  value: Node;
  /** The key node of the property holding the value (absent for array items and the root). */
  key?: Node;
  /** Display path from the configuration root, e.g. `plugins[0].ipam.range`. */
  path: string;
}

/** One ajv validation: a schema applied to the object at `pointer`. */
interface Run {
  schema: SchemaNode;
  pointer: string;
  path: string;
  /** "the macvlan plugin", "whereabouts IPAM", "the plugin list", ... */
  label: string;
  value: unknown;
}

/** Nesting depth below which values are validated; CNI configurations are a handful of levels deep. */
const MAX_DEPTH = 64;

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

const joinPath = (path: string, key: string): string => {
  const seg = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (path === '') return /^[A-Za-z_$]/.test(seg) ? seg : `[${seg}]`;
  return seg.startsWith('"') ? `${path}[${seg}]` : `${path}.${seg}`;
};

/** Sets a property without ever touching the prototype (a key may be `__proto__`). */
function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The string value of a key of an object node, matched like Go does (exact, else ignoring case). */
function goStringProp(node: Node, key: string): string | undefined {
  let folded: string | undefined;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    if (k.value === key) return v.type === 'string' ? (v.value as string) : undefined;
    if (folded === undefined && String(k.value).toLowerCase() === key.toLowerCase() && v.type === 'string')
      folded = v.value as string;
  }
  return folded;
}

function hasExactKey(node: Node, key: string): boolean {
  return (node.children ?? []).some((p) => p.children?.[0]?.value === key);
}

/**
 * Validates the configuration `root` (the jsonc-parser tree of the whole `spec.config` object)
 * against the schemas: the top level against the common keys plus the plugin's schema when its
 * `type` has one, each `plugins[i]` against its plugin's schema, and each `ipam` object against
 * the schema of its `ipam.type`. Types without a schema get no field checks; the options are
 * accepted for symmetry with the other CNI checks and do not change that.
 */
export function validateWithSchemas(root: Node, text: string, _opts: SchemaValidationOptions = {}): JsonProblem[] {
  if (root.type !== 'object') return [];
  const v = new SchemaValidation(text);
  v.collect(root);
  return v.check();
}

class SchemaValidation {
  private readonly sites = new Map<string, Site>();
  private readonly runs: Run[] = [];
  private readonly problems: JsonProblem[] = [];
  private depth = 0;
  /** Earlier occurrences of a repeated key: Go decodes them too, so their type errors count. */
  private readonly shadowed: { node: Node; loc: SchemaLocation; ptr: string; path: string }[] = [];

  constructor(private readonly text: string) {}

  // -------------------------------------------------------------------------------------------
  // Building the instances: JSON values with canonical keys, and a map back to the nodes.

  collect(root: Node): void {
    const type = goStringProp(root, 'type');
    if (type) {
      this.config(root, '', '', undefined, type);
    } else if (hasExactKey(root, 'plugins')) {
      const schema = validationSchema('list') as SchemaNode;
      this.sites.set('', { value: root, path: '' });
      // libcni reads the top level of a list through a map: keys are case-sensitive there.
      const value = this.object(root, locationOf(schema), '', '', false, true);
      this.runs.push({ schema, pointer: '', path: '', label: 'the plugin list', value });
    } else {
      this.config(root, '', '', undefined, undefined);
    }
  }

  /** A plugin configuration: the top level of a single config, or one entry of `plugins`. */
  private config(node: Node, ptr: string, path: string, key: Node | undefined, type: string | undefined): unknown {
    const schema = validationSchema('plugin', type) ?? (validationSchema('common') as SchemaNode);
    this.sites.set(ptr, { value: node, key, path });
    const value = this.object(node, locationOf(schema), ptr, path, true, ptr === '');
    const where = path ? ` (${path})` : '';
    const label =
      schema['x-kind'] === 'plugin' ? `the ${ownerLabel(schema)} plugin${where}` : `the CNI configuration${where}`;
    this.runs.push({ schema, pointer: ptr, path, label, value });
    return value;
  }

  private value(
    node: Node,
    loc: SchemaLocation | undefined,
    ptr: string,
    path: string,
    key: Node | undefined,
  ): unknown {
    this.sites.set(ptr, { value: node, key, path });
    // Absurdly deep values are left out (as null, which no rule reports) instead of overflowing the stack.
    if (this.depth >= MAX_DEPTH) return null;
    this.depth++;
    try {
      if (node.type === 'object') return this.object(node, loc, ptr, path, true, false);
      if (node.type === 'array') {
        return (node.children ?? []).map((item, i) =>
          this.value(item, loc ? childSchema(loc, i) : undefined, `${ptr}/${i}`, `${path}[${i}]`, undefined),
        );
      }
      if (node.type === 'number' && loc) this.numberFormat(node, loc, path);
      return getNodeValue(node);
    } finally {
      this.depth--;
    }
  }

  /**
   * A whole number written as a float (1500.0) or with an exponent (15e2) where the plugin has a
   * Go integer: JavaScript reads 1500, but Go's decoder refuses the literal ("cannot unmarshal
   * number 1500.0 into Go struct field ... of type int").
   */
  private numberFormat(node: Node, loc: SchemaLocation, path: string): void {
    const schema = resolve(loc).node;
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.includes('integer') || types.includes('number')) return;
    const raw = this.text.slice(node.offset, node.offset + node.length);
    const value = node.value as number;
    if (!/[.eE]/.test(raw) || !Number.isSafeInteger(value)) return;
    const how = /[eE]/.test(raw) ? 'with an exponent' : 'with a decimal point';
    this.problems.push({
      code: 'cni/number-format',
      severity: 'error',
      message: `The field ${path} is an integer in the plugin, but ${raw} is written ${how}: the plugin's Go decoder rejects it ("cannot unmarshal number ${raw} into Go struct field ... of type int") and the pod does not start. Write ${value}.`,
      start: node.offset,
      end: node.offset + node.length,
      data: { suggestion: value },
    });
  }

  /**
   * An object: keys are matched to the schema's properties ignoring case when `fold` (hinting at
   * the canonical spelling); `ipam` of a plugin configuration switches to the IPAM schema, and the
   * entries of a top-level `plugins` array are plugin configurations of their own.
   */
  private object(
    node: Node,
    loc: SchemaLocation | undefined,
    ptr: string,
    path: string,
    fold: boolean,
    topLevel: boolean,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    // A plugin configuration (single config or `plugins` entry) is validated with a schema root.
    const isConfig =
      loc !== undefined &&
      loc.node === loc.root &&
      (loc.root['x-kind'] === 'plugin' || loc.root['x-kind'] === 'common');
    const earlier = new Map<string, Node>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      const raw = String(keyNode.value);
      let key = raw;
      if (fold && loc) {
        const m = matchKey(loc, raw);
        if (m?.caseOnly) {
          key = m.canonical;
          this.hintCanonical(keyNode, raw, key);
        }
      }
      const childPtr = `${ptr}/${escapePointer(key)}`;
      const childPath = joinPath(path, key);
      const before = earlier.get(key);
      const beforeLoc = before && loc ? childSchema(loc, key) : undefined;
      if (before && beforeLoc) this.shadowed.push({ node: before, loc: beforeLoc, ptr: childPtr, path: childPath });
      earlier.set(key, valueNode);
      let value: unknown;
      if (topLevel && key === 'plugins' && valueNode.type === 'array') {
        this.sites.set(childPtr, { value: valueNode, key: keyNode, path: childPath });
        value = (valueNode.children ?? []).map((entry, i) => {
          const entryPtr = `${childPtr}/${i}`;
          const entryPath = `${childPath}[${i}]`;
          if (entry.type !== 'object') return this.value(entry, undefined, entryPtr, entryPath, undefined);
          return this.config(entry, entryPtr, entryPath, undefined, goStringProp(entry, 'type'));
        });
      } else if (isConfig && loc && key === 'ipam' && valueNode.type === 'object') {
        value = this.ipam(valueNode, loc, childPtr, childPath, keyNode);
      } else {
        value = this.value(valueNode, loc ? childSchema(loc, key) : undefined, childPtr, childPath, keyNode);
      }
      define(out, key, value);
    }
    return out;
  }

  private ipam(node: Node, parent: SchemaLocation, ptr: string, path: string, key: Node): unknown {
    const type = goStringProp(node, 'type');
    const schema = type !== undefined ? validationSchema('ipam', type) : undefined;
    if (!schema) return this.value(node, childSchema(parent, 'ipam'), ptr, path, key);
    this.sites.set(ptr, { value: node, key, path });
    const value = this.object(node, locationOf(schema), ptr, path, true, false);
    this.runs.push({
      schema,
      pointer: ptr,
      path,
      label: `${type as string} IPAM${path === 'ipam' ? '' : ` (${path})`}`,
      value,
    });
    return value;
  }

  private hintCanonical(keyNode: Node, raw: string, canonical: string): void {
    this.problems.push({
      code: 'cni/unknown-field',
      severity: 'hint',
      message: `"${raw}" works because plugins match keys ignoring case, but use the canonical spelling "${canonical}".`,
      start: keyNode.offset,
      end: keyNode.offset + keyNode.length,
      data: { suggestion: canonical },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Validation and mapping of ajv's errors.

  check(): JsonProblem[] {
    for (const run of this.runs) {
      const validate = validatorFor(run.schema);
      validate(run.value);
      const errors = [...(validate.errors ?? [])];
      const typeFailed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
      for (const err of errors) {
        if (err.keyword !== 'type' && typeFailed.has(err.instancePath)) continue;
        this.map(run, err);
      }
    }
    for (const sh of this.shadowed) {
      const run = this.runFor(sh.ptr);
      if (run) this.shadowTypes(run, sh.node, sh.loc, sh.ptr, sh.path);
    }
    const seen = new Set<string>();
    return this.problems
      .filter((p) => {
        const k = `${p.code}|${p.start}|${p.end}|${p.severity}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  }

  /** The innermost run whose object contains `ptr`. */
  private runFor(ptr: string): Run | undefined {
    let best: Run | undefined;
    for (const run of this.runs) {
      const inside = run.pointer === '' || ptr === run.pointer || ptr.startsWith(`${run.pointer}/`);
      if (inside && (!best || run.pointer.length > best.pointer.length)) best = run;
    }
    return best;
  }

  /**
   * Type-checks a value that a later duplicate key replaced. Go decodes both occurrences, and a
   * type error in the first one fails the whole decode; value checks only see the last one.
   */
  private shadowTypes(run: Run, node: Node, loc: SchemaLocation, ptr: string, path: string): void {
    const schema = resolve(loc).node;
    if (node.type === 'null' || schema['x-checkedBy']) return;
    const expected = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (expected.length && !expected.some((t) => jsonTypeMatches(node, t))) {
      this.fieldType(run, { value: node, path }, ptr, schema);
      return;
    }
    if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        const key = matchKey(loc, String(k.value))?.canonical ?? String(k.value);
        const sub = childSchema(loc, key);
        if (sub) this.shadowTypes(run, v, sub, `${ptr}/${escapePointer(key)}`, joinPath(path, key));
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) => {
        const sub = childSchema(loc, i);
        if (sub) this.shadowTypes(run, item, sub, `${ptr}/${i}`, `${path}[${i}]`);
      });
    }
  }

  private map(run: Run, err: ErrorObject): void {
    const parent = (err.parentSchema ?? {}) as SchemaNode;
    const ptr = run.pointer + err.instancePath;
    const site = this.sites.get(ptr);
    if (!site) return;
    switch (err.keyword) {
      case 'additionalProperties':
        this.unknownField(
          run,
          site,
          ptr,
          parent,
          String((err.params as { additionalProperty: string }).additionalProperty),
        );
        return;
      case 'required':
        this.missingField(run, site, ptr, parent, String((err.params as { missingProperty: string }).missingProperty));
        return;
    }
    if (parent['x-checkedBy']) return;
    // Go leaves a field untouched when its JSON value is null: no error, except where noted.
    if (err.data === null && !parent['x-rejectsNull']) return;
    if (err.keyword === 'type') this.fieldType(run, site, ptr, parent);
    else this.invalidValue(run, site, ptr, parent, err);
  }

  /** The field's path relative to the object the run validates, e.g. `ranges[0][0].subnet`. */
  private rel(run: Run, site: Site): string {
    if (run.path === '') return site.path;
    const rest = site.path.slice(run.path.length);
    return rest.startsWith('.') ? rest.slice(1) : rest;
  }

  private raw(node: Node, max = 40): string {
    const s = this.text.slice(node.offset, node.offset + node.length);
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
  }

  private push<C extends RuleId>(
    codeId: C,
    severity: RuleSeverity<C>,
    message: string,
    start: number,
    end: number,
    data: Record<string, unknown>,
  ): void {
    this.problems.push(problem(codeId, severity, { message, start, end, data }));
  }

  private unknownField(run: Run, objSite: Site, objPtr: string, parent: SchemaNode, prop: string): void {
    if (isReservedKey(prop)) return;
    const site = this.sites.get(`${objPtr}/${escapePointer(prop)}`);
    const keyNode = site?.key;
    if (!site || !keyNode) return;
    const known = Object.keys(parent.properties ?? {});
    const start = keyNode.offset;
    const end = keyNode.offset + keyNode.length;
    const pointer = `${objPtr}/${escapePointer(prop)}`;

    if (run.schema['x-kind'] === 'list' && objPtr === run.pointer) {
      const caseMatch = known.find((k) => k.toLowerCase() === prop.toLowerCase());
      if (caseMatch) {
        this.push(
          'cni/unknown-field',
          'warning',
          `"${prop}" is not read: keys at the top level of a plugin list are case-sensitive. Write "${caseMatch}".`,
          start,
          end,
          { suggestion: caseMatch, field: prop, pointer },
        );
        return;
      }
      const common = validationSchema('common') as SchemaNode;
      if (common.properties && Object.prototype.hasOwnProperty.call(common.properties, prop)) {
        this.push(
          'cni/unknown-field',
          'warning',
          `"${prop}" is ignored at the top level of a plugin list; move it into the entry of plugins that should use it.`,
          start,
          end,
          { field: prop, pointer },
        );
        return;
      }
      const suggestion = closest(prop, known);
      this.push(
        'cni/unknown-field',
        'warning',
        `"${prop}" is not a key of a plugin list, so it is ignored (the list reads ${known
          .filter((k) => !isReservedKey(k) && k !== 'type')
          .join(', ')}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        start,
        end,
        suggestion ? { suggestion, field: prop, pointer } : { field: prop, pointer },
      );
      return;
    }

    const confusion = parent['x-confusions']?.[prop];
    const suggestion = confusion !== undefined && known.includes(confusion) ? confusion : closest(prop, known);
    const inner = objPtr === run.pointer ? '' : ` in ${this.rel(run, objSite)}`;
    const what = `"${prop}" is not a field${inner} of ${run.label}, so the plugin ignores it`;
    const fix = suggestion
      ? ` Did you mean "${suggestion}"?`
      : " Remove it, or check the spelling against the plugin's documentation.";
    this.push(
      'cni/unknown-field',
      'warning',
      `${what}.${fix}`,
      start,
      end,
      suggestion ? { suggestion, field: prop, pointer } : { field: prop, pointer },
    );
  }

  private missingField(run: Run, site: Site, ptr: string, parent: SchemaNode, missing: string): void {
    const where = ptr === run.pointer ? capitalize(run.label) : `The field ${this.rel(run, site)} of ${run.label}`;
    const sub = parent.properties?.[missing];
    const about = sub?.description ? `: ${decapitalize(plainText(firstSentence(sub.description)))}` : '';
    const message = `${where} requires the field ${missing}, and it is missing; the plugin rejects the configuration. Add ${missing}${about}.`;
    const anchor = site.key ?? site.value;
    const [start, end] = site.key ? [anchor.offset, anchor.offset + anchor.length] : [anchor.offset, anchor.offset + 1];
    this.push('cni/missing-field', 'error', message, start, end, { field: missing, pointer: ptr });
  }

  private fieldType(run: Run, site: Site, ptr: string, parent: SchemaNode): void {
    const expected = parent.type === undefined ? [] : Array.isArray(parent.type) ? parent.type : [parent.type];
    const node = site.value;
    const actual = describeKind(node);
    let fix = '';
    const v = node.value as unknown;
    if (
      node.type === 'string' &&
      (expected.includes('integer') || expected.includes('number')) &&
      /^-?\d+(\.\d+)?$/.test(String(v).trim())
    ) {
      fix = ` Write it without quotes: ${String(v).trim()}.`;
    } else if (node.type === 'string' && expected.includes('boolean') && /^(true|false)$/i.test(String(v))) {
      fix = ` Write it without quotes: ${String(v).toLowerCase()}.`;
    } else if (
      (node.type === 'number' || node.type === 'boolean') &&
      expected.includes('string') &&
      expected.length === 1
    ) {
      fix = ` Put it in quotes: "${this.raw(node)}".`;
    } else if (node.type === 'number' && expected.includes('integer')) {
      fix = ' Use a whole number.';
    }
    const rel = this.rel(run, site);
    const subject = rel === '' ? capitalize(run.label) : `The field ${rel} of ${run.label}`;
    const message = `${subject} must be ${expected.map(article).join(' or ')}, not ${actual}; the plugin fails to decode the configuration.${fix}`;
    this.push('cni/field-type', 'error', message, node.offset, node.offset + node.length, {
      expected,
      field: lastKey(ptr),
      pointer: ptr,
    });
  }

  private invalidValue(run: Run, site: Site, ptr: string, parent: SchemaNode, err: ErrorObject): void {
    const node = site.value;
    const severity: Severity = parent['x-severity'] ?? 'error';
    // Schema data: test/unit/ruleCatalog.test.ts checks each pair against the catalog.
    const codeId: RuleId = parent['x-errorCode'] ?? 'cni/invalid-value';
    const must = severity === 'error' ? 'must' : 'should';
    const rel = this.rel(run, site);
    const subject = rel === '' ? capitalize(run.label) : `The field ${rel} of ${run.label}`;
    const got = this.raw(node);
    const note = parent['x-invalidNote'] ? ` ${parent['x-invalidNote']}` : '';
    const data: Record<string, unknown> = { field: lastKey(ptr), pointer: ptr };
    let message: string;
    const allowed = allowedValues(parent);
    if ((err.keyword === 'enum' || err.keyword === 'const' || err.keyword === 'pattern') && allowed?.length) {
      const suggestion = typeof node.value === 'string' ? closestValue(node.value, allowed.map(String)) : undefined;
      const anyCase = err.keyword === 'pattern' ? ' (any letter case)' : '';
      data.allowed = allowed;
      if (suggestion !== undefined) data.suggestion = suggestion;
      message = `${subject} ${must} be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}${anyCase}, not ${got}.${note}${suggestion !== undefined ? ` Did you mean "${suggestion}"?` : ''}`;
    } else if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(err.keyword)) {
      const { minimum, maximum } = parent;
      let range: string;
      if (minimum !== undefined && maximum !== undefined) range = `between ${minimum} and ${maximum}`;
      else if (minimum !== undefined) range = `at least ${minimum}`;
      else if (maximum !== undefined) range = `at most ${maximum}`;
      else range = String(err.message ?? 'in range');
      if (minimum !== undefined) data.minimum = minimum;
      if (maximum !== undefined) data.maximum = maximum;
      message = `${subject} ${must} be ${range}; ${got} is out of range.${note}`;
    } else if (err.keyword === 'minLength' && parent.minLength === 1) {
      message =
        codeId === 'cni/missing-field'
          ? `${subject} is empty, but the plugin requires it and rejects the configuration. Set it${parent.description ? `: ${decapitalize(plainText(firstSentence(parent.description)))}` : ''}.`
          : `${subject} ${must} not be empty.${note}`;
    } else if (err.keyword === 'pattern') {
      message = `${subject} ${must} match the pattern ${String(parent.pattern)}; ${got} does not.${note}`;
    } else {
      message = `${subject}: ${got} is not allowed (${err.message ?? err.keyword}).${note}`;
    }
    this.push(codeId, severity, message, node.offset, node.offset + node.length, data);
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function lastKey(ptr: string): string {
  const seg = ptr.slice(ptr.lastIndexOf('/') + 1);
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The first sentence, without its full stop (a `.` ends a sentence before a capital letter or the end). */
function firstSentence(s: string): string {
  const m = /^(.*?)[.!?](?=\s+[A-Z]|\s*$)/.exec(s);
  return m ? m[1] : s;
}

/** Lower-cases the first letter unless the word is an acronym (`VLAN`, `DNS`). */
function decapitalize(s: string): string {
  return /^[A-Z][A-Z]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

function article(type: string): string {
  switch (type) {
    case 'integer':
      return 'an integer';
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    default:
      return type;
  }
}

function jsonTypeMatches(node: Node, type: string): boolean {
  switch (type) {
    case 'integer':
      return node.type === 'number' && Number.isInteger(node.value);
    case 'number':
      return node.type === 'number';
    default:
      return node.type === type;
  }
}

function describeKind(node: Node): string {
  switch (node.type) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(node.value) ? 'a number' : 'a fractional number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return node.type;
  }
}

/** The closest known key to `key` (the did-you-mean policy of core/text/suggest.ts), reserved keys aside. */
function closest(key: string, candidates: readonly string[]): string | undefined {
  return closestOne(
    key,
    candidates.filter((c) => !isReservedKey(c)),
  );
}

/** The allowed value closest to `value` (a letter-case slip always counts). */
function closestValue(value: string, allowed: readonly string[]): string | undefined {
  const same = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (same !== undefined) return same;
  return value === '' ? undefined : closest(value, allowed);
}

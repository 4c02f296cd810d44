// The CNI configuration schemas (schemas/cni/**): loading, one-time compilation with ajv, and
// look-ups of field documentation for hover and completion. No LSP types here.
import Ajv, { type ValidateFunction } from 'ajv';
import type { RuleId, Severity } from '../rules';

import commonJson from '../../../../schemas/cni/common.schema.json';
import bandwidthJson from '../../../../schemas/cni/bandwidth.schema.json';
import bridgeJson from '../../../../schemas/cni/bridge.schema.json';
import dummyJson from '../../../../schemas/cni/dummy.schema.json';
import firewallJson from '../../../../schemas/cni/firewall.schema.json';
import hostDeviceJson from '../../../../schemas/cni/host-device.schema.json';
import ipvlanJson from '../../../../schemas/cni/ipvlan.schema.json';
import loopbackJson from '../../../../schemas/cni/loopback.schema.json';
import macvlanJson from '../../../../schemas/cni/macvlan.schema.json';
import portmapJson from '../../../../schemas/cni/portmap.schema.json';
import ptpJson from '../../../../schemas/cni/ptp.schema.json';
import sbrJson from '../../../../schemas/cni/sbr.schema.json';
import sriovJson from '../../../../schemas/cni/sriov.schema.json';
import tapJson from '../../../../schemas/cni/tap.schema.json';
import tuningJson from '../../../../schemas/cni/tuning.schema.json';
import vlanJson from '../../../../schemas/cni/vlan.schema.json';
import vrfJson from '../../../../schemas/cni/vrf.schema.json';
import dhcpJson from '../../../../schemas/cni/ipam/dhcp.schema.json';
import hostLocalJson from '../../../../schemas/cni/ipam/host-local.schema.json';
import staticJson from '../../../../schemas/cni/ipam/static.schema.json';
import whereaboutsJson from '../../../../schemas/cni/ipam/whereabouts.schema.json';

/** The subset of JSON Schema (draft-07) plus our `x-` keywords that this code reads. */
export interface SchemaNode {
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  required?: string[];
  definitions?: Record<string, SchemaNode>;
  'x-docs'?: string;
  'x-kind'?: 'plugin' | 'ipam' | 'common' | 'list';
  'x-plugin'?: string;
  'x-extends'?: string;
  'x-listKeys'?: string[];
  'x-confusions'?: Record<string, string>;
  'x-enumValues'?: string[];
  'x-severity'?: Severity;
  'x-invalidNote'?: string;
  'x-errorCode'?: RuleId;
  'x-rejectsNull'?: boolean;
  'x-checkedBy'?: RuleId;
}

/** A schema node together with the `$id` of the document it lives in (for resolving `$ref`). */
export interface SchemaLocation {
  node: SchemaNode;
  base: string;
  /** The schema root the node belongs to (plugin, IPAM, common or list schema). */
  root: SchemaNode;
}

export type SchemaKind = 'plugin' | 'ipam';

/** Documentation of one field, for hovers. */
export interface FieldDoc {
  /** Canonical key, as the schema spells it. */
  name: string;
  description?: string;
  /** Upstream documentation of the plugin (or of the CNI spec for common keys). */
  docsUrl?: string;
  /** What the field belongs to: `macvlan`, `whereabouts IPAM`, `CNI configuration`, ... */
  owner: string;
  /** Human-readable JSON type, e.g. `integer`, `array of string`, `boolean or string`. */
  type?: string;
  /** Allowed values (from `enum` or `x-enumValues`; the empty string is left out). */
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  examples?: unknown[];
  /** A key the runtime produces (`runtimeConfig`, `args`, `prevResult`, `cni.dev/...`). */
  reserved?: boolean;
}

/** One field of an object, for completion. */
export interface FieldInfo extends FieldDoc {
  required: boolean;
}

export type JsonPath = readonly (string | number)[];

const BASE = 'https://schemas.multus-networks.invalid/cni/';
const COMMON_ID = `${BASE}common.schema.json`;
const LIST_ID = `${BASE}list.schema.json`;

const asSchema = (json: unknown): SchemaNode => json as SchemaNode;

const COMMON = asSchema(commonJson);

const PLUGIN_SCHEMAS: readonly SchemaNode[] = [
  bridgeJson,
  macvlanJson,
  ipvlanJson,
  vlanJson,
  hostDeviceJson,
  ptpJson,
  tapJson,
  dummyJson,
  loopbackJson,
  tuningJson,
  bandwidthJson,
  portmapJson,
  firewallJson,
  sbrJson,
  vrfJson,
  sriovJson,
].map(asSchema);

const IPAM_SCHEMAS: readonly SchemaNode[] = [hostLocalJson, staticJson, dhcpJson, whereaboutsJson].map(asSchema);

/** Keys at any plugin level that the runtime produces; never reported as unknown here. */
export const RESERVED_KEYS: readonly string[] = ['runtimeConfig', 'args', 'prevResult'];
export const isReservedKey = (key: string): boolean => RESERVED_KEYS.includes(key) || key.startsWith('cni.dev/');

/**
 * Plugin types that exist but whose fields we do not check (no schema). Sources: the corpus of
 * real NADs and the projects' own docs and manifests (ovs-cni, bond-cni, ib-sriov-cni, macvtap-cni,
 * userspace-cni, rdma-cni, route-override-cni, accelerated-bridge-cni, ipoib-cni, Spiderpool's
 * coordinator/ifacer/veth, KubeVirt's network binding plugins, Antrea and Kube-OVN secondary
 * networks, OVN-Kubernetes user-defined networks, the default CNIs Multus wraps). Being listed
 * keeps a real plugin that is one letter away from a reference one (macvtap, vxlan, tun) from being
 * taken for a misspelling.
 */
export const THIRD_PARTY_PLUGIN_TYPES: readonly string[] = [
  'accelerated-bridge',
  'antrea',
  'aws-cni',
  'azure-vnet',
  'bond',
  'calico',
  'cilium-cni',
  'cni-passt-binding-plugin',
  'cnv-bridge',
  'cnv-tuning',
  'coordinator',
  'egress-cni',
  'egress-router',
  'flannel',
  'ib-sriov',
  'ifacer',
  'ipoib',
  'istio-cni',
  'kube-ovn',
  'kubevirt-passt-binding',
  'linkerd-cni',
  'macvtap',
  'meshnet',
  'multus',
  'multus-shim',
  'nsx',
  'openshift-sdn',
  'ovn-k8s-cni-overlay',
  'ovs',
  'ovs-mirror-consumer',
  'ovs-mirror-producer',
  'rdma',
  'route-override',
  'tc-redirect-tap',
  'terway',
  'tun',
  'userspace',
  'veth',
  'vhostuser',
  'vxlan',
  'weave-net',
  'win-bridge',
  'win-overlay',
];

/** IPAM types that exist but whose fields we do not check. */
export const THIRD_PARTY_IPAM_TYPES: readonly string[] = [
  'antrea',
  'azure-vnet-ipam',
  'calico-ipam',
  'kube-ovn',
  'nv-ipam',
  'spiderpool',
];

const pluginType = (s: SchemaNode): string => s['x-plugin'] ?? '';

/** Plugin types that have a schema (their fields are checked). */
export const schemaPluginTypes: readonly string[] = PLUGIN_SCHEMAS.map(pluginType);
/** IPAM types that have a schema. */
export const schemaIpamTypes: readonly string[] = IPAM_SCHEMAS.map(pluginType);

/** Every plugin type we know: those with a schema plus well-known third-party ones. Sorted. */
export const knownPluginTypes: readonly string[] = [
  ...new Set([...schemaPluginTypes, ...THIRD_PARTY_PLUGIN_TYPES]),
].sort();
/** Every IPAM type we know. Sorted. */
export const knownIpamTypes: readonly string[] = [...new Set([...schemaIpamTypes, ...THIRD_PARTY_IPAM_TYPES])].sort();

export function isKnownPluginType(type: string, extra: readonly string[] = []): boolean {
  return knownPluginTypes.includes(type) || extra.includes(type);
}

export function isKnownIpamType(type: string, extra: readonly string[] = []): boolean {
  return knownIpamTypes.includes(type) || extra.includes(type);
}

// ---------------------------------------------------------------------------------------------
// Derived schemas: plugin schemas with the common keys merged in, and the plugin-list top level.

function withCommonKeys(plugin: SchemaNode): SchemaNode {
  return {
    ...plugin,
    // The plugin's own keys first (completion order); on a clash the plugin's definition wins.
    properties: { ...plugin.properties, ...COMMON.properties, ...plugin.properties },
    patternProperties: { ...COMMON.patternProperties, ...plugin.patternProperties },
  };
}

function listSchema(): SchemaNode {
  const keep = new Set([...(COMMON['x-listKeys'] ?? []), ...RESERVED_KEYS, 'type']);
  const properties: Record<string, SchemaNode> = {};
  for (const [k, v] of Object.entries(COMMON.properties ?? {})) if (keep.has(k)) properties[k] = v;
  return {
    $id: LIST_ID,
    title: 'plugin list',
    description: 'Top level of a configuration list: the keys libcni reads there (case-sensitively) and `plugins`.',
    'x-kind': 'list',
    'x-docs': COMMON['x-docs'],
    type: 'object',
    properties,
    patternProperties: COMMON.patternProperties,
    additionalProperties: false,
  };
}

const MERGED_PLUGINS = new Map<string, SchemaNode>(PLUGIN_SCHEMAS.map((s) => [pluginType(s), withCommonKeys(s)]));
const IPAMS = new Map<string, SchemaNode>(IPAM_SCHEMAS.map((s) => [pluginType(s), s]));
const LIST = listSchema();

/** Every schema document by `$id`, as used for validation (plugins merged with common keys). */
const BY_ID = new Map<string, SchemaNode>();
for (const s of [COMMON, LIST, ...MERGED_PLUGINS.values(), ...IPAMS.values()]) if (s.$id) BY_ID.set(s.$id, s);

// ---------------------------------------------------------------------------------------------
// Compilation: validators generated at build time (scripts/compile-validators.mjs, registered by
// cni/precompiled.ts) when present; otherwise one Ajv, each schema compiled once, on first use.

/** The options every CNI validator is compiled with, at build time and at run time. */
export const CNI_AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Every schema validated with, by `$id` (the common schema first: the others refer to it). */
export function validatedSchemas(): [string, SchemaNode][] {
  return [...BY_ID];
}

/** Installs validators compiled ahead of time, by schema `$id`. */
export function usePrecompiledValidators(validators: ReadonlyMap<string, ValidateFunction>): void {
  for (const [id, fn] of validators) if (BY_ID.has(id)) compiled.set(id, fn);
}

function getAjv(): Ajv {
  if (!ajv) {
    // verbose: errors carry `parentSchema`, whose `properties` and `x-` keywords drive the messages.
    ajv = new Ajv(CNI_AJV_OPTIONS);
    ajv.addSchema(COMMON as object);
  }
  return ajv;
}

function compiledFor(schema: SchemaNode): ValidateFunction {
  const id = schema.$id ?? '';
  let fn = compiled.get(id);
  if (!fn) {
    const a = getAjv();
    fn = id === COMMON_ID ? a.getSchema(COMMON_ID) : a.compile(schema as object);
    if (!fn) throw new Error(`schema ${id} did not compile`);
    compiled.set(id, fn);
  }
  return fn;
}

export type ValidatorKind = 'plugin' | 'ipam' | 'common' | 'list';

/** The schema used to validate one kind of object; `undefined` for types without a schema. */
export function validationSchema(kind: ValidatorKind, type?: string): SchemaNode | undefined {
  switch (kind) {
    case 'plugin':
      return type === undefined ? undefined : MERGED_PLUGINS.get(type);
    case 'ipam':
      return type === undefined ? undefined : IPAMS.get(type);
    case 'common':
      return COMMON;
    case 'list':
      return LIST;
  }
}

/** The compiled validator for a schema returned by `validationSchema`. */
export function validatorFor(schema: SchemaNode): ValidateFunction {
  return compiledFor(schema);
}

/**
 * The schema of a plugin type (with the common keys merged in) or of an IPAM type; `undefined`
 * when we have none (third-party or unknown types).
 */
export function schemaFor(type: string, kind: SchemaKind = 'plugin'): SchemaNode | undefined {
  return kind === 'plugin' ? MERGED_PLUGINS.get(type) : IPAMS.get(type);
}

export function hasSchema(type: string, kind: SchemaKind = 'plugin'): boolean {
  return schemaFor(type, kind) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Walking schemas: `$ref` resolution, child look-up with Go's case-insensitive key matching.

export function locationOf(root: SchemaNode): SchemaLocation {
  return { node: root, base: root.$id ?? COMMON_ID, root };
}

function pointerGet(doc: SchemaNode, fragment: string): SchemaNode | undefined {
  let cur: unknown = doc;
  for (const raw of fragment.split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur && typeof cur === 'object' ? (cur as SchemaNode) : undefined;
}

/** Follows `$ref`s; keywords next to a `$ref` (e.g. a more specific description) win. */
export function resolve(loc: SchemaLocation): SchemaLocation {
  let { node, base, root } = loc;
  for (let guard = 0; node.$ref !== undefined && guard < 10; guard++) {
    const url = new URL(node.$ref, base);
    const hash = url.hash;
    url.hash = '';
    const docId = url.href;
    const doc = docId === (root.$id ?? '') ? root : BY_ID.get(docId);
    if (!doc) break;
    const target = hash ? pointerGet(doc, hash.slice(1)) : doc;
    if (!target) break;
    const siblings: SchemaNode = { ...node };
    delete siblings.$ref;
    node = { ...target, ...siblings };
    base = doc.$id ?? base;
    root = doc;
  }
  return { node, base, root };
}

export interface KeyMatch {
  /** The property name as the schema spells it. */
  canonical: string;
  /** True when the key matched only ignoring case. */
  caseOnly: boolean;
}

/**
 * Which declared property a key selects, the way Go's encoding/json does it: an exact match
 * first, then the first property equal ignoring case. `undefined` when none.
 */
export function matchKey(loc: SchemaLocation, key: string): KeyMatch | undefined {
  const props = resolve(loc).node.properties;
  if (!props) return undefined;
  if (Object.prototype.hasOwnProperty.call(props, key)) return { canonical: key, caseOnly: false };
  const folded = key.toLowerCase();
  for (const name of Object.keys(props)) if (name.toLowerCase() === folded) return { canonical: name, caseOnly: true };
  return undefined;
}

/** The schema of a child: a property (exact key), a pattern property, additional properties or array items. */
export function childSchema(loc: SchemaLocation, key: string | number): SchemaLocation | undefined {
  const r = resolve(loc);
  const n = r.node;
  const at = (node: SchemaNode | undefined): SchemaLocation | undefined =>
    node ? resolve({ node, base: r.base, root: r.root }) : undefined;
  if (typeof key === 'number') {
    if (Array.isArray(n.items)) return at(n.items[key]);
    return n.items && typeof n.items === 'object' ? at(n.items) : undefined;
  }
  if (n.properties && Object.prototype.hasOwnProperty.call(n.properties, key)) return at(n.properties[key]);
  for (const [pattern, sub] of Object.entries(n.patternProperties ?? {})) {
    if (new RegExp(pattern, 'u').test(key)) return at(sub);
  }
  if (n.additionalProperties && typeof n.additionalProperties === 'object') return at(n.additionalProperties);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Documentation look-ups.

/** `macvlan`, `whereabouts IPAM`, `plugin list` or `CNI configuration`. */
export function ownerLabel(root: SchemaNode): string {
  switch (root['x-kind']) {
    case 'plugin':
      return pluginType(root);
    case 'ipam':
      return `${pluginType(root)} IPAM`;
    case 'list':
      return 'plugin list';
    default:
      return 'CNI configuration';
  }
}

/** Human-readable type of a schema node: `integer`, `array of string`, `map of string to boolean`. */
export function typeSummary(loc: SchemaLocation): string | undefined {
  const r = resolve(loc);
  const n = r.node;
  const types = n.type === undefined ? [] : Array.isArray(n.type) ? n.type : [n.type];
  if (types.length === 1 && types[0] === 'array') {
    const item = childSchema(r, 0);
    const inner = item ? typeSummary(item) : undefined;
    return inner ? `array of ${inner}` : 'array';
  }
  if (
    types.length === 1 &&
    types[0] === 'object' &&
    !n.properties &&
    n.additionalProperties &&
    typeof n.additionalProperties === 'object'
  ) {
    const inner = typeSummary({ node: n.additionalProperties, base: r.base, root: r.root });
    return inner ? `map of string to ${inner}` : 'object';
  }
  return types.length ? types.join(' or ') : undefined;
}

/** Allowed values of a node, for messages and completion (empty string left out). */
export function allowedValues(node: SchemaNode): unknown[] | undefined {
  const values = node['x-enumValues'] ?? node.enum ?? (node.const !== undefined ? [node.const] : undefined);
  return values?.filter((v) => v !== '');
}

function docOf(name: string, loc: SchemaLocation, ownerRoot: SchemaNode): FieldDoc {
  const n = resolve(loc).node;
  const doc: FieldDoc = {
    name,
    description: n.description,
    docsUrl: ownerRoot['x-docs'] ?? COMMON['x-docs'],
    owner: ownerLabel(ownerRoot),
    type: typeSummary(loc),
  };
  const allowed = allowedValues(n);
  if (allowed?.length) doc.enum = allowed;
  if (n.default !== undefined) doc.default = n.default;
  if (n.minimum !== undefined) doc.minimum = n.minimum;
  if (n.maximum !== undefined) doc.maximum = n.maximum;
  if (n.examples !== undefined) doc.examples = n.examples;
  if (isReservedKey(name)) doc.reserved = true;
  return doc;
}

/** The root schema for a plugin configuration object: its plugin schema, or the common keys. */
function pluginRoot(type: string | undefined): SchemaNode {
  return (type !== undefined ? MERGED_PLUGINS.get(type) : undefined) ?? COMMON;
}

/** Which document a key of a plugin configuration is documented in (common keys → the CNI spec). */
function ownerFor(root: SchemaNode, key: string | number | undefined): SchemaNode {
  if (
    root['x-kind'] === 'plugin' &&
    typeof key === 'string' &&
    COMMON.properties?.[key] &&
    !PLUGIN_OWN_KEYS.get(root)?.has(key)
  )
    return COMMON;
  return root;
}

const PLUGIN_OWN_KEYS = new Map<SchemaNode, Set<string>>(
  PLUGIN_SCHEMAS.map((s) => [
    MERGED_PLUGINS.get(pluginType(s)) as SchemaNode,
    new Set(Object.keys(s.properties ?? {})),
  ]),
);

/**
 * Walks `path` from the root of a plugin configuration (a single config, or one `plugins`
 * entry), switching to the IPAM schema under `ipam` when `ipamType` has one. Keys match the way
 * Go matches them (ignoring case). Returns the final location, its canonical name and the
 * document that owns it.
 */
function walk(
  pluginTypeName: string | undefined,
  path: JsonPath,
  ipamType?: string,
): { loc: SchemaLocation; name: string; owner: SchemaNode } | undefined {
  const root = pluginRoot(pluginTypeName);
  let loc = locationOf(root);
  let owner = root;
  let name = '';
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'string') {
      const m = matchKey(loc, seg);
      const key = m?.canonical ?? seg;
      if (i === 0) owner = ownerFor(root, key);
      if (i === 0 && key === 'ipam' && ipamType !== undefined && IPAMS.has(ipamType) && path.length > 1) {
        const ipam = IPAMS.get(ipamType) as SchemaNode;
        loc = locationOf(ipam);
        owner = ipam;
        name = key;
        continue;
      }
      const next = childSchema(loc, key);
      if (!next) return undefined;
      loc = next;
      name = key;
    } else {
      const next = childSchema(loc, seg);
      if (!next) return undefined;
      loc = next;
    }
  }
  return { loc, name, owner };
}

/**
 * Documentation of the field at `jsonPath` inside a plugin configuration of type `pluginType`
 * (pass `undefined` or an unknown type for the common keys only). Under `ipam`, the IPAM schema
 * of `ipamType` is used. Keys are matched ignoring case, as the plugins do.
 */
export function describeField(
  pluginTypeName: string | undefined,
  jsonPath: JsonPath,
  ipamType?: string,
): FieldDoc | undefined {
  if (jsonPath.length === 0) return undefined;
  const w = walk(pluginTypeName, jsonPath, ipamType);
  if (!w) return undefined;
  const last = jsonPath[jsonPath.length - 1];
  return docOf(typeof last === 'string' ? w.name : w.name || String(last), w.loc, w.owner);
}

/**
 * The fields of the object at `subPath` inside a plugin configuration (`kind` 'plugin') or an
 * IPAM object (`kind` 'ipam'); for completion. Unknown plugin types give the common keys; unknown
 * IPAM types give just `type`.
 */
export function fieldsOf(type: string | undefined, kind: SchemaKind = 'plugin', subPath: JsonPath = []): FieldInfo[] {
  let loc: SchemaLocation | undefined;
  let owner: SchemaNode;
  if (kind === 'ipam') {
    const ipam = type !== undefined ? IPAMS.get(type) : undefined;
    if (!ipam) {
      const ipamProp = COMMON.properties?.ipam as SchemaNode;
      loc = { node: ipamProp, base: COMMON_ID, root: COMMON };
      owner = COMMON;
    } else {
      loc = locationOf(ipam);
      owner = ipam;
    }
    for (const seg of subPath) {
      if (!loc) break;
      loc = childSchema(loc, typeof seg === 'string' ? (matchKey(loc, seg)?.canonical ?? seg) : seg);
    }
  } else {
    if (subPath.length === 0) {
      const root = pluginRoot(type);
      loc = locationOf(root);
      owner = root;
    } else {
      const w = walk(type, subPath);
      loc = w?.loc;
      owner = w?.owner ?? COMMON;
    }
  }
  if (!loc) return [];
  const r = resolve(loc);
  const required = new Set(r.node.required ?? []);
  const rootLevel = kind === 'plugin' && subPath.length === 0;
  return Object.entries(r.node.properties ?? {}).map(([name, node]) => {
    const fieldOwner = rootLevel ? ownerFor(owner, name) : owner;
    return { ...docOf(name, { node, base: r.base, root: r.root }, fieldOwner), required: required.has(name) };
  });
}

/** Keys read at the top level of a `plugins` list. */
export function listFields(): FieldInfo[] {
  const loc = locationOf(LIST);
  return Object.entries(LIST.properties ?? {}).map(([name, node]) => ({
    ...docOf(name, { node, base: loc.base, root: loc.root }, COMMON),
    required: false,
  }));
}

// ---------------------------------------------------------------------------------------------
// Look-ups from a whole parsed configuration (hover/completion convenience).

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Value of a key the way Go finds it: exact, else first key equal ignoring case. */
function goGet(obj: Record<string, unknown>, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  const folded = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === folded) return obj[k];
  return undefined;
}

interface Scope {
  /** Plugin configuration object the path is inside, or undefined for the list top level. */
  config?: Record<string, unknown>;
  rest: JsonPath;
}

function scopeOf(config: unknown, jsonPath: JsonPath): Scope | undefined {
  if (!isObject(config)) return undefined;
  const t = goGet(config, 'type');
  const single = typeof t === 'string' && t !== '';
  if (
    jsonPath[0] === 'plugins' &&
    Array.isArray(config.plugins) &&
    jsonPath.length >= 2 &&
    typeof jsonPath[1] === 'number'
  ) {
    const entry = config.plugins[jsonPath[1]];
    return isObject(entry) ? { config: entry, rest: jsonPath.slice(2) } : undefined;
  }
  if (!single && Object.prototype.hasOwnProperty.call(config, 'plugins')) return { rest: jsonPath };
  return { config, rest: jsonPath };
}

function ipamTypeOf(config: Record<string, unknown>): string | undefined {
  const ipam = goGet(config, 'ipam');
  if (!isObject(ipam)) return undefined;
  const t = goGet(ipam, 'type');
  return typeof t === 'string' ? t : undefined;
}

/**
 * Documentation of the field at `jsonPath` (from the root of the whole configuration, e.g.
 * `['plugins', 0, 'ipam', 'range']`), picking the plugin and IPAM schemas from the configuration.
 */
export function describeAt(config: unknown, jsonPath: JsonPath): FieldDoc | undefined {
  const scope = scopeOf(config, jsonPath);
  if (!scope || scope.rest.length === 0) return undefined;
  if (!scope.config) {
    const key = scope.rest[0];
    if (scope.rest.length !== 1 || typeof key !== 'string') return undefined;
    const node = LIST.properties?.[key];
    return node ? docOf(key, { node, base: COMMON_ID, root: COMMON }, COMMON) : undefined;
  }
  const t = goGet(scope.config, 'type');
  return describeField(typeof t === 'string' ? t : undefined, scope.rest, ipamTypeOf(scope.config));
}

/** The fields of the object at `jsonPath` (from the configuration root), for completion. */
export function fieldsAt(config: unknown, jsonPath: JsonPath): FieldInfo[] {
  const scope = scopeOf(config, jsonPath);
  if (!scope) return [];
  if (!scope.config) return scope.rest.length === 0 ? listFields() : [];
  const t = goGet(scope.config, 'type');
  const type = typeof t === 'string' ? t : undefined;
  const rest = scope.rest;
  if (rest.length >= 1 && typeof rest[0] === 'string' && rest[0].toLowerCase() === 'ipam')
    return fieldsOf(ipamTypeOf(scope.config), 'ipam', rest.slice(1));
  return fieldsOf(type, 'plugin', rest);
}

// Validates a CephCluster's spec.network against Rook's CRD schema (schemas/rook/network.schema.json)
// for YAML *types* only: wrong types become `k8s/schema`. Enum and pattern failures are left to the
// specific rook/ rules (unknown-provider, ip-family, address-range-invalid), so nothing is reported
// twice. A null where the schema does not allow one is not an error: the API server prunes it.
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { Document, isMap, isSeq, Node } from 'yaml';
import networkSchema from '../../../../schemas/rook/network.schema.json';
import type { Problem } from '../types';
import { deref, mapGet, yamlTypeName } from '../yaml/yamlFile';

/** The options the validator is compiled with, at build time and at run time. */
export const NETWORK_AJV_OPTIONS = { allErrors: true, strict: false } as const;
export const NETWORK_SCHEMA: object = networkSchema;

let validator: ValidateFunction | undefined;

/** Installs the validator compiled ahead of time (scripts/compile-validators.mjs). */
export function usePrecompiledNetworkValidator(fn: ValidateFunction): void {
  validator = fn;
}

function validate(data: unknown): ValidateFunction {
  validator ??= new Ajv(NETWORK_AJV_OPTIONS).compile(networkSchema);
  validator(data);
  return validator;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  number: 'a number',
  integer: 'an integer',
};

export function checkNetworkSchema(network: Node, doc: Document.Parsed, path: string, problems: Problem[]): void {
  let data: unknown;
  try {
    // The document's logLevel ('error') keeps the yaml library's warnings (e.g. "Keys with collection
    // values will be stringified") off stderr: they are not the user's findings.
    data = network.toJS(doc, { maxAliasCount: 1000 });
  } catch {
    return; // alias bombs and the like are reported by the YAML layer
  }
  const errors = validate(data).errors;
  if (!errors) return;
  const seen = new Set<string>();
  for (const err of errors) {
    if (err.keyword !== 'type' || err.data === null) continue;
    if (seen.has(err.instancePath)) continue;
    seen.add(err.instancePath);
    const node = nodeAt(network, err.instancePath, doc);
    const r = node?.range ?? network.range;
    if (!r) continue;
    problems.push({
      code: 'k8s/schema',
      severity: 'error',
      message: `The field ${path}${dotted(err)} must be ${expected(err)}, not ${yamlTypeName(node)}; the API server rejects the CephCluster.`,
      start: r[0],
      end: r[1],
    });
  }
}

function expected(err: ErrorObject): string {
  const t = (err.params as { type?: string | string[] }).type;
  const list = Array.isArray(t) ? t : [t ?? 'object'];
  return list.map((x) => TYPE_NAMES[x] ?? x).join(' or ');
}

function segments(instancePath: string): string[] {
  return instancePath === ''
    ? []
    : instancePath
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function dotted(err: ErrorObject): string {
  return segments(err.instancePath)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('');
}

function nodeAt(root: Node, instancePath: string, doc: Document): Node | undefined {
  let cur: Node | undefined = root;
  for (const seg of segments(instancePath)) {
    if (isMap(cur)) cur = mapGet(cur, seg, doc);
    else if (isSeq(cur)) cur = deref(cur.items[Number(seg)], doc);
    else return undefined;
  }
  return cur;
}

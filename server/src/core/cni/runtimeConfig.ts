// A `runtimeConfig` written into the NAD by hand. The runtime replaces it only when it passes
// capability data; otherwise the plugin (and its IPAM plugin, which decodes the same JSON) reads it
// as written, and a field of the wrong JSON type fails the decode ("cannot unmarshal string into Go
// struct field .runtimeConfig.ips"). The shapes are those of the reference plugins' RuntimeConfig
// structs; unknown keys are ignored there, as Go does.
import type { Node } from 'jsonc-parser';
import type { Findings } from './findings';
import { field, items, members, setValue } from './jsonNodes';

type Shape =
  'string' | 'integer' | 'unsigned' | { object: Record<string, Shape> } | { array: Shape } | { anyObject: true };

const MAC: Record<string, Shape> = { mac: 'string' };
const BANDWIDTH: Shape = {
  object: { ingressRate: 'unsigned', ingressBurst: 'unsigned', egressRate: 'unsigned', egressBurst: 'unsigned' },
};
const PORT_MAPPING: Shape = {
  object: { hostPort: 'integer', containerPort: 'integer', protocol: 'string', hostIP: 'string' },
};

/** The runtimeConfig fields each plugin decodes. */
const PLUGIN_FIELDS: Record<string, Record<string, Shape>> = {
  macvlan: MAC,
  bridge: MAC,
  tap: MAC,
  tuning: MAC,
  'host-device': { deviceID: 'string' },
  bandwidth: { bandwidth: BANDWIDTH },
  portmap: { portMappings: { array: PORT_MAPPING } },
};

/** The runtimeConfig fields each IPAM plugin decodes (from the same top-level object). */
const IPAM_FIELDS: Record<string, Record<string, Shape>> = {
  'host-local': { ipRanges: { array: { array: { anyObject: true } } }, ips: { array: 'string' } },
  static: { ips: { array: 'string' } },
};

/** Checks a hand-written runtimeConfig of one plugin entry against what its plugin and IPAM decode. */
export function checkRuntimeConfig(entry: Node, type: string, ipamType: string | undefined, f: Findings): void {
  const rc = setValue(field(entry, 'runtimeConfig'));
  if (!rc) return;
  const own = PLUGIN_FIELDS[type];
  const ipam = ipamType ? IPAM_FIELDS[ipamType] : undefined;
  if (!own && !ipam) return;
  const decoders = [own ? type : undefined, ipam ? `its ${ipamType} IPAM` : undefined].filter(Boolean).join(' and ');
  const fields = { ...ipam, ...own };
  check(rc, { object: fields }, 'runtimeConfig', decoders, f);
}

function check(n: Node, shape: Shape, path: string, decoders: string, f: Findings): void {
  if (n.type === 'null') return;
  const wrong = (expected: string): void =>
    f.error(
      'cni/field-type',
      `The field ${path} must be ${expected}, not ${describe(n)}: ${decoders} fails to decode the config ("cannot unmarshal ... into Go struct field ${path}") and the pod does not start. The runtime normally fills runtimeConfig from capabilities; remove it, or fix the value.`,
      n,
      { expected: [expectedType(shape)] },
    );
  if (shape === 'string') {
    if (n.type !== 'string') wrong('a string');
    return;
  }
  if (shape === 'integer' || shape === 'unsigned') {
    const v = n.value;
    if (n.type !== 'number' || !Number.isInteger(v) || (shape === 'unsigned' && (v as number) < 0))
      wrong(shape === 'unsigned' ? 'a whole number of 0 or more' : 'a whole number');
    return;
  }
  if ('anyObject' in shape) {
    if (n.type !== 'object') wrong('an object');
    return;
  }
  if ('array' in shape) {
    if (n.type !== 'array') return wrong('a list');
    items(n).forEach((item, i) => check(item, shape.array, `${path}[${i}]`, decoders, f));
    return;
  }
  if (n.type !== 'object') return wrong('an object');
  for (const [name, sub] of Object.entries(shape.object)) {
    // Go matches keys ignoring case, and every matching key is decoded.
    for (const m of members(n)) {
      if (String(m.key.value).toLowerCase() === name.toLowerCase()) check(m.value, sub, `${path}.${name}`, decoders, f);
    }
  }
}

function expectedType(shape: Shape): string {
  if (typeof shape === 'string') return shape === 'string' ? 'string' : 'integer';
  return 'array' in shape ? 'array' : 'object';
}

function describe(n: Node): string {
  switch (n.type) {
    case 'string':
      return `the string ${JSON.stringify(n.value)}`;
    case 'number':
      return `the number ${n.value}`;
    case 'boolean':
      return String(n.value);
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return n.type;
  }
}

// Parses a network selection value, as used by pod annotations (`k8s.v1.cni.cncf.io/networks`) and
// by Rook's CephCluster `network.selectors`: either a comma list of `[namespace/]name[@interface]`
// or, when the value contains `[`, `{` or `"`, a JSON list of selection objects. Offsets here are
// into the (decoded) string value; callers map them to the file.
import { Node as JsonNode, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import type { RuleAt } from '../rules';

export type RefForm = 'short' | 'json';

export interface ParsedRef {
  form: RefForm;
  name: string;
  /** The namespace written in the value (`ns/name` or JSON `namespace`), if any. */
  namespace?: string;
  iface?: string;
  /** The whole entry (short form: trimmed `ns/name@iface`; JSON: the selection object). */
  entryStart: number;
  entryEnd: number;
  /** The name itself (JSON: inside the quotes). */
  nameStart: number;
  nameEnd: number;
}

export interface RefSyntaxError {
  message: string;
  start: number;
  end: number;
  /** A rule id of its own (default: the syntax rule of the context). */
  code?: RuleAt<'error'>;
  /** Value edits (offsets into the string value) that fix it, with the fix's title. */
  fix?: { title: string; edits: { start: number; end: number; newText: string }[] };
}

export interface ParsedValue {
  form: RefForm;
  refs: ParsedRef[];
  errors: RefSyntaxError[];
}

/** 'selector': one network per value, a bare JSON object is accepted (Rook wraps it in a list). */
export type RefContext = 'selector' | 'annotation';

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_IFACE = 15;

export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isJsonForm(value: string): boolean {
  return /[[{"]/.test(value);
}

export function parseNetworkValue(value: string, context: RefContext): ParsedValue {
  return isJsonForm(value) ? parseJson(value, context) : parseShort(value, context);
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

function parseShort(value: string, context: RefContext): ParsedValue {
  const out: ParsedValue = { form: 'short', refs: [], errors: [] };
  if (value.trim() === '') return out;
  let from = 0;
  const items: [number, number][] = [];
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value[i] === ',') {
      items.push([from, i]);
      from = i + 1;
    }
  }
  for (const [a0, b0] of items) {
    let a = a0;
    let b = b0;
    while (a < b && isSpace(value[a])) a++;
    while (b > a && isSpace(value[b - 1])) b--;
    if (a === b) {
      out.errors.push({
        message: 'An empty entry in the comma-separated list: remove the extra comma.',
        start: Math.max(0, a0 - 1),
        end: Math.min(value.length, b0 + 1),
      });
      continue;
    }
    const ref = parseShortEntry(value, a, b, out.errors);
    if (ref) out.refs.push(ref);
  }
  if (context === 'selector' && items.length > 1) {
    const comma = value.indexOf(',');
    out.errors.push({
      message:
        'A selector names exactly one network, but this value lists several (comma-separated). Use one NetworkAttachmentDefinition per selector.',
      start: comma,
      end: value.length - (value.length - value.trimEnd().length),
    });
  }
  return out;
}

function parseShortEntry(value: string, a: number, b: number, errors: RefSyntaxError[]): ParsedRef | undefined {
  const text = value.slice(a, b);
  const slashes = indexesOf(text, '/');
  if (slashes.length > 1) {
    errors.push({
      message: `"${text}" has more than one '/': write [namespace/]name[@interface].`,
      start: a + slashes[1],
      end: a + slashes[1] + 1,
    });
    return undefined;
  }
  const ats = indexesOf(text, '@');
  if (ats.length > 1) {
    errors.push({
      message: `"${text}" has more than one '@': write [namespace/]name[@interface].`,
      start: a + ats[1],
      end: a + ats[1] + 1,
    });
    return undefined;
  }
  const slash = slashes.length ? a + slashes[0] : -1;
  const at = ats.length ? a + ats[0] : -1;
  if (slash >= 0 && at >= 0 && at < slash) {
    errors.push({
      message: `"${text}": the namespace comes first and the interface last: write [namespace/]name[@interface].`,
      start: at,
      end: slash + 1,
    });
    return undefined;
  }
  const part = (s: number, e: number): [number, number] => {
    while (s < e && isSpace(value[s])) s++;
    while (e > s && isSpace(value[e - 1])) e--;
    return [s, e];
  };
  const ns = slash >= 0 ? part(a, slash) : undefined;
  const name = part(slash >= 0 ? slash + 1 : a, at >= 0 ? at : b);
  const iface = at >= 0 ? part(at + 1, b) : undefined;
  let ok = true;
  const bad = (span: [number, number], what: string, message: string) => {
    ok = false;
    errors.push({ message: `${what} ${message}`, start: span[0], end: Math.max(span[1], span[0]) });
  };
  const nameText = value.slice(name[0], name[1]);
  if (nameText === '') bad([name[0], name[0]], 'The network name is missing:', 'write [namespace/]name[@interface].');
  else if (!DNS1123_LABEL.test(nameText)) bad(name, `The network name "${nameText}"`, labelAdvice(nameText));
  let nsText: string | undefined;
  if (ns) {
    nsText = value.slice(ns[0], ns[1]);
    // An empty namespace ("/name") is accepted by Multus and means the default namespace.
    if (nsText !== '' && !isDnsLabel(nsText)) bad(ns, `The namespace "${nsText}"`, labelAdvice(nsText));
  }
  let ifaceText: string | undefined;
  if (iface) {
    ifaceText = value.slice(iface[0], iface[1]);
    if (ifaceText !== '' && !DNS1123_LABEL.test(ifaceText))
      bad(
        iface,
        `The interface name "${ifaceText}"`,
        "must use lowercase letters, digits and '-', starting and ending with a letter or digit.",
      );
    else if (ifaceText.length > MAX_IFACE)
      bad(
        iface,
        `The interface name "${ifaceText}"`,
        `is ${ifaceText.length} characters long; Linux interface names have at most ${MAX_IFACE}.`,
      );
  }
  if (!ok) return undefined;
  return {
    form: 'short',
    name: nameText,
    namespace: nsText || undefined,
    iface: ifaceText || undefined,
    entryStart: a,
    entryEnd: b,
    nameStart: name[0],
    nameEnd: name[1],
  };
}

function labelAdvice(s: string): string {
  if (/[A-Z]/.test(s)) return `has uppercase letters; names are lowercase (did you mean "${s.toLowerCase()}"?).`;
  if (s.includes('.'))
    return 'contains \'.\', which the short form does not allow; use the JSON form ([{"name": "…"}]) or a name without dots.';
  if (s.length > 63 && DNS1123_LABEL.test(s)) return 'is longer than 63 characters.';
  return "is not a DNS-1123 label: use lowercase letters, digits and '-', starting and ending with a letter or digit.";
}

function indexesOf(s: string, c: string): number[] {
  const out: number[] = [];
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) out.push(i);
  return out;
}

function parseJson(value: string, context: RefContext): ParsedValue {
  const out: ParsedValue = { form: 'json', refs: [], errors: [] };
  const parseErrors: ParseError[] = [];
  const root = parseTree(value, parseErrors, {
    allowTrailingComma: false,
    disallowComments: true,
    allowEmptyContent: false,
  });
  if (parseErrors.length || !root) {
    const e = parseErrors[0];
    // An error at the very end (truncated JSON) points at the last character.
    const at = Math.max(0, Math.min(e ? e.offset : 0, value.length - 1));
    out.errors.push({
      message: `The value contains '[', '{' or '"', so it is read as JSON, and the JSON is invalid (${e ? describeParseError(printParseErrorCode(e.error)) : 'no value'}). Write a JSON list of selection objects like [{"name": "net", "namespace": "ns"}], or the short form ns/name without quotes or brackets.`,
      start: at,
      end: Math.min(value.length, at + Math.max(1, e?.length ?? 1)),
    });
    return out;
  }
  let elements: JsonNode[];
  if (root.type === 'array') elements = root.children ?? [];
  else if (root.type === 'object' && context === 'selector') elements = [root];
  else {
    out.errors.push({
      message:
        context === 'annotation'
          ? 'The JSON form of the networks annotation must be a list of selection objects: wrap it in [ ].'
          : 'A JSON selector must be a list holding one selection object, like [{"name": "net", "namespace": "ns"}].',
      start: root.offset,
      end: root.offset + root.length,
    });
    return out;
  }
  for (const el of elements) {
    const ref = parseSelectionObject(el, out.errors);
    if (ref) out.refs.push(ref);
  }
  if (context === 'selector' && elements.length !== 1) {
    out.errors.push({
      message:
        elements.length === 0
          ? 'This JSON selector is an empty list; a selector names exactly one network (or use an empty string for none).'
          : `A selector names exactly one network, but this JSON list has ${elements.length}. Use one NetworkAttachmentDefinition per selector.`,
      start: root.offset,
      end: root.offset + root.length,
    });
  }
  return out;
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const STRING_FIELDS = ['name', 'namespace', 'interface', 'mac'];

function parseSelectionObject(el: JsonNode, errors: RefSyntaxError[]): ParsedRef | undefined {
  const span = (n: JsonNode) => ({ start: n.offset, end: n.offset + n.length });
  if (el.type !== 'object') {
    errors.push({
      message: 'Each entry of the JSON list must be a selection object like {"name": "net"}.',
      ...span(el),
    });
    return undefined;
  }
  const props = new Map<string, JsonNode>();
  for (const p of el.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && typeof k.value === 'string') props.set(k.value, v);
  }
  let ok = true;
  for (const f of STRING_FIELDS) {
    const v = props.get(f);
    if (v && v.type !== 'string') {
      ok = false;
      errors.push({
        message: `"${f}" must be a JSON string; Multus fails to decode the selection otherwise.`,
        ...span(v),
      });
    }
  }
  const ips = props.get('ips');
  if (ips && ips.type !== 'array') {
    ok = false;
    errors.push({ message: '"ips" must be a JSON list of strings.', ...span(ips) });
  }
  const nameNode = props.get('name');
  if (!nameNode) {
    errors.push({
      message: 'This selection object has no "name": add the NetworkAttachmentDefinition\'s name.',
      start: el.offset,
      end: el.offset + 1,
    });
    return undefined;
  }
  if (!ok || nameNode.type !== 'string') return undefined;
  const name = String(nameNode.value);
  const inner = { start: nameNode.offset + 1, end: nameNode.offset + nameNode.length - 1 };
  if (name === '') {
    errors.push({ message: 'The "name" is empty: give the NetworkAttachmentDefinition\'s name.', ...span(nameNode) });
    return undefined;
  }
  const split = namespaceInName(name, props);
  if (split) {
    errors.push(split);
    return undefined;
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    errors.push({
      message: `"${name}" is not a valid NetworkAttachmentDefinition name: use lowercase letters, digits, '-' and '.'.`,
      ...span(nameNode),
    });
    return undefined;
  }
  const nsNode = props.get('namespace');
  const namespace = nsNode && typeof nsNode.value === 'string' ? nsNode.value : undefined;
  if (nsNode && namespace !== undefined && namespace !== '' && !isDnsLabel(namespace)) {
    errors.push({
      message: `The namespace "${namespace}" is not a valid namespace name (a DNS-1123 label).`,
      ...span(nsNode),
    });
    return undefined;
  }
  const ifNode = props.get('interface');
  const iface = ifNode && typeof ifNode.value === 'string' ? ifNode.value : undefined;
  if (ifNode && iface !== undefined) {
    if (iface.length > MAX_IFACE) {
      errors.push({
        message: `The interface name "${iface}" is ${iface.length} characters long; Linux interface names have at most ${MAX_IFACE}.`,
        ...span(ifNode),
      });
      return undefined;
    }
    if (/[/\s]/.test(iface)) {
      errors.push({
        message: `The interface name "${iface}" contains '/' or whitespace, which Linux interface names cannot.`,
        ...span(ifNode),
      });
      return undefined;
    }
  }
  return {
    form: 'json',
    name,
    namespace: namespace || undefined,
    iface: iface || undefined,
    entryStart: el.offset,
    entryEnd: el.offset + el.length,
    nameStart: inner.start,
    nameEnd: inner.end,
  };
}

/**
 * A KubeVirt `multus.networkName`: `name` or `namespace/name`, split at the first '/'
 * (pkg/network/multus/nad.go NetAttachDefNamespacedName). KubeVirt writes it into the pod's networks
 * annotation in the JSON form, so the name may contain dots; there is no `@interface` part.
 */
export function parseNetworkName(value: string): ParsedValue {
  const out: ParsedValue = { form: 'short', refs: [], errors: [] };
  if (value === '') {
    out.errors.push({ message: 'The network name is empty: name a NetworkAttachmentDefinition.', start: 0, end: 0 });
    return out;
  }
  const slash = value.indexOf('/');
  const nameStart = slash + 1;
  const name = value.slice(nameStart);
  const namespace = slash >= 0 ? value.slice(0, slash) : undefined;
  if (namespace !== undefined && !isDnsLabel(namespace)) {
    out.errors.push({
      message: `The namespace "${namespace}" is not a valid namespace name (a DNS-1123 label); write namespace/name.`,
      start: 0,
      end: slash,
    });
    return out;
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    out.errors.push({
      message: `"${name}" is not a valid NetworkAttachmentDefinition name: use lowercase letters, digits, '-' and '.'${name.includes('/') ? ", and at most one '/' (namespace/name)" : ''}.`,
      start: nameStart,
      end: value.length,
    });
    return out;
  }
  out.refs.push({
    form: 'short',
    name,
    namespace,
    entryStart: 0,
    entryEnd: value.length,
    nameStart,
    nameEnd: value.length,
  });
  return out;
}

/**
 * "name": "ns/net" in the JSON form: Multus takes the name as it is (it splits "ns/net" only in the
 * short form), so it looks for a NAD literally named "ns/net", which cannot exist. The fix moves
 * the namespace into its own field.
 */
function namespaceInName(name: string, props: Map<string, JsonNode>): RefSyntaxError | undefined {
  const slash = name.indexOf('/');
  if (slash < 0 || name.indexOf('/', slash + 1) >= 0) return undefined;
  const ns = name.slice(0, slash);
  const net = name.slice(slash + 1);
  if (!isDnsLabel(ns) || !net || net.length > 253 || !DNS1123_SUBDOMAIN.test(net)) return undefined;
  const nameNode = props.get('name')!;
  const nsNode = props.get('namespace');
  const nameProp = nameNode.parent!;
  const written = nsNode && typeof nsNode.value === 'string' ? nsNode.value : undefined;
  const clash = written !== undefined && written !== '' && written !== ns;
  const message = clash
    ? `The name "${name}" holds a namespace, but in the JSON form Multus does not split the name at "/": it looks for a NetworkAttachmentDefinition literally named "${name}", which cannot exist, and the pod does not start. The field namespace already says "${written}": write "name": "${net}" and keep one namespace.`
    : `The name "${name}" holds a namespace, but in the JSON form Multus does not split the name at "/": it looks for a NetworkAttachmentDefinition literally named "${name}", which cannot exist, and the pod does not start. Write "namespace": "${ns}", "name": "${net}".`;
  const edits = clash
    ? [{ start: nameNode.offset, end: nameNode.offset + nameNode.length, newText: JSON.stringify(net) }]
    : nsNode
      ? [
          { start: nsNode.offset, end: nsNode.offset + nsNode.length, newText: JSON.stringify(ns) },
          { start: nameNode.offset, end: nameNode.offset + nameNode.length, newText: JSON.stringify(net) },
        ].sort((a, b) => a.start - b.start)
      : [
          {
            start: nameProp.offset,
            end: nameProp.offset + nameProp.length,
            newText: `"namespace": ${JSON.stringify(ns)}, "name": ${JSON.stringify(net)}`,
          },
        ];
  return {
    code: 'ref/namespace-in-name',
    message,
    start: nameNode.offset,
    end: nameNode.offset + nameNode.length,
    fix: { title: clash ? `Use "name": "${net}"` : `Split into "namespace": "${ns}", "name": "${net}"`, edits },
  };
}

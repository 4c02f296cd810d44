// Reading a jsonc-parser tree the way the plugins' Go decoders read the JSON: struct fields match
// keys ignoring case (an exact match wins), maps (libcni's list top level) match exactly, and
// `null` leaves a field unset. Also the spans the rules report.
import type { Node } from 'jsonc-parser';

export interface Member {
  key: Node;
  value: Node;
}

export interface Span {
  start: number;
  end: number;
}

/** The members of an object node (none for anything else). */
export function members(obj: Node | undefined): Member[] {
  if (obj?.type !== 'object') return [];
  const out: Member[] = [];
  for (const p of obj.children ?? []) {
    const [key, value] = p.children ?? [];
    if (key && value) out.push({ key, value });
  }
  return out;
}

/**
 * A field as Go's encoding/json fills a struct: every key matching the field name ignoring case
 * sets it, so the last such member wins.
 */
export function field(obj: Node | undefined, key: string): Member | undefined {
  let found: Member | undefined;
  const lower = key.toLowerCase();
  for (const m of members(obj)) if (String(m.key.value).toLowerCase() === lower) found = m;
  return found;
}

/** A key of a map (Go `map[string]...`): exact match only, the last one wins. */
export function mapEntry(obj: Node | undefined, key: string): Member | undefined {
  let found: Member | undefined;
  for (const m of members(obj)) if (m.key.value === key) found = m;
  return found;
}

/** The field's value unless it is absent or JSON null (which Go treats as "not set"). */
export function setValue(m: Member | undefined): Node | undefined {
  return m && m.value.type !== 'null' ? m.value : undefined;
}

export const str = (n: Node | undefined): string | undefined =>
  n?.type === 'string' ? (n.value as string) : undefined;
export const num = (n: Node | undefined): number | undefined =>
  n?.type === 'number' ? (n.value as number) : undefined;

/** The string value of a field, if it is set to a string. */
export const fieldStr = (obj: Node | undefined, key: string): string | undefined => str(field(obj, key)?.value);

/** True when the field is the JSON literal `true`. */
export const isTrue = (obj: Node | undefined, key: string): boolean =>
  field(obj, key)?.value.type === 'boolean' && field(obj, key)?.value.value === true;

/** Array items (none for anything else). */
export const items = (n: Node | undefined): Node[] => (n?.type === 'array' ? (n.children ?? []) : []);

export const spanOf = (n: Node): Span => ({ start: n.offset, end: n.offset + n.length });

/** The first character of a node: the `{` of an object that lacks something. */
export const openingOf = (n: Node): Span => ({ start: n.offset, end: n.offset + 1 });

/** The raw JSON text of a node, shortened for messages. */
export function rawText(text: string, n: Node, max = 40): string {
  const s = text.slice(n.offset, n.offset + n.length);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

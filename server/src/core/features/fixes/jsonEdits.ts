// Small, layout-preserving edits of a JSON text (offsets into the decoded spec.config string):
// replace a value, rename a key, remove a property with its comma, insert a first property in the
// object's own layout. jsonc-parser's `modify` reformats whole objects, which we must not do.
import { createScanner, Node, parseTree, SyntaxKind } from 'jsonc-parser';
import type { ValueEdit } from './scalarEdit';

/** Tolerant parse (comments and trailing commas allowed), for locating nodes. */
export function jsonTree(text: string): Node | undefined {
  return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
}

/** The innermost node whose span contains [start, end). */
export function nodeCovering(root: Node | undefined, start: number, end: number): Node | undefined {
  if (!root || start < root.offset || end > root.offset + root.length) return undefined;
  for (const c of root.children ?? []) {
    const hit = nodeCovering(c, start, end);
    if (hit) return hit;
  }
  return root;
}

/** The node exactly at [start, end), or undefined. */
export function nodeAt(root: Node | undefined, start: number, end: number): Node | undefined {
  let n = nodeCovering(root, start, end);
  while (n && !(n.offset === start && n.offset + n.length === end)) n = n.parent;
  return n;
}

export function replaceNode(node: Node, value: unknown): ValueEdit {
  return { start: node.offset, end: node.offset + node.length, newText: JSON.stringify(value) };
}

/** Removes a property (`"key": value`) with one neighbouring comma, keeping the others' layout. */
export function removeProperty(text: string, prop: Node): ValueEdit | undefined {
  const obj = prop.parent;
  if (!obj || prop.type !== 'property') return undefined;
  const siblings = obj.children ?? [];
  const i = siblings.indexOf(prop);
  if (i < 0) return undefined;
  const end = prop.offset + prop.length;
  if (i + 1 < siblings.length) return { start: prop.offset, end: siblings[i + 1].offset, newText: '' };
  if (i > 0) {
    const prev = siblings[i - 1];
    return { start: prev.offset + prev.length, end, newText: '' };
  }
  // The only property: also drop a trailing comma (tolerated by the tolerant parse).
  const after = /^\s*,/.exec(text.slice(end));
  return { start: prop.offset, end: after ? end + after[0].length : end, newText: '' };
}

/**
 * Inserts `"key": value` as member number `index` of `obj` (0 = first; past the end = last), in the
 * layout the object already has: the blanks (or line break and indentation) before that member.
 */
export function insertProperty(text: string, obj: Node, key: string, value: unknown, index = 0): ValueEdit | undefined {
  if (obj.type !== 'object') return undefined;
  const member = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  const kids = obj.children ?? [];
  if (!kids.length) return { start: obj.offset + 1, end: obj.offset + 1, newText: member };
  const wsBefore = (n: Node) => {
    const m = /\s*$/.exec(text.slice(0, n.offset))![0];
    const nl = m.lastIndexOf('\n');
    return nl >= 0 ? m.slice(nl) : ' ';
  };
  if (index < kids.length) {
    const next = kids[Math.max(0, index)];
    return { start: next.offset, end: next.offset, newText: `${member},${wsBefore(next)}` };
  }
  const last = kids[kids.length - 1];
  const at = last.offset + last.length;
  return { start: at, end: at, newText: `,${wsBefore(last)}${member}` };
}

/** Index of a member by key in an object node (-1 when absent). */
export function memberIndex(obj: Node, key: string): number {
  return (obj.children ?? []).findIndex((p) => p.children?.[0]?.value === key);
}

/**
 * The span to delete for a comment token: a comment alone on its line goes with the line
 * (indentation and line break); otherwise the blanks before it go with it (so a layout of several
 * source lines keeps its line breaks), or, when there are none, the blanks after it.
 */
export function commentDeletion(text: string, start: number, end: number): ValueEdit {
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  if (s === 0 || text[s - 1] === '\n') {
    let e = end;
    while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
    if (text[e] === '\r') e++;
    if (text[e] === '\n') return { start: s, end: e + 1, newText: '' };
  }
  if (s < start) return { start: s, end, newText: '' };
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return { start, end: e, newText: '' };
}

/** Closing brackets for every bracket still open at the end of `text` (undefined inside a string). */
export function missingClosers(text: string): string | undefined {
  const sc = createScanner(text, false);
  const stack: string[] = [];
  for (let k = sc.scan(); k !== SyntaxKind.EOF; k = sc.scan()) {
    if (k === SyntaxKind.OpenBraceToken) stack.push('}');
    else if (k === SyntaxKind.OpenBracketToken) stack.push(']');
    else if (k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) stack.pop();
    else if (k === SyntaxKind.StringLiteral && sc.getTokenError() !== 0) return undefined;
  }
  return stack.length ? stack.reverse().join('') : undefined;
}

/**
 * Edits that rewrite a Python-dict-style text as JSON, one per token: single-quoted strings become
 * double-quoted ones, `True`/`False`/`None` become `true`/`false`/`null`, trailing commas go. JSON
 * strings stay as they are. The result is not guaranteed to be JSON; callers check.
 */
export function pythonEdits(text: string): ValueEdit[] {
  const edits: ValueEdit[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      let content = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) {
          content += c === "'" && text[j + 1] === "'" ? "'" : text[j] + text[j + 1];
          j += 2;
          continue;
        }
        content += c === "'" && text[j] === '"' ? '\\"' : text[j];
        j++;
      }
      if (j >= text.length) break;
      if (c === "'") edits.push({ start: i, end: j + 1, newText: `"${content}"` });
      i = j + 1;
      continue;
    }
    if (c === ',') {
      const m = /^,\s*(?=[}\]])/.exec(text.slice(i));
      if (m) {
        edits.push({ start: i, end: i + 1, newText: '' });
        i += m[0].length;
        continue;
      }
    }
    const word = /^[A-Za-z_]\w*/.exec(text.slice(i));
    if (word && (i === 0 || !/\w/.test(text[i - 1]))) {
      const w = word[0];
      const lit = w === 'True' ? 'true' : w === 'False' ? 'false' : w === 'None' ? 'null' : undefined;
      if (lit) edits.push({ start: i, end: i + w.length, newText: lit });
      i += w.length;
      continue;
    }
    i++;
  }
  return edits;
}

/** The smallest single edit turning `a` into `b` (common prefix and suffix kept). */
export function diffEdit(a: string, b: string): ValueEdit | undefined {
  if (a === b) return undefined;
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a[p] === b[p]) p++;
  let q = 0;
  while (q < max - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  return { start: p, end: a.length - q, newText: b.slice(p, b.length - q) };
}

// Strict JSON parsing of spec.config with exact error positions, on top of jsonc-parser (tolerant,
// with offsets). Go's encoding/json is strict: no comments, no trailing commas, double quotes only.
import { createScanner, Node, parseTree, ParseError, ParseErrorCode, SyntaxKind } from 'jsonc-parser';
import type { JsonProblem } from '../types';

export const MAX_JSON_DEPTH = 500;

export interface StrictJson {
  root: Node | undefined;
  problems: JsonProblem[];
}

const syntax = (message: string, start: number, end: number, repair?: string): JsonProblem => ({
  code: 'json/syntax',
  severity: 'error',
  message,
  start,
  end,
  ...(repair ? { data: { repair } } : {}),
});

/** Deepest bracket nesting, found with the scanner (iterative), so hostile input cannot overflow the parser. */
function maxDepth(text: string): { depth: number; at: number } {
  const sc = createScanner(text, true);
  let depth = 0;
  let max = 0;
  let at = 0;
  for (let k = sc.scan(); k !== SyntaxKind.EOF; k = sc.scan()) {
    if (k === SyntaxKind.OpenBraceToken || k === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > max) {
        max = depth;
        at = sc.getTokenOffset();
        if (max > MAX_JSON_DEPTH) break;
      }
    } else if (k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) depth--;
  }
  return { depth: max, at };
}

/** The token before `offset`, skipping whitespace and comments. */
function previousToken(text: string, offset: number): { kind: SyntaxKind; start: number; end: number } | undefined {
  const sc = createScanner(text, true);
  let prev: { kind: SyntaxKind; start: number; end: number } | undefined;
  for (let k = sc.scan(); k !== SyntaxKind.EOF && sc.getTokenOffset() < offset; k = sc.scan()) {
    if (k === SyntaxKind.LineCommentTrivia || k === SyntaxKind.BlockCommentTrivia) continue;
    prev = { kind: k, start: sc.getTokenOffset(), end: sc.getTokenOffset() + sc.getTokenLength() };
  }
  return prev;
}

function describe(text: string, err: ParseError): JsonProblem {
  const { offset, length } = err;
  const end = offset + Math.max(length, 0);
  switch (err.error) {
    case ParseErrorCode.PropertyNameExpected:
    case ParseErrorCode.ValueExpected: {
      const prev = previousToken(text, offset);
      if (prev?.kind === SyntaxKind.CommaToken && (text[offset] === '}' || text[offset] === ']')) {
        return syntax('Trailing comma: JSON does not allow a comma before a closing bracket. Remove it.', prev.start, prev.end, 'remove-trailing-comma');
      }
      if (offset >= text.length || length === 0) return syntax('The JSON ends too early: a value or closing bracket is missing.', offset, offset, 'truncated');
      return syntax(err.error === ParseErrorCode.PropertyNameExpected ? 'Expected a property name in double quotes.' : 'Expected a JSON value here.', offset, end);
    }
    case ParseErrorCode.InvalidCommentToken:
      return syntax('Comments are not allowed in JSON: the plugin rejects the config. Remove the comment.', offset, end, 'remove-comment');
    case ParseErrorCode.InvalidSymbol: {
      const tok = text.slice(offset, end);
      if (tok.startsWith("'")) return syntax("JSON needs double quotes: single-quoted strings are not JSON (Python-style). Use \"...\".", offset, end, 'single-quotes');
      const py: Record<string, string> = { True: 'true', False: 'false', None: 'null' };
      if (py[tok]) return syntax(`\`${tok}\` is Python, not JSON: write \`${py[tok]}\`.`, offset, end, 'python-literal');
      if (/^[A-Za-z_][\w-]*$/.test(tok)) return syntax(`Unquoted \`${tok}\`: JSON keys and strings need double quotes.`, offset, end, 'quote-word');
      return syntax(`Unexpected \`${tok}\` in JSON.`, offset, end);
    }
    case ParseErrorCode.CommaExpected: {
      const prev = previousToken(text, offset);
      const at = prev ? prev.end : offset;
      return syntax('Missing comma between JSON members or array elements.', at, Math.max(at, offset + Math.min(length, 1)), 'insert-comma');
    }
    case ParseErrorCode.ColonExpected:
      return syntax('Expected `:` after the property name.', offset, end);
    case ParseErrorCode.CloseBraceExpected:
      return offset >= text.length
        ? syntax('The JSON ends before its object is closed: add `}`.', offset, offset, 'truncated')
        : syntax('Expected `,` or `}` here.', offset, end);
    case ParseErrorCode.CloseBracketExpected:
      return offset >= text.length ? syntax('The JSON ends before its array is closed: add `]`.', offset, offset, 'truncated') : syntax('Expected `,` or `]` here.', offset, end);
    case ParseErrorCode.EndOfFileExpected:
      return syntax('Unexpected text after the end of the JSON value.', offset, text.length);
    case ParseErrorCode.UnexpectedEndOfString:
      return syntax('Unterminated string: add the closing `"`.', offset, end, 'truncated');
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode: {
      const s = text.slice(offset, end);
      const m = /\\(u(?![0-9a-fA-F]{4})|[^"\\/bfnrtu])/.exec(s);
      const at = m ? offset + m.index : offset;
      return syntax('Invalid escape in a JSON string: only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX are allowed.', at, m ? at + Math.min(m[0].length + (m[1] === 'u' ? 4 : 0), end - at) : end);
    }
    case ParseErrorCode.InvalidCharacter:
      return syntax('Control characters must be escaped inside JSON strings (e.g. \\n, \\t).', offset, Math.max(end, offset + 1));
    case ParseErrorCode.InvalidNumberFormat:
      return syntax('Invalid JSON number.', offset, end);
    default:
      return syntax('Invalid JSON.', offset, end);
  }
}

export function parseStrictJson(text: string): StrictJson {
  const depth = maxDepth(text);
  if (depth.depth > MAX_JSON_DEPTH) {
    return { root: undefined, problems: [syntax(`The JSON is nested more than ${MAX_JSON_DEPTH} levels deep; it is not checked.`, depth.at, depth.at + 1)] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (!errors.length) return { root, problems: duplicateKeys(root) };
  // The first error is exact; the rest are usually consequences of it.
  return { root, problems: [describe(text, errors[0])] };
}

/** Keys repeated within one object: Go's decoder keeps the last value silently. */
function duplicateKeys(root: Node | undefined): JsonProblem[] {
  const out: JsonProblem[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const prop of n.children ?? []) {
        const key = prop.children?.[0];
        if (!key) continue;
        const k = String(key.value);
        if (seen.has(k)) {
          out.push({
            code: 'json/duplicate-key',
            severity: 'warning',
            message: `"${k}" appears twice in this object; the plugin keeps only the last value. Remove one.`,
            start: key.offset,
            end: key.offset + key.length,
          });
        }
        seen.add(k);
      }
    }
    for (const c of n.children ?? []) stack.push(c);
  }
  return out.reverse();
}

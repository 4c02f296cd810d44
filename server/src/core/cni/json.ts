// Strict JSON parsing of spec.config with exact error positions, on top of jsonc-parser (tolerant,
// with offsets). The plugins decode with Go's encoding/json, which is strict: no comments, no
// trailing commas, double quotes only, and only space, tab, CR and LF as whitespace.
// Every json/syntax finding carries `data.repair` naming the mechanical repair that applies, so
// quick fixes need not re-analyse the text.
import { createScanner, JSONScanner, Node, parseTree, ParseError, ParseErrorCode, SyntaxKind } from 'jsonc-parser';
import { MAX_JSON_DEPTH } from '../limits';
import type { JsonProblem } from '../types';

export interface StrictJson {
  root: Node | undefined;
  problems: JsonProblem[];
}

/** The mechanical repairs a json/syntax finding can name in `data.repair`. */
export type JsonRepair =
  | 'remove-trailing-comma'
  | 'remove-extra-comma'
  | 'remove-comment'
  | 'single-quotes'
  | 'python-literal'
  | 'lowercase-literal'
  | 'quote-word'
  | 'straight-quotes'
  | 'insert-comma'
  | 'insert-colon'
  | 'close-string'
  | 'truncated'
  | 'escape-backslash'
  | 'escape-control'
  | 'replace-whitespace'
  | 'remove-extra';

/** At most this many json/syntax findings per text (comments and trailing commas can be many). */
const MAX_SYNTAX_PROBLEMS = 50;

interface Token {
  kind: SyntaxKind;
  start: number;
  end: number;
}

const syntax = (
  message: string,
  start: number,
  end: number,
  repair?: JsonRepair,
  extra?: Record<string, unknown>,
): JsonProblem => ({
  code: 'json/syntax',
  severity: 'error',
  message,
  start,
  end,
  ...(repair || extra ? { data: { ...(repair ? { repair } : {}), ...extra } } : {}),
});

const CHAR_NAMES: Record<string, string> = {
  '\u00a0': 'a non-breaking space (U+00A0)',
  '\ufeff': 'a byte order mark (U+FEFF)',
  '\u000b': 'a vertical tab',
  '\u000c': 'a form feed',
  '\u2028': 'a line separator (U+2028)',
  '\u2029': 'a paragraph separator (U+2029)',
  '\u200b': 'a zero-width space (U+200B)',
  '\u3000': 'an ideographic space (U+3000)',
};

/** Whitespace and invisible characters that are not JSON whitespace (JSON has only space, tab, CR, LF). */
// eslint-disable-next-line no-control-regex -- U+000B and U+000C are among the characters it names
const INVISIBLE = /[\u000b\u000c\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

const charName = (ch: string): string =>
  CHAR_NAMES[ch] ?? `the invisible character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first bracket past the depth limit, found with the scanner (iterative: no stack to overflow). */
function tooDeep(text: string): number | undefined {
  const sc = createScanner(text, true);
  let depth = 0;
  for (let k = sc.scan(); k !== SyntaxKind.EOF; k = sc.scan()) {
    if (k === SyntaxKind.OpenBraceToken || k === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_JSON_DEPTH) return sc.getTokenOffset();
    } else if (k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * The last token that ends at or before an offset, comments skipped. Parser errors come in text
 * order, so one scanner moves forward across all queries (linear overall, even for many errors).
 */
class Tokens {
  private sc: JSONScanner;
  private prev: Token | undefined;
  private pending: Token | undefined;
  private lastQuery = -1;

  constructor(private readonly text: string) {
    this.sc = createScanner(text, true);
  }

  before(offset: number): Token | undefined {
    if (offset < this.lastQuery) {
      this.sc = createScanner(this.text, true);
      this.prev = this.pending = undefined;
    }
    this.lastQuery = offset;
    for (;;) {
      const tok = this.pending ?? this.next();
      if (!tok || tok.end > offset) {
        this.pending = tok;
        return this.prev;
      }
      this.pending = undefined;
      if (tok.kind !== SyntaxKind.LineCommentTrivia && tok.kind !== SyntaxKind.BlockCommentTrivia) this.prev = tok;
    }
  }

  private next(): Token | undefined {
    const k = this.sc.scan();
    if (k === SyntaxKind.EOF) return undefined;
    const start = this.sc.getTokenOffset();
    return { kind: k, start, end: start + this.sc.getTokenLength() };
  }
}

const VALUE_END = new Set([
  SyntaxKind.StringLiteral,
  SyntaxKind.NumericLiteral,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
  SyntaxKind.CloseBraceToken,
  SyntaxKind.CloseBracketToken,
]);

/** The end of the text without trailing whitespace. */
function contentEnd(text: string): number {
  let end = text.length;
  while (end > 0 && ' \t\r\n'.includes(text[end - 1])) end--;
  return end;
}

/** Where the text ends too early: its last character (or nothing, for blank text). */
function truncated(text: string, message: string): JsonProblem {
  const end = contentEnd(text);
  return syntax(message, Math.max(0, end - 1), end, 'truncated');
}

/** The span of a single-quoted string starting at `start` (to its closing quote on the same line). */
function singleQuotedEnd(text: string, start: number, fallback: number): number {
  for (let i = start + 1; i < text.length && text[i] !== '\n' && text[i] !== '\r'; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") return i + 1;
  }
  return fallback;
}

const PYTHON: Record<string, string> = { True: 'true', False: 'false', None: 'null' };

function invalidSymbol(text: string, offset: number, end: number, tokens: Tokens): JsonProblem {
  const tok = text.slice(offset, end);
  const first = tok[0] ?? '';
  if (INVISIBLE.test(first)) {
    let j = 1;
    while (j < tok.length && tok[j] === first) j++;
    const count = j > 1 ? ` (${j} of them)` : '';
    return syntax(
      `JSON allows only spaces, tabs and line breaks between values; this is ${charName(first)}${count}, and the plugin rejects the config. Replace it with a normal space.`,
      offset,
      offset + j,
      'replace-whitespace',
      { replacement: ' '.repeat(j) },
    );
  }
  if (first === "'") {
    const close = singleQuotedEnd(text, offset, end);
    return syntax(
      'JSON needs double quotes: a single-quoted string is not JSON (it looks like a Python dict). Write "..." instead of \'...\'.',
      offset,
      close,
      'single-quotes',
    );
  }
  if ('\u201c\u201d\u2018\u2019'.includes(first)) {
    return syntax(
      `Typographic quote ${first} (from a word processor or chat) is not a JSON quote. Use straight double quotes ".`,
      offset,
      offset + 1,
      'straight-quotes',
    );
  }
  if (PYTHON[tok]) {
    return syntax(`${tok} is Python, not JSON: write ${PYTHON[tok]}.`, offset, end, 'python-literal', {
      replacement: PYTHON[tok],
    });
  }
  if (['true', 'false', 'null'].includes(tok.toLowerCase())) {
    return syntax(
      `JSON literals are lowercase: write ${tok.toLowerCase()} instead of ${tok}.`,
      offset,
      end,
      'lowercase-literal',
      { replacement: tok.toLowerCase() },
    );
  }
  const prev = tokens.before(offset);
  if (
    /^x[0-9a-fA-F]*$/.test(tok) &&
    prev?.kind === SyntaxKind.NumericLiteral &&
    prev.end === offset &&
    /^-?0$/.test(text.slice(prev.start, prev.end))
  ) {
    return syntax(
      `${text.slice(prev.start, end)} is a hexadecimal number, which JSON does not have: write the decimal value.`,
      prev.start,
      end,
    );
  }
  if (/^[+.\-\d]/.test(tok) || ['NaN', 'Infinity', 'undefined'].includes(tok)) {
    return syntax(
      `${tok} is not a JSON number or value (JSON numbers look like 12, -3 or 1.5: no leading plus sign or decimal point, no NaN or Infinity).`,
      offset,
      end,
    );
  }
  if (first === '=' && prev?.kind === SyntaxKind.StringLiteral) {
    return syntax(
      'JSON separates a key from its value with a colon (:), not an equals sign (=).',
      offset,
      offset + 1,
      undefined,
      {
        replacement: ':',
      },
    );
  }
  if (/^[A-Za-z_$][\w$.-]*$/.test(tok)) {
    if (prev && VALUE_END.has(prev.kind)) {
      return syntax(
        `Unexpected ${tok} right after a value: a comma or a closing bracket was expected here (and JSON strings need double quotes).`,
        offset,
        end,
      );
    }
    return syntax(
      `${tok} needs double quotes: JSON keys and string values are always written "like this".`,
      offset,
      end,
      'quote-word',
    );
  }
  return syntax(`Unexpected ${tok.length > 20 ? `${tok.slice(0, 19)}…` : tok}: this is not JSON.`, offset, end);
}

function badEscape(text: string, offset: number, end: number): JsonProblem {
  for (let i = offset + 1; i < end; i++) {
    if (text[i] !== '\\') continue;
    const c = text[i + 1] ?? '';
    if ('"\\/bfnrt'.includes(c) && c !== '') {
      i++;
      continue;
    }
    if (c === 'u') {
      const hex = /^[0-9a-fA-F]{0,4}/.exec(text.slice(i + 2, i + 6))![0];
      if (hex.length === 4) {
        i += 5;
        continue;
      }
      return syntax(
        `\\u must be followed by four hex digits in a JSON string (e.g. \\u00e9); ${text.slice(i, i + 2 + hex.length)} is incomplete.`,
        i,
        i + 2 + hex.length,
      );
    }
    return syntax(
      `\\${c} is not a JSON escape: only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX are allowed. For a literal backslash (e.g. in a Windows path) write \\\\.`,
      i,
      i + 2,
      'escape-backslash',
      { insertAt: i },
    );
  }
  return syntax('Invalid escape in this JSON string.', offset, end);
}

const CONTROL_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f' };

function controlCharacter(text: string, offset: number, end: number): JsonProblem {
  for (let i = offset + 1; i < Math.max(end, offset + 1); i++) {
    const ch = text[i];
    if (ch !== undefined && ch.charCodeAt(0) < 0x20) {
      const escape = CONTROL_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
      const what = ch === '\t' ? 'A tab' : 'A control character';
      return syntax(
        `${what} cannot appear raw inside a JSON string: write ${escape} instead.`,
        i,
        i + 1,
        'escape-control',
        { replacement: escape },
      );
    }
  }
  return syntax(
    'A control character cannot appear raw inside a JSON string; escape it.',
    offset,
    Math.max(end, offset + 1),
  );
}

/** One parser error in plain words, at the exact characters, and whether it leaves the parse intact. */
function describe(text: string, err: ParseError, tokens: Tokens): { problem: JsonProblem; independent: boolean } {
  const { offset } = err;
  const end = offset + Math.max(err.length, 0);
  const one = (problem: JsonProblem, independent = false) => ({ problem, independent });
  const atEnd = offset >= contentEnd(text);
  switch (err.error) {
    case ParseErrorCode.InvalidCommentToken:
      return one(
        syntax(
          'Comments are not allowed in JSON: the plugin rejects the config. Remove the comment.',
          offset,
          end,
          'remove-comment',
        ),
        true,
      );

    case ParseErrorCode.PropertyNameExpected:
    case ParseErrorCode.ValueExpected: {
      const ch = text[offset];
      const prev = tokens.before(offset);
      if (prev?.kind === SyntaxKind.CommaToken && (ch === '}' || ch === ']')) {
        return one(
          syntax(
            'Trailing comma: JSON does not allow a comma before a closing bracket. Remove the trailing comma.',
            prev.start,
            prev.end,
            'remove-trailing-comma',
          ),
          true,
        );
      }
      if (
        ch === ',' &&
        (prev?.kind === SyntaxKind.CommaToken ||
          prev?.kind === SyntaxKind.OpenBraceToken ||
          prev?.kind === SyntaxKind.OpenBracketToken)
      ) {
        return one(
          syntax(
            'Extra comma: there is no value before it. Remove the comma.',
            offset,
            offset + 1,
            'remove-extra-comma',
          ),
        );
      }
      if (atEnd || err.length === 0) {
        if (contentEnd(text) === 0)
          return one(syntax('The config is empty: it must be a JSON object {...}.', 0, text.length));
        return one(truncated(text, 'The JSON ends too early: a value and the closing brackets are missing.'));
      }
      if (err.error === ParseErrorCode.PropertyNameExpected) {
        return one(syntax('Expected a key in double quotes here, e.g. "name".', offset, end));
      }
      return one(
        syntax(
          prev?.kind === SyntaxKind.ColonToken
            ? 'The key has no value: write a value after the colon.'
            : 'Expected a JSON value here.',
          offset,
          end,
        ),
      );
    }

    case ParseErrorCode.InvalidSymbol: {
      const problem = invalidSymbol(text, offset, end, tokens);
      // Stray whitespace alone leaves the parser in step.
      return one(problem, problem.data?.repair === 'replace-whitespace' && problem.end === end);
    }

    case ParseErrorCode.CommaExpected: {
      const prev = tokens.before(offset);
      if (
        prev?.kind === SyntaxKind.NumericLiteral &&
        prev.end === offset &&
        /^-?0$/.test(text.slice(prev.start, prev.end)) &&
        /^\d/.test(text.slice(offset, end))
      ) {
        return one(
          syntax(`JSON numbers cannot start with 0: write ${Number(text.slice(prev.start, end))}.`, prev.start, end),
        );
      }
      const tokEnd = Math.max(end, offset + 1);
      return one(
        syntax(
          'Missing comma: JSON needs a comma between two members or array elements. Insert a comma before this.',
          offset,
          tokEnd,
          'insert-comma',
          { insertAt: prev ? prev.end : offset },
        ),
      );
    }

    case ParseErrorCode.ColonExpected: {
      const prev = tokens.before(offset);
      if (text[offset] === '=')
        return one(
          syntax(
            'JSON separates a key from its value with a colon (:), not an equals sign (=).',
            offset,
            offset + 1,
            undefined,
            {
              replacement: ':',
            },
          ),
        );
      if (atEnd)
        return one(
          truncated(text, 'The JSON ends after a key: the colon, a value and the closing brackets are missing.'),
        );
      return one(
        syntax('Missing colon (:) between the key and its value.', offset, Math.max(end, offset + 1), 'insert-colon', {
          insertAt: prev ? prev.end : offset,
        }),
      );
    }

    case ParseErrorCode.CloseBraceExpected:
    case ParseErrorCode.CloseBracketExpected: {
      const closer = err.error === ParseErrorCode.CloseBraceExpected ? '}' : ']';
      const what = closer === '}' ? 'object' : 'array';
      if (atEnd)
        return one(
          truncated(
            text,
            `The JSON ends before its ${what} is closed: add the missing ${closer} (and whatever should come before it).`,
          ),
        );
      return one(syntax(`Expected a comma or ${closer} here.`, offset, Math.max(end, offset + 1)));
    }

    case ParseErrorCode.EndOfFileExpected: {
      const tok = text.slice(offset, end);
      const repair = tok === '}' || tok === ']' ? 'remove-extra' : undefined;
      return one(
        syntax(
          `Unexpected ${tok} after the end of the JSON object: the object is already closed. Remove it${repair ? ' (or check that the brackets match)' : ''}.`,
          offset,
          end,
          repair,
        ),
      );
    }

    case ParseErrorCode.UnexpectedEndOfString:
      if (end >= contentEnd(text))
        return one(
          truncated(
            text,
            'The JSON ends inside a string: the closing double quote and the closing brackets are missing.',
          ),
        );
      return one(
        syntax(
          'This string is not closed: add the closing double quote (a JSON string cannot span lines).',
          offset,
          end,
          'close-string',
          { insertAt: end },
        ),
      );

    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode:
      return one(badEscape(text, offset, end));

    case ParseErrorCode.InvalidCharacter:
      return one(controlCharacter(text, offset, end));

    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.UnexpectedEndOfComment:
    case ParseErrorCode.InvalidNumberFormat:
      if (err.error === ParseErrorCode.UnexpectedEndOfComment)
        return one(
          syntax(
            'Comments are not allowed in JSON, and this one is not even closed. Remove it.',
            offset,
            end,
            'remove-comment',
          ),
        );
      return one(
        syntax(
          `${text.slice(offset, end)} is an incomplete number: digits must follow the decimal point and the exponent e.`,
          offset,
          Math.max(end, offset + 1),
        ),
      );

    default:
      return one(syntax('This is not valid JSON.', offset, Math.max(end, offset + 1)));
  }
}

/**
 * Parses `text` as strict JSON. On syntax errors, `problems` holds json/syntax findings: the first
 * error, plus further comments, trailing commas and stray whitespace characters (each independent
 * of the others); later errors are usually consequences of the first and are left out.
 * Without syntax errors, `problems` holds json/duplicate-key findings.
 */
export function parseStrictJson(text: string): StrictJson {
  const at = tooDeep(text);
  if (at !== undefined) {
    return {
      root: undefined,
      problems: [
        syntax(
          `The JSON is nested too deeply (nested more than ${MAX_JSON_DEPTH} levels), so it is not checked; a CNI config needs only a few levels.`,
          at,
          at + 1,
        ),
      ],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (!errors.length) return { root, problems: duplicateKeys(root) };
  const problems: JsonProblem[] = [];
  const seen = new Set<number>();
  const tokens = new Tokens(text);
  for (const err of errors) {
    if (problems.length >= MAX_SYNTAX_PROBLEMS) break;
    const { problem, independent } = describe(text, err, tokens);
    if (!seen.has(problem.start)) {
      seen.add(problem.start);
      problems.push(problem);
    }
    // Comments and trailing commas leave the parser in step; anything else may cause the rest.
    if (!independent) break;
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { root, problems };
}

/** Keys repeated within one object (walked iteratively): Go's decoder keeps the last value silently. */
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
            message: `"${k}" appears more than once in this object. Go keeps the last one and silently drops the earlier value; remove the one you do not want.`,
            start: key.offset,
            end: key.offset + key.length,
            data: { key: k },
          });
        }
        seen.add(k);
      }
    }
    for (const c of n.children ?? []) stack.push(c);
  }
  return out.sort((a, b) => a.start - b.start);
}

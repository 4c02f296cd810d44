// Property tests of the embedded-scalar decoder and encoder against the `yaml` package as oracle:
// random configs written in every style (by yaml itself and by hand-made writers), decoded with an
// offset map that must point every value unit at the source characters that produce it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import * as yaml from 'yaml';
import { decodeScalar, valueOffsetAt } from '../../server/src/core/embedded/scalarSource';
import { encodeReplacement, encodeScalar } from '../../server/src/core/embedded/scalarEncode';
import type { DecodedScalar, ScalarStyle } from '../../server/src/core/embedded/types';

const RUNS = { numRuns: 300 };
const STYLES: ScalarStyle[] = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];

// ---------------------------------------------------------------------------------------------
// Arbitraries.

/** Pieces that stress every style: quotes, escapes, blanks, breaks, indicators, unicode. */
const trickyPiece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '"',
      "'",
      "''",
      '\\',
      '\\n',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '\t',
      '# ',
      ': ',
      '- ',
      '{',
      '}',
      '[',
      ',',
      'é',
      '😀',
      '\u00a0',
      '\u2028',
      '\u0085',
      '\x00',
      '\x1b',
      '\x7f',
      '\r',
      '\uFEFF',
      'abc',
      'xyz 123',
    ),
  },
);
const trickyString = fc.array(trickyPiece, { maxLength: 8 }).map((a) => a.join(''));

const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Multi-line text with indented, blank and whitespace-only lines, and trailing newlines. */
const linesValue = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(3), fc.constantFrom('', 'a', 'b c', '\t', '\tx', ' ', '#', "'", 'x ')), { maxLength: 6 }),
    fc.nat(3),
  )
  .map(([lines, trailing]) => lines.map(([n, l]) => ' '.repeat(n) + l).join('\n') + '\n'.repeat(trailing));

/** A CNI-like config as JSON text: compact, pretty with spaces, or pretty with tabs. */
const jsonText = fc
  .tuple(jsonValue, fc.constantFrom<number | string | undefined>(undefined, 2, 4, '\t'))
  .map(([v, space]) => JSON.stringify({ cniVersion: '0.3.1', type: 'macvlan', extra: v }, null, space));

// ---------------------------------------------------------------------------------------------
// The oracle check.

function configScalar(text: string, key = 'config'): yaml.Scalar | undefined {
  let found: yaml.Scalar | undefined;
  for (const doc of yaml.parseAllDocuments(text)) {
    if (!('contents' in doc)) continue;
    yaml.visit(doc, {
      Pair(_k, pair) {
        if (yaml.isScalar(pair.key) && pair.key.value === key && yaml.isScalar(pair.value)) {
          found = pair.value;
          return yaml.visit.BREAK;
        }
        return undefined;
      },
    });
  }
  return found;
}

function allScalarsIn(docs: readonly yaml.Document.Parsed[]): yaml.Scalar[] {
  const out: yaml.Scalar[] = [];
  for (const doc of docs) {
    yaml.visit(doc, {
      Scalar(_k, node) {
        out.push(node);
      },
    });
  }
  return out;
}

const allStringScalars = (text: string) =>
  allScalarsIn(yaml.parseAllDocuments(text)).filter((n) => typeof n.value === 'string');

/** An independent decoder for one double-quoted escape (no line breaks). */
const ESC: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
function unescapeDouble(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      out += s[i];
      continue;
    }
    const c = s[++i];
    const n = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (n) {
      out += String.fromCodePoint(parseInt(s.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else out += ESC[c];
  }
  return out;
}

/**
 * Checks that the decoder agrees with yaml and that its map is sound: monotonic, inside the span,
 * and every unit's source is the character itself, an escape producing it, `''`, a line break
 * (for a folded ' ' or '\n'), or nothing at the very end (a final '\n' added at end of file).
 */
function checkDecoded(text: string, node: yaml.Scalar): DecodedScalar {
  const d = decodeScalar(text, node);
  assert.ok(d, 'decoded');
  assert.equal(d.value, node.value);
  assert.equal(d.exact, true, `exact decoding of ${JSON.stringify(text.slice(d.sourceStart, d.sourceEnd))}`);
  assert.equal(d.style, node.type);
  const v = d.value;
  let prev = d.sourceStart;
  for (let i = 0; i < v.length;) {
    const [a, b] = d.rangeToSource(i, i + 1);
    assert.equal(a, d.toSource(i));
    assert.ok(a >= prev && a <= b && a >= d.sourceStart && b <= d.sourceEnd, `unit ${i} at [${a}, ${b})`);
    prev = a;
    // Units sharing one span (an astral escape) are checked together.
    let j = i + 1;
    while (j < v.length && d.rangeToSource(j, j + 1)[0] === a && d.rangeToSource(j, j + 1)[1] === b && b > a + 1) j++;
    const units = v.slice(i, j);
    const src = text.slice(a, b);
    const ok =
      src === units ||
      (d.style === 'QUOTE_DOUBLE' && src[0] === '\\' && !/[\r\n]/.test(src) && unescapeDouble(src) === units) ||
      (d.style === 'QUOTE_SINGLE' && src === "''" && units === "'") ||
      (/^\r?\n$/.test(src) && (units === ' ' || units === '\n')) ||
      (src === '' && units === '\n' && a === d.sourceEnd);
    assert.ok(ok, `unit ${i} ${JSON.stringify(units)} from ${JSON.stringify(src)}`);
    // A cursor at a unit's source start lands on the first unit with that start.
    const back = valueOffsetAt(d, a);
    if (b > a) assert.ok(back !== undefined && back <= i && d.toSource(back) === a, `valueOffsetAt(${a}) = ${back}`);
    i = j;
  }
  const end = d.toSource(v.length);
  assert.ok(end >= prev && end <= d.sourceEnd);
  assert.equal(valueOffsetAt(d, d.sourceEnd + 1), undefined);
  return d;
}

/** Every JSON token maps to a source span that decodes (where it is on one line) to the token. */
function checkTokens(text: string, d: DecodedScalar): void {
  const scanner = createScanner(d.value, true);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const s = scanner.getTokenOffset();
    const e = s + scanner.getTokenLength();
    const [a, b] = d.rangeToSource(s, e);
    assert.equal(a, d.toSource(s));
    assert.ok(a <= b && b <= d.sourceEnd);
    const src = text.slice(a, b);
    if (/[\r\n]/.test(src)) continue;
    const token = d.value.slice(s, e);
    const decoded =
      d.style === 'QUOTE_DOUBLE' ? unescapeDouble(src) : d.style === 'QUOTE_SINGLE' ? src.replace(/''/g, "'") : src;
    assert.equal(decoded, token, `token ${JSON.stringify(token)} from ${JSON.stringify(src)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Writers.

function writeWithYaml(value: string, style: ScalarStyle, lineWidth: number, indent: number): string {
  const scalar = new yaml.Scalar(value);
  scalar.type = style;
  return yaml.stringify(
    { metadata: { name: 'n' }, spec: { config: scalar } },
    { lineWidth, indent, minContentWidth: 10 },
  );
}

const blockLine = fc
  .array(fc.constantFrom('a', 'b c', ' ', '  ', '\t', '# x', '"q"', "'", '\\n', 'é', '😀', '{', '}'), { maxLength: 4 })
  .map((a) => a.join(''));

/** Where a hand-written scalar sits, and the indentation of the collection holding it. */
const PLACES = {
  map: { before: 'spec:\n  config: ', parent: 2, after: '  next: 1\n' },
  seqMap: { before: 'spec:\n  - config: ', parent: 4, after: '    next: 1\n' },
  seq: { before: 'spec:\n  - ', parent: 2, after: '  - next\n' },
  root: { before: '--- ', parent: 0, after: '...\n' },
} as const;
const place = fc.constantFrom(...(Object.keys(PLACES) as (keyof typeof PLACES)[]));

/** A hand-written block scalar: any header, indicator or not, content lines, trailing lines. */
const handBlock = fc
  .record({
    mode: fc.constantFrom('|', '>'),
    chomp: fc.constantFrom('', '-', '+'),
    indicator: fc.constantFrom(0, 0, 1, 2, 3),
    indicatorFirst: fc.boolean(),
    lines: fc.array(fc.tuple(fc.nat(3), blockLine), { maxLength: 8 }),
    trailing: fc.array(fc.nat(6), { maxLength: 3 }),
    comment: fc.boolean(),
    crlf: fc.boolean(),
    atEof: fc.boolean(),
    where: place,
  })
  .map((r) => {
    const { before, parent, after } = PLACES[r.where];
    const contentIndent = r.indicator ? parent + r.indicator : parent + 2;
    const header =
      r.mode +
      (r.indicatorFirst ? `${r.indicator || ''}${r.chomp}` : `${r.chomp}${r.indicator || ''}`) +
      (r.comment ? '  # note' : '');
    const body = r.lines.map(([extra, l]) => (l === '' ? ' '.repeat(extra) : ' '.repeat(contentIndent + extra) + l));
    const tail = r.trailing.map((n) => ' '.repeat(Math.min(n, contentIndent)));
    let text = `${before}${header}\n${[...body, ...tail].join('\n')}`;
    text += r.atEof ? '' : `\n${after}`;
    return r.crlf ? text.replace(/\n/g, '\r\n') : text;
  });

/** Raw flow scalars with continuation lines, escapes (valid or not), blank lines, CRLF. */
const flowPiece = fc.constantFrom(
  'a',
  'b c',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n    ',
  '\n\n    ',
  '\n  \t \n    ',
  '\r\n    ',
  ' \n    ',
  '\\',
  '\\\\',
  '\\n',
  '\\t',
  '\\\t',
  '\\ ',
  '\\"',
  '\\/',
  '\\x41',
  '\\x4',
  '\\u00e9',
  '\\uD83D\\uDE00',
  '\\U0001F600',
  '\\U00110000',
  '\\q',
  '\\\n    ',
  '\\\n\n    ',
  '\\\r\n  ',
  "''",
  '"',
  '#',
  ' #',
  ': ',
  'é',
  '😀',
  '\r',
);
const handFlow = fc
  .record({
    quote: fc.constantFrom('"', "'", ''),
    pieces: fc.array(flowPiece, { minLength: 1, maxLength: 10 }),
    atEof: fc.boolean(),
    where: place,
    inFlow: fc.boolean(),
  })
  .map(({ quote, pieces, atEof, where, inFlow }) => {
    let body = pieces.join('');
    if (quote === "'") body = body.replace(/(?<!')'(?!')/g, "''");
    if (quote === '"') body = body.replace(/(?<!\\)"/g, '\\"');
    if (!quote) body = `x${body.replace(/^[\s#]+/, '')}`;
    const scalar = inFlow ? `[ ${quote}${body}${quote}, y ]` : `${quote}${body}${quote}`;
    const { before, after } = PLACES[where];
    return `${before}${scalar}${atEof ? '' : `\n${after}`}`;
  });

// ---------------------------------------------------------------------------------------------
// Properties.

test('yaml-written configs decode exactly, with a sound map and JSON tokens mapped back, in every style', () => {
  fc.assert(
    fc.property(
      jsonText,
      fc.constantFrom(...STYLES),
      fc.constantFrom(0, 20, 40, 80),
      fc.constantFrom(2, 4),
      (json, style, lineWidth, indent) => {
        const text = writeWithYaml(json, style, lineWidth, indent);
        const node = configScalar(text);
        assert.ok(node, text);
        const d = checkDecoded(text, node);
        // yaml's folded-block writer does not round-trip U+2028/U+2029 (it adds an empty line).
        if (!/[\u2028\u2029]/.test(json)) assert.equal(d.value, json);
        checkTokens(text, d);
      },
    ),
    RUNS,
  );
});

test('yaml-written arbitrary strings (controls, astral, lone surrogates, blanks) decode exactly', () => {
  fc.assert(
    fc.property(
      fc.oneof(trickyString, fc.string({ unit: 'binary', maxLength: 30 })),
      fc.constantFrom(...STYLES),
      fc.constantFrom(0, 20, 40),
      (value, style, lineWidth) => {
        const text = writeWithYaml(value, style, lineWidth, 2);
        const node = configScalar(text);
        assert.ok(node, text);
        checkDecoded(text, node);
      },
    ),
    RUNS,
  );
});

test('hand-written block scalars (indicators, chomping, comments, CRLF, end of file) decode exactly', () => {
  fc.assert(
    fc.property(handBlock, (text) => {
      for (const node of allStringScalars(text)) checkDecoded(text, node);
    }),
    RUNS,
  );
});

test('hand-written flow scalars (escapes valid or not, folding, CRLF) decode exactly', () => {
  fc.assert(
    fc.property(handFlow, (text) => {
      for (const node of allStringScalars(text)) checkDecoded(text, node);
    }),
    RUNS,
  );
});

test('encodeScalar round-trips through yaml in every style (or says it fell back to double quotes)', () => {
  fc.assert(
    fc.property(
      fc.oneof(jsonText, trickyString, linesValue, fc.string({ unit: 'binary', maxLength: 20 })),
      fc.constantFrom(...STYLES),
      fc.boolean(),
      (value, style, followed) => {
        const enc = encodeScalar(value, style, '    ', 2);
        assert.ok(enc.style === style || enc.style === 'QUOTE_DOUBLE', enc.style);
        const isBlock = enc.style === 'BLOCK_LITERAL' || enc.style === 'BLOCK_FOLDED';
        const text = `spec:\n  config: ${enc.text}${isBlock ? '' : '\n'}${followed ? '  next: 1\n' : ''}`;
        const docs = yaml.parseAllDocuments(text);
        assert.equal(docs.length, 1);
        assert.deepEqual(docs[0].errors, [], text);
        const node = configScalar(text);
        assert.ok(node, text);
        assert.equal(node.value, value, text);
        assert.equal(node.type, enc.style);
        if (followed) assert.deepEqual(docs[0].toJS().spec.next, 1);
        checkDecoded(text, node);
      },
    ),
    RUNS,
  );
});

test('values a style can hold keep that style', () => {
  fc.assert(
    fc.property(jsonText, (json) => {
      // Pretty JSON has no line break next to a blank... unless the config itself does.
      assert.equal(encodeScalar(json, 'QUOTE_DOUBLE', '    ').style, 'QUOTE_DOUBLE');
      const printable = /^[\n\x20-\x7e]*$/.test(json);
      if (printable) assert.equal(encodeScalar(json, 'BLOCK_LITERAL', '    ').style, 'BLOCK_LITERAL');
      if (printable && !/[ \t]\n|\n[ \t]/.test(json))
        assert.equal(encodeScalar(json, 'QUOTE_SINGLE', '    ').style, 'QUOTE_SINGLE');
    }),
    RUNS,
  );
});

/** The scalar a test rewrites: the `config` value, else the block scalar (a sequence item or a root). */
function target(docs: yaml.Document.Parsed[], text: string): yaml.Scalar | undefined {
  let found: yaml.Scalar | undefined;
  for (const doc of docs) {
    yaml.visit(doc, {
      Pair(_k, pair) {
        if (yaml.isScalar(pair.key) && pair.key.value === 'config' && yaml.isScalar(pair.value)) {
          found = pair.value;
          return yaml.visit.BREAK;
        }
        return undefined;
      },
      Scalar(_k, node) {
        if (!found && node.range && '|>'.includes(text[node.range[0]])) found = node;
      },
    });
  }
  return found;
}

const docsJson = (docs: yaml.Document.Parsed[]) => JSON.stringify(docs.map((doc) => doc.toJS()));

test('encodeReplacement rewrites a scalar in place: same style where possible, rest of the file intact', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc
          .constantFrom(...STYLES)
          .chain((s) =>
            fc.tuple(jsonText, fc.constant(s), fc.constantFrom(0, 30)).map(([j, st, w]) => writeWithYaml(j, st, w, 2)),
          ),
        handBlock,
      ),
      fc.oneof(jsonText, trickyString, linesValue),
      (text, value) => {
        const before = yaml.parseAllDocuments(text);
        const node = target(before, text);
        if (!node || typeof node.value !== 'string' || before.some((doc) => doc.errors.length)) return;
        const d = decodeScalar(text, node)!;
        const enc = encodeReplacement(text, d, value);
        assert.ok(enc.style === d.style || enc.style === 'QUOTE_DOUBLE');
        const next = text.slice(0, d.sourceStart) + enc.text + text.slice(d.sourceEnd);
        const docs = yaml.parseAllDocuments(next);
        assert.equal(docs.length, before.length);
        for (const doc of docs) assert.deepEqual(doc.errors, [], next);
        const after = allScalarsIn(docs).find((n) => n.range?.[0] === d.sourceStart);
        assert.ok(after, next);
        assert.equal(after.value, value, next);
        assert.equal(after.type, enc.style);
        // Everything else reads the same.
        node.value = value;
        assert.equal(docsJson(docs), docsJson(before), next);
      },
    ),
    RUNS,
  );
});

// Hand-written fixtures for the embedded-scalar decoder (exact values and source spans in every
// YAML scalar style) and for the encoder that writes scalars back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as yaml from 'yaml';
import { decodeScalar, valueOffsetAt } from '../../server/src/core/embedded/scalarSource';
import {
  encodeReplacement,
  encodeScalar,
  escapeDoubleQuoted,
  parentIndentAt,
} from '../../server/src/core/embedded/scalarEncode';
import type { DecodedScalar, ScalarStyle } from '../../server/src/core/embedded/types';
import { cpuTimed } from '../support/cpuTime';

/** The scalar value of `key` (first match in any document), decoded; checks it against yaml. */
function decodeKey(text: string, key = 'config'): DecodedScalar {
  let node: yaml.Scalar | undefined;
  for (const doc of yaml.parseAllDocuments(text)) {
    yaml.visit(doc, {
      Pair(_k, pair) {
        if (!node && yaml.isScalar(pair.key) && pair.key.value === key && yaml.isScalar(pair.value)) node = pair.value;
      },
    });
  }
  assert.ok(node, `no scalar at ${key}`);
  const d = decodeScalar(text, node);
  assert.ok(d);
  assert.equal(d.value, node.value);
  assert.equal(d.exact, true);
  return d;
}

/** Source text behind value[start, end). */
const src = (text: string, d: DecodedScalar, start: number, end: number) => text.slice(...d.rangeToSource(start, end));

/** Source text behind the n-th occurrence of `token` in the value. */
function srcOf(text: string, d: DecodedScalar, token: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = d.value.indexOf(token, i + 1);
  assert.ok(i >= 0, `${JSON.stringify(token)} not in ${JSON.stringify(d.value)}`);
  return src(text, d, i, i + token.length);
}

/** The source span of each value unit, as text (for whole-map assertions). */
const unitSources = (text: string, d: DecodedScalar) =>
  [...Array(d.value.length).keys()].map((i) => src(text, d, i, i + 1));

// ---------------------------------------------------------------------------------------------
// Plain.

test('plain: one line, spans are the characters themselves', () => {
  const text = 'spec:\n  config: abc def\n';
  const d = decodeKey(text);
  assert.equal(d.value, 'abc def');
  assert.equal(d.style, 'PLAIN');
  assert.deepEqual([d.sourceStart, d.sourceEnd], [16, 23]);
  assert.deepEqual([d.contentStart, d.contentEnd], [16, 23]);
  assert.equal(srcOf(text, d, 'def'), 'def');
  assert.deepEqual(d.rangeToSource(4, 7), [20, 23]);
  assert.equal(d.toSource(d.value.length), 23);
});

test('plain: multi-line folding trims blanks, n breaks give n-1 newlines, a comment ends it', () => {
  const text = 'spec:\n  config: cni conf\t \n    with   \n\n\n     lines  # comment\n  next: 1\n';
  const d = decodeKey(text);
  assert.equal(d.value, 'cni conf with\n\nlines');
  // The folded space is the first line's break; the two newlines are the empty lines' breaks.
  const space = d.value.indexOf(' with');
  assert.equal(src(text, d, space, space + 1), '\n');
  assert.equal(d.rangeToSource(space, space + 1)[0], text.indexOf('\n', text.indexOf('conf')));
  const nl = d.value.indexOf('\n');
  const emptyLines = text.indexOf('\n\n\n') + 1;
  assert.deepEqual(d.rangeToSource(nl, nl + 2), [emptyLines, emptyLines + 2]);
  assert.equal(srcOf(text, d, 'lines'), 'lines');
  assert.equal(d.sourceEnd, text.indexOf('lines') + 5);
});

// ---------------------------------------------------------------------------------------------
// Single-quoted.

test("single-quoted: '' is one quote, folding as plain, blanks kept at the very start and end", () => {
  const text = "spec:\n  config: '  it''s  \n     a  \n\n     b '\n";
  const d = decodeKey(text);
  assert.equal(d.value, "  it's a\nb ");
  assert.equal(d.style, 'QUOTE_SINGLE');
  assert.equal(srcOf(text, d, "'"), "''");
  assert.equal(srcOf(text, d, "it's"), "it''s");
  assert.equal(d.contentStart, d.sourceStart + 1);
  assert.equal(d.contentEnd, d.sourceEnd - 1);
  assert.equal(text[d.sourceEnd - 1], "'");
  assert.equal(srcOf(text, d, 'b '), 'b ');
  assert.equal(src(text, d, 0, 2), '  ');
});

test('single-quoted: a multi-line JSON config (the usual NAD layout) maps every token', () => {
  const text = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
spec:
  config: '{
      "cniVersion": "0.3.1",
      "type": "macvlan",
      "master": "eth0",

      "ipam": { "type": "whereabouts", "range": "192.168.20.0/24" }
    }'
`;
  const d = decodeKey(text);
  assert.equal(
    d.value,
    '{ "cniVersion": "0.3.1", "type": "macvlan", "master": "eth0",\n"ipam": { "type": "whereabouts", "range": "192.168.20.0/24" } }',
  );
  assert.deepEqual(JSON.parse(d.value).ipam.range, '192.168.20.0/24');
  for (const token of ['"cniVersion"', '"macvlan"', '"eth0"', '"whereabouts"', '"192.168.20.0/24"'])
    assert.equal(srcOf(text, d, token), token);
  const [s] = d.rangeToSource(d.value.indexOf('"master"'), d.value.indexOf('"master"') + 8);
  assert.equal(text.slice(s, s + 8), '"master"');
  // A token spanning a fold maps to the source including the break and indentation.
  const comma = d.value.indexOf('",\n"ipam"') + 1;
  assert.equal(src(text, d, comma, comma + 8), ',\n\n      "ipam"');
});

// ---------------------------------------------------------------------------------------------
// Double-quoted.

test('double-quoted: every YAML 1.2 escape decodes, each unit maps to its whole escape', () => {
  const escapes: [string, string][] = [
    ['\\0', '\0'],
    ['\\a', '\x07'],
    ['\\b', '\b'],
    ['\\t', '\t'],
    ['\\\t', '\t'],
    ['\\n', '\n'],
    ['\\v', '\v'],
    ['\\f', '\f'],
    ['\\r', '\r'],
    ['\\e', '\x1b'],
    ['\\ ', ' '],
    ['\\"', '"'],
    ['\\/', '/'],
    ['\\\\', '\\'],
    ['\\N', '\u0085'],
    ['\\_', '\u00a0'],
    ['\\L', '\u2028'],
    ['\\P', '\u2029'],
    ['\\x41', 'A'],
    ['\\u00e9', 'é'],
    ['\\U0001F600', '😀'],
  ];
  const body = escapes.map(([e]) => `${e}|`).join('');
  const text = `spec:\n  config: "${body}"\n`;
  const d = decodeKey(text);
  assert.equal(d.value, escapes.map(([, v]) => `${v}|`).join(''));
  let at = 0;
  for (const [esc, v] of escapes) {
    assert.equal(src(text, d, at, at + v.length), esc, `escape ${esc}`);
    at += v.length + 1;
  }
  // Both halves of the astral character map to the whole \U escape.
  const smile = d.value.indexOf('😀');
  assert.deepEqual(d.rangeToSource(smile, smile + 1), d.rangeToSource(smile + 1, smile + 2));
  assert.equal(src(text, d, smile + 1, smile + 2), '\\U0001F600');
});

test('double-quoted: escaped line break joins without a space; folding trims blanks', () => {
  const text = 'spec:\n  config: "ab\\\n      cd  \n\n    ef\\t \n    gh"\n';
  const d = decodeKey(text);
  assert.equal(d.value, 'abcd\nef\t gh');
  assert.equal(srcOf(text, d, 'cd'), 'cd');
  assert.equal(srcOf(text, d, '\n'), '\n');
  assert.equal(srcOf(text, d, '\t'), '\\t');
  // The blank after the \t escape precedes a break: it is dropped; the fold gives the space.
  const space = d.value.indexOf(' gh');
  assert.equal(src(text, d, space, space + 1), '\n');
});

test('double-quoted: yaml quirks are mirrored (escaped break before an empty line, invalid escapes)', () => {
  // The spec would give "a\nb"; the yaml package gives "a b".
  let text = 'k: "a\\\n\n b"\n';
  let d = decodeKey(text, 'k');
  assert.equal(d.value, 'a b');
  // Invalid escapes stay as written (yaml reports an error but keeps the characters).
  text = 'k: "\\q and \\x4G and \\U00110000"\n';
  d = decodeKey(text, 'k');
  assert.equal(d.value, '\\q and \\x4G and \\U00110000');
  assert.equal(srcOf(text, d, '\\q'), '\\q');
  // An unterminated short escape swallows the closing quote, as in yaml.
  text = 'k: "\\x4"';
  d = decodeKey(text, 'k');
  assert.equal(d.value, '\\x4"');
});

test('double-quoted: CRLF line ends fold like LF; the folded space maps to the whole CRLF', () => {
  const text = 'spec:\r\n  config: "a  \r\n    b\r\n\r\n    c"\r\n';
  const d = decodeKey(text);
  assert.equal(d.value, 'a b\nc');
  assert.equal(srcOf(text, d, ' '), '\r\n');
  assert.equal(srcOf(text, d, '\n'), '\r\n');
  assert.equal(srcOf(text, d, 'c'), 'c');
});

// ---------------------------------------------------------------------------------------------
// Block scalars.

test('literal: clip, strip and keep chomping; the final newline maps to the last line break', () => {
  const clip = 'spec:\n  config: |\n    {\n      "a": 1\n    }\n\n  next: 1\n';
  let d = decodeKey(clip);
  assert.equal(d.value, '{\n  "a": 1\n}\n');
  assert.equal(d.style, 'BLOCK_LITERAL');
  assert.equal(d.blockIndent, 4);
  assert.equal(text(clip, d), '|\n    {\n      "a": 1\n    }\n');
  assert.equal(srcOf(clip, d, '  "a"'), '  "a"');
  assert.equal(src(clip, d, d.value.length - 1, d.value.length), '\n');
  assert.equal(d.contentStart, clip.indexOf('|') + 2);

  const strip = 'spec:\n  config: |-\n    a\n    b\n\n';
  d = decodeKey(strip);
  assert.equal(d.value, 'a\nb');
  assert.equal(d.toSource(d.value.length), strip.lastIndexOf('b') + 1);

  const keep = 'spec:\n  config: |+\n    a\n\n  \n  next: 1\n';
  d = decodeKey(keep);
  assert.equal(d.value, 'a\n\n\n');
  assert.deepEqual(unitSources(keep, d), ['a', '\n', '\n', '\n']);
  assert.equal(d.rangeToSource(3, 4)[0], keep.indexOf('  \n  next') + 2);
});

test('literal: indentation indicators relative to the parent collection, with chomping in either order', () => {
  let text = 'spec:\n  config: |2-\n      {"a": 1}\n    }\n';
  let d = decodeKey(text);
  assert.equal(d.value, '  {"a": 1}\n}');
  assert.equal(d.blockIndent, 4);
  assert.equal(srcOf(text, d, '  {'), '  {');
  text = 'list:\n- |1\n   x\n  y\n';
  d = decodeScalar(text, (yaml.parseDocument(text).get('list') as yaml.YAMLSeq).get(0, true) as yaml.Scalar)!;
  assert.equal(d.value, '  x\n y\n');
  assert.equal(d.blockIndent, 1);
  // Here the parent is the compact map, indented 4 (the key's column): content starts at 5.
  text = 'list:\n  - key: >+1\n      a\n\n';
  d = decodeKey(text, 'key');
  assert.equal(d.value, ' a\n\n');
  assert.equal(d.blockIndent, 5);
  text = '--- |-2\n    top\n';
  const root = yaml.parseAllDocuments(text)[0].contents as yaml.Scalar;
  d = decodeScalar(text, root)!;
  assert.equal(d.value, '  top');
});

test('literal: leading empty lines, trailing spaces, tabs, a header comment', () => {
  const text = 'spec:\n  config: | # the config\n\n      \n    a  \n    \tb\n      \n  next: 1\n';
  const d = decodeKey(text);
  assert.equal(d.value, '\n  \na  \n\tb\n  \n');
  assert.equal(d.contentStart, text.indexOf('config\n') + 7);
  assert.deepEqual(unitSources(text, d).slice(0, 4), ['\n', ' ', ' ', '\n']);
  assert.equal(srcOf(text, d, 'a  '), 'a  ');
  assert.equal(srcOf(text, d, '\tb'), '\tb');
});

test('folded: lines fold to spaces, empty lines to newlines, more-indented lines keep their breaks', () => {
  const text =
    'spec:\n  config: >\n    one\n    two\n\n    three\n      indented\n    \tsoft tab\n    four\n\n\n  next: 1\n';
  const d = decodeKey(text);
  assert.equal(d.value, 'one two\nthree\n  indented\n\tsoft tab\nfour\n');
  assert.equal(d.style, 'BLOCK_FOLDED');
  const space = d.value.indexOf(' two');
  assert.equal(src(text, d, space, space + 1), '\n');
  assert.equal(d.rangeToSource(space, space + 1)[0], text.indexOf('one') + 3);
  // The newline between "two" and "three" comes from the empty line's break.
  const nl = d.value.indexOf('\nthree');
  assert.equal(d.rangeToSource(nl, nl + 1)[0], text.indexOf('two') + 4);
  assert.equal(srcOf(text, d, '  indented'), '  indented');
});

test('folded: a more-indented line after an empty line gets both newlines (text, empty, indented)', () => {
  const text = 'k: >-\n  a\n\n    b\n  c\n';
  const d = decodeKey(text, 'k');
  assert.equal(d.value, 'a\n\n  b\nc');
  assert.deepEqual(unitSources(text, d).slice(1, 3), ['\n', '\n']);
  assert.equal(d.rangeToSource(1, 2)[0], text.indexOf('a') + 1);
  assert.equal(d.rangeToSource(2, 3)[0], text.indexOf('a') + 2);
});

test('block scalars with CRLF line ends: the "\\r" is never content, breaks map to "\\r\\n"', () => {
  const lit = 'spec:\r\n  config: |\r\n    a\r\n    b\r\n';
  let d = decodeKey(lit);
  assert.equal(d.value, 'a\nb\n');
  assert.deepEqual(unitSources(lit, d), ['a', '\r\n', 'b', '\r\n']);
  const fold = 'spec:\r\n  config: >\r\n    a\r\n\r\n    b\r\n    c\r\n';
  d = decodeKey(fold);
  assert.equal(d.value, 'a\nb c\n');
  assert.deepEqual(unitSources(fold, d), ['a', '\r\n', 'b', '\r\n', 'c', '\r\n']);
});

test('end of file without a final newline: every style; clip adds a newline mapped to the end', () => {
  let text = 'config: |\n  a';
  let d = decodeKey(text);
  assert.equal(d.value, 'a\n');
  assert.deepEqual(d.rangeToSource(1, 2), [text.length, text.length]);
  text = 'config: |+\n  a';
  d = decodeKey(text);
  assert.equal(d.value, 'a\n');
  text = 'config: |-\n  a';
  assert.equal(decodeKey(text).value, 'a');
  text = 'config: |';
  d = decodeKey(text);
  assert.equal(d.value, '');
  assert.deepEqual(d.rangeToSource(0, 0), [text.length, text.length]);
  for (const [t, v] of [
    ['config: "a\\tb"', 'a\tb'],
    ["config: 'a''b'", "a'b"],
    ['config: a\n  b', 'a b'],
  ] as const)
    assert.equal(decodeKey(t).value, v);
});

test('empty scalars and blocks of empty lines only', () => {
  let text = 'config: ""\n';
  let d = decodeKey(text);
  assert.equal(d.value, '');
  assert.deepEqual(d.rangeToSource(0, 0), [text.indexOf('"') + 1, text.indexOf('"') + 1]);
  assert.equal(valueOffsetAt(d, text.indexOf('"') + 1), 0);
  assert.equal(decodeKey("config: ''\n").value, '');
  text = 'config: |+\n\n  \n\nnext: 1\n';
  d = decodeKey(text);
  assert.equal(d.value, '\n\n\n');
  assert.deepEqual(unitSources(text, d), ['\n', '\n', '\n']);
  assert.equal(decodeKey('config: >-\n\n\nnext: 1\n').value, '');
});

// ---------------------------------------------------------------------------------------------
// Surroundings, fallbacks, cursor lookup.

test('anchors and tags are not part of the span; multi-document files; flow collections', () => {
  let text = 'a: 1\n---\nspec:\n  config: &cfg !!str "x\\ty"\n';
  let d = decodeKey(text);
  assert.equal(d.value, 'x\ty');
  assert.equal(text[d.sourceStart], '"');
  text = "config: [ \"a\\\"b\", 'c''d' ]\n";
  const seq = yaml.parseDocument(text).get('config') as yaml.YAMLSeq;
  d = decodeScalar(text, seq.get(0, true) as yaml.Scalar)!;
  assert.equal(d.value, 'a"b');
  assert.equal(srcOf(text, d, '"'), '\\"');
  d = decodeScalar(text, seq.get(1, true) as yaml.Scalar)!;
  assert.equal(d.value, "c'd");
});

test('non-strings and nodes without a range are not decoded', () => {
  const doc = yaml.parseDocument('a: 1\nb: null\nc: true\n');
  for (const k of ['a', 'b', 'c'])
    assert.equal(decodeScalar('a: 1\nb: null\nc: true\n', doc.get(k, true) as yaml.Scalar), undefined);
  assert.equal(decodeScalar('x', new yaml.Scalar('x')), undefined);
});

test('a value the decoder cannot reproduce falls back to an inexact map at the scalar start', () => {
  const text = 'config: "abc"\n';
  const node = yaml.parseDocument(text).get('config', true) as yaml.Scalar;
  node.value = 'something else';
  const d = decodeScalar(text, node)!;
  assert.equal(d.exact, false);
  assert.equal(d.value, 'something else');
  assert.equal(d.toSource(3), d.sourceStart);
  assert.deepEqual(d.rangeToSource(1, 4), [d.sourceStart, d.sourceEnd]);
  assert.deepEqual(d.rangeToSource(2, 2), [d.sourceStart, d.sourceStart]);
  assert.equal(valueOffsetAt(d, d.sourceStart + 1), undefined);
});

test('valueOffsetAt: cursor between characters, inside escapes and folds, outside the content', () => {
  const text = 'config: "a\\u00e9b\n    c"\n';
  const d = decodeKey(text);
  assert.equal(d.value, 'aéb c');
  const q = text.indexOf('"');
  assert.equal(valueOffsetAt(d, q), undefined, 'before the opening quote');
  assert.equal(valueOffsetAt(d, q + 1), 0);
  assert.equal(valueOffsetAt(d, q + 2), 1, 'at the escape');
  assert.equal(valueOffsetAt(d, q + 4), 2, 'inside the escape: the next unit');
  assert.equal(valueOffsetAt(d, text.indexOf('b')), 2);
  assert.equal(valueOffsetAt(d, text.indexOf('    c')), 4, 'in the continuation indentation');
  assert.equal(valueOffsetAt(d, text.lastIndexOf('"')), 5, 'before the closing quote');
  assert.equal(valueOffsetAt(d, text.lastIndexOf('"') + 1), undefined);
  const block = 'config: |\n  ab\n';
  const b = decodeKey(block);
  assert.equal(valueOffsetAt(b, block.indexOf('|')), undefined, 'on the header');
  assert.equal(valueOffsetAt(b, block.indexOf('ab') + 1), 1);
});

test('a long scalar decodes in linear time with a compact map', () => {
  // YAML source of `"key": "value with \"escapes\" and é", ` inside double quotes.
  const line = String.raw`\"key\": \"value with \\\"escapes\\\" and \u00e9\", `;
  const text = `config: "{${line.repeat(20000)}}"\n`;
  const node = yaml.parseDocument(text).get('config', true) as yaml.Scalar;
  const { value: d, ms } = cpuTimed(() => decodeScalar(text, node)!);
  assert.equal(d.exact, true);
  assert.ok(ms < 1000, `${ms} ms`);
  assert.equal(srcOf(text, d, '"key"', 19999), '\\"key\\"');
  assert.equal(srcOf(text, d, '\\"escapes\\"', 19999), String.raw`\\\"escapes\\\"`);
});

test('many scalars on one long line: each decode stays within its own span (no quadratic scan)', () => {
  const items = Array.from({ length: 20000 }, (_, i) => (i % 2 ? `'a''b${i}'` : `"x\\ty${i}"`));
  const text = `config: [${items.join(', ')}]\n# ${'z'.repeat(200000)}\n`;
  const seq = yaml.parseDocument(text).get('config') as yaml.YAMLSeq;
  const { ms } = cpuTimed(() => {
    for (const item of seq.items) assert.equal(decodeScalar(text, item as yaml.Scalar)?.exact, true);
  });
  assert.ok(ms < 1000, `${ms} ms`);
});

// ---------------------------------------------------------------------------------------------
// Encoder.

const parseConfig = (text: string) => {
  const doc = yaml.parseDocument(text);
  assert.deepEqual(doc.errors, []);
  assert.equal((doc.get('spec') as yaml.YAMLMap).get('next'), 1);
  return (doc.get('spec') as yaml.YAMLMap).get('config', true) as yaml.Scalar;
};

test('encodeScalar: each style writes what it can, else double quotes', () => {
  const cases: [string, ScalarStyle, string, ScalarStyle][] = [
    ['plain text', 'PLAIN', 'plain text', 'PLAIN'],
    ['123', 'PLAIN', '"123"', 'QUOTE_DOUBLE'],
    ['yes', 'PLAIN', '"yes"', 'QUOTE_DOUBLE'],
    ['a: b', 'PLAIN', '"a: b"', 'QUOTE_DOUBLE'],
    ['{"a":1}', 'PLAIN', '"{\\"a\\":1}"', 'QUOTE_DOUBLE'],
    ["it's", 'QUOTE_SINGLE', "'it''s'", 'QUOTE_SINGLE'],
    ['a\nb', 'QUOTE_SINGLE', "'a\n\n    b'", 'QUOTE_SINGLE'],
    ['a\n\nb\n', 'QUOTE_SINGLE', "'a\n\n\n    b\n\n    '", 'QUOTE_SINGLE'],
    ['a \nb', 'QUOTE_SINGLE', '"a \\nb"', 'QUOTE_DOUBLE'],
    ['tab\there', 'QUOTE_SINGLE', "'tab\there'", 'QUOTE_SINGLE'],
    ['bell\x07', 'QUOTE_SINGLE', '"bell\\a"', 'QUOTE_DOUBLE'],
    ['q"\\\n\t\u2028\ufeff\x7f😀', 'QUOTE_DOUBLE', '"q\\"\\\\\\n\\t\\L\\uFEFF\\x7F😀"', 'QUOTE_DOUBLE'],
    ['{\n  "a": 1\n}', 'BLOCK_LITERAL', '|-\n    {\n      "a": 1\n    }\n', 'BLOCK_LITERAL'],
    ['x\n', 'BLOCK_LITERAL', '|\n    x\n', 'BLOCK_LITERAL'],
    ['x\n\n\n', 'BLOCK_LITERAL', '|+\n    x\n\n\n', 'BLOCK_LITERAL'],
    ['  lead\nx\n', 'BLOCK_LITERAL', '|2\n      lead\n    x\n', 'BLOCK_LITERAL'],
    ['\n\n', 'BLOCK_LITERAL', '|+\n\n\n', 'BLOCK_LITERAL'],
    ['cr\r', 'BLOCK_LITERAL', '"cr\\r"', 'QUOTE_DOUBLE'],
    ['   ', 'BLOCK_LITERAL', '"   "', 'QUOTE_DOUBLE'],
    ['a\nb\n  c\nd', 'BLOCK_FOLDED', '>-\n    a\n\n    b\n      c\n    d\n', 'BLOCK_FOLDED'],
  ];
  for (const [value, style, text, used] of cases) {
    const enc = encodeScalar(value, style, '    ', 2);
    assert.deepEqual(enc, { text, style: used }, JSON.stringify(value));
    const node = parseConfig(`spec:\n  config: ${enc.text}${enc.text.endsWith('\n') ? '' : '\n'}  next: 1\n`);
    assert.equal(node.value, value, JSON.stringify(enc.text));
  }
  assert.equal(escapeDoubleQuoted('\ud800x'), '\\uD800x', 'a lone surrogate is escaped');
});

test('parentIndentAt: key column, sequence dash column, own-line scalars', () => {
  const t = 'spec:\n  config: |\n  - - x: "a"\n  - "b"\n    "c"\n';
  assert.equal(parentIndentAt(t, t.indexOf('|')), 2);
  assert.equal(parentIndentAt(t, t.indexOf('"a"')), 6);
  assert.equal(parentIndentAt(t, t.indexOf('"b"')), 2);
  assert.equal(parentIndentAt(t, t.indexOf('"c"')), 2);
  assert.equal(parentIndentAt('k: &a !!str |\n', 12), 0);
});

test('encodeReplacement keeps the style, indentation, header comment, trailing blank lines and CRLF', () => {
  const cases: [string, string, string][] = [
    [
      'spec:\n  config: |2- # keep me\n      {\n    }\n\n  next: 1\n',
      '  x\ny',
      'spec:\n  config: |2- # keep me\n      x\n    y\n\n  next: 1\n',
    ],
    [
      'spec:\n  config: >\n      a\n      b\n  next: 1\n',
      'p\nq\n',
      'spec:\n  config: >\n      p\n\n      q\n  next: 1\n',
    ],
    ['spec:\n  config: |+\n    a\n\n\n  next: 1\n', 'b\n', 'spec:\n  config: |\n    b\n\n\n  next: 1\n'],
    ['spec:\n  config: \'{\n    "a": 1 }\'\n', '{\n"b": 2}', 'spec:\n  config: \'{\n\n    "b": 2}\'\n'],
    ["spec:\n  config: 'x'\n", 'line1\nline2', "spec:\n  config: 'line1\n\n    line2'\n"],
    [
      'spec:\r\n  config: |\r\n    a\r\n  next: 1\r\n',
      'b\nc',
      'spec:\r\n  config: |-\r\n    b\r\n    c\r\n  next: 1\r\n',
    ],
    ['config: |\n  a', 'b', 'config: |-\n  b'],
    ['config: |\n  a\n  b\nnext: 1\n', '\x00', 'config: "\\0"\nnext: 1\n'],
  ];
  for (const [before, value, after] of cases) {
    const node = yaml.parseDocument(before).get('spec')
      ? ((yaml.parseDocument(before).get('spec') as yaml.YAMLMap).get('config', true) as yaml.Scalar)
      : (yaml.parseDocument(before).get('config', true) as yaml.Scalar);
    const d = decodeScalar(before, node)!;
    const enc = encodeReplacement(before, d, value);
    const next = before.slice(0, d.sourceStart) + enc.text + before.slice(d.sourceEnd);
    assert.equal(next, after, JSON.stringify(before));
    const doc = yaml.parseDocument(next);
    assert.deepEqual(doc.errors, []);
    const got = doc.get('spec') ? (doc.get('spec') as yaml.YAMLMap).get('config') : doc.get('config');
    assert.equal(got, value);
  }
});

function text(t: string, d: DecodedScalar): string {
  return t.slice(d.sourceStart, d.sourceEnd);
}

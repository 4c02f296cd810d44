// Property tests of the embedded-scalar decoder: random JSON written by the yaml library in every
// scalar style decodes to exactly node.value, and every JSON token maps back to the source
// characters that encode it.
import fc from 'fast-check';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document, isMap, parseDocument, Scalar } from 'yaml';
import { decodeScalar, valueOffsetAt } from '../../server/src/core/embedded/scalarSource';

const STYLES = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;

function configNode(text: string): Scalar {
  const doc = parseDocument(text);
  const spec = (doc.contents as unknown as { get(k: string, keep: boolean): unknown }).get('spec', true);
  assert.ok(isMap(spec));
  return spec.get('config', true) as Scalar;
}

function write(value: string, style: (typeof STYLES)[number], lineWidth: number): string {
  const doc = new Document({ spec: { config: value } });
  const spec = doc.get('spec', true) as unknown as { get(k: string, keep: boolean): Scalar };
  spec.get('config', true).type = style;
  return doc.toString({ lineWidth, minContentWidth: 0 });
}

const jsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 3 }), fc.boolean())
  .map(([v, pretty]) => JSON.stringify({ cniVersion: '1.0.0', v }, null, pretty ? 2 : undefined));
const strings = fc.oneof(
  jsonText,
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom("it's", 'a\\b"c', 'x\n\n y', ' lead', 'trail ', '\t😀é\u00a0'),
);

test('decoded value equals node.value for random strings in every style and line width', () => {
  fc.assert(
    fc.property(strings, fc.constantFrom(...STYLES), fc.constantFrom(0, 20, 80), (value, style, width) => {
      const text = write(value, style, width);
      const node = configNode(text);
      const d = decodeScalar(text, node);
      assert.ok(d);
      assert.equal(d.value, node.value);
      assert.equal(d.exact, true, `${style} ${JSON.stringify(text)}`);
    }),
    { numRuns: 400 },
  );
});

test('every JSON token maps back to its source characters; the map is monotonic and inside the scalar', () => {
  fc.assert(
    fc.property(jsonText, fc.constantFrom(...STYLES), fc.constantFrom(0, 30, 80), (json, style, width) => {
      const text = write(json, style, width);
      const node = configNode(text);
      const d = decodeScalar(text, node)!;
      assert.equal(d.value, json);
      let prev = -1;
      for (let i = 0; i < d.value.length; i++) {
        const s = d.toSource(i);
        assert.ok(s >= d.sourceStart && s <= d.sourceEnd);
        assert.ok(s >= prev, 'monotonic');
        prev = s;
      }
      const sc = createScanner(json, true);
      for (let k = sc.scan(); k !== SyntaxKind.EOF; k = sc.scan()) {
        if (k === SyntaxKind.Trivia || k === SyntaxKind.LineBreakTrivia) continue;
        const start = sc.getTokenOffset();
        const end = start + sc.getTokenLength();
        const [ss, se] = d.rangeToSource(start, end);
        const src = text.slice(ss, se);
        const token = json.slice(start, end);
        // The writer may pick another style when the requested one cannot hold the value.
        const actual = d.style;
        if (actual === 'BLOCK_LITERAL' || (actual === 'PLAIN' && !token.includes(' '))) assert.equal(src, token);
        else {
          // Quoted and folded styles may escape or fold characters; the source span still starts
          // at the token's first character and covers at least as many characters.
          assert.ok(
            se - ss >= 1 && valueOffsetAt(d, ss) === start,
            `${actual}: ${JSON.stringify(token)} -> ${JSON.stringify(src)}`,
          );
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('hand-written edge cases: escapes, folding, chomping, indentation indicators, CRLF, anchors', () => {
  const cases: [string, string][] = [
    ['spec:\n  config: "a\\\n    b \\u00e9\\U0001F600 \\\n     c"\n', 'ab é😀 c'],
    ['spec:\n  config: \'{\n      "a": 1,\n\n      "b": 2\n    }\'\n', '{ "a": 1,\n"b": 2 }'],
    ['spec:\n  config: |2-\n      indented\n    x\n', '  indented\nx'],
    ['spec:\n  config: >+\n    a\n    b\n\n      more\n    c\n\n\n', 'a b\n\n  more\nc\n\n\n'],
    ['spec:\n  config: |\r\n    a\r\n    b\r\n', 'a\nb\n'],
    ['spec:\n  config: |\n    a\n    b', 'a\nb\n'],
    ['spec:\n  config: &cfg plain\n    continued\n\n    more # comment\n', 'plain continued\nmore'],
    ['spec:\n  config: !!str >\n\n    after empty\n', '\nafter empty\n'],
  ];
  for (const [text, value] of cases) {
    const node = configNode(text);
    assert.equal(node.value, value, JSON.stringify(text));
    const d = decodeScalar(text, node)!;
    assert.equal(d.value, value);
    assert.equal(d.exact, true, JSON.stringify(text));
  }
  // The escape for 😀 maps both UTF-16 units to the whole \U0001F600 escape.
  const t = cases[0][0];
  const d = decodeScalar(t, configNode(t))!;
  const i = d.value.indexOf('😀');
  assert.equal(t.slice(...d.rangeToSource(i, i + 2)), '\\U0001F600');
  assert.equal(t.slice(...d.rangeToSource(d.value.indexOf('é'), d.value.indexOf('é') + 1)), '\\u00e9');
});

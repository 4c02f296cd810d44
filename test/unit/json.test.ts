// Strict JSON parsing of spec.config (server/src/core/cni/json.ts): every json/syntax finding at the
// exact characters, with the repair it names; duplicate keys; json/not-object; hostile input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkCniConfig } from '../../server/src/core/cni/checkConfig';
import { parseStrictJson } from '../../server/src/core/cni/json';
import { MAX_JSON_DEPTH } from '../../server/src/core/limits';
import type { JsonProblem } from '../../server/src/core/types';

const slice = (text: string, p: JsonProblem): string => text.slice(p.start, p.end);

/** [code, covered text, repair] of every problem. */
function findings(text: string): [string, string, unknown][] {
  return parseStrictJson(text).problems.map((p) => [p.code, slice(text, p), p.data?.repair]);
}

function one(text: string): JsonProblem {
  const { problems } = parseStrictJson(text);
  assert.equal(problems.length, 1, `${text}: ${JSON.stringify(problems)}`);
  assert.equal(problems[0].code, 'json/syntax');
  assert.equal(problems[0].severity, 'error');
  return problems[0];
}

// [name, text, covered text, repair, message pattern]
const SYNTAX: [string, string, string, string | undefined, RegExp][] = [
  ['trailing comma in an object', '{"type": "macvlan",}', ',', 'remove-trailing-comma', /trailing comma/i],
  ['trailing comma in an array', '{"a": [1, 2,], "b": 1}', ',', 'remove-trailing-comma', /trailing comma/i],
  [
    'line comment',
    '{"type": "macvlan" // the plugin\n}',
    '// the plugin',
    'remove-comment',
    /comments are not allowed/i,
  ],
  ['block comment', '{/* x */"type": "macvlan"}', '/* x */', 'remove-comment', /comments are not allowed/i],
  ['single-quoted key', "{'type': 'macvlan'}", "'type'", 'single-quotes', /double quotes/],
  ['single-quoted value with a space', '{"mode": \'br idge\'}', "'br idge'", 'single-quotes', /double quotes/],
  ['unquoted key', '{type: "macvlan"}', 'type', 'quote-word', /needs double quotes/],
  ['unquoted value', '{"mode": bridge}', 'bridge', 'quote-word', /needs double quotes/],
  ['Python True', '{"ipMasq": True}', 'True', 'python-literal', /write true\./],
  ['Python None', '{"ipam": None}', 'None', 'python-literal', /write null\./],
  ['capitalised literal', '{"ipMasq": TRUE}', 'TRUE', 'lowercase-literal', /lowercase/],
  [
    'missing comma between members',
    '{"cniVersion": "1.0.0"\n "type": "macvlan"}',
    '"type"',
    'insert-comma',
    /missing comma/i,
  ],
  ['missing comma between array elements', '{"a": [1 2]}', '2', 'insert-comma', /missing comma/i],
  ['extra comma', '{"a": 1,, "b": 2}', ',', 'remove-extra-comma', /extra comma/i],
  ['bad escape letter', '{"path": "C:\\q"}', '\\q', 'escape-backslash', /not a JSON escape/],
  ['short unicode escape', '{"a": "\\u12"}', '\\u12', undefined, /four hex digits/],
  ['raw tab in a string', '{"a": "x\ty"}', '\t', 'escape-control', /write \\t instead/],
  ['truncated object', '{"type": "macvlan"', '"', 'truncated', /ends before its object is closed/],
  ['truncated after a colon', '{"type":', ':', 'truncated', /ends too early/],
  ['truncated inside a string', '{"type": "macv', 'v', 'truncated', /ends inside a string/],
  [
    'string not closed on its line',
    '{"type": "macvlan,\n "master": "eth1"}',
    '"macvlan,',
    'close-string',
    /not closed/,
  ],
  ['missing colon', '{"type" "macvlan"}', '"macvlan"', 'insert-colon', /missing colon \(:\)/i],
  ['equals instead of colon', '{"type" = "macvlan"}', '=', undefined, /not an equals sign \(=\)/],
  ['extra closing brace', '{"type": "macvlan"}}', '}', 'remove-extra', /already closed/],
  ['non-breaking space', '{"type":\u00a0"macvlan"}', '\u00a0', 'replace-whitespace', /non-breaking space/],
  ['typographic quotes', '{\u201ctype\u201d: "macvlan"}', '\u201c', 'straight-quotes', /straight double quotes/],
  ['leading zero', '{"mtu": 01500}', '01500', undefined, /cannot start with 0/],
  ['hexadecimal number', '{"mtu": 0x5dc}', '0x5dc', undefined, /hexadecimal/],
  ['plus sign', '{"mtu": +1500}', '+1500', undefined, /not a JSON number/],
  [
    'garbage after a value',
    '{"cniVersion": "0.3.0"malFormattedJSON } }',
    'malFormattedJSON',
    undefined,
    /right after a value/,
  ],
];

for (const [name, text, covered, repair, message] of SYNTAX) {
  test(`json/syntax: ${name}`, () => {
    const p = one(text);
    assert.equal(slice(text, p), covered);
    assert.equal(p.data?.repair, repair);
    assert.match(p.message, message);
  });
}

test('json/syntax near misses: valid JSON of the same shapes has no finding', () => {
  for (const text of [
    '{"type": "macvlan"}',
    '{"a": [1, 2], "b": {"c": null}}',
    '{"kernelpath": "C:\\temp\\\\x", "u": "\\u00e9", "s": "\\/"}',
    '{"mode": "it\'s", "x": "// not a comment", "y": "/* nor this */"}',
    '{"mtu": 0, "neg": -1.5e3, "big": 12345678901234567890}',
    '\n\t {"a": 1}\r\n',
  ]) {
    assert.deepEqual(parseStrictJson(text).problems, [], text);
  }
});

test('independent mistakes are all reported: comments and trailing commas', () => {
  const text = '{\n  // first\n  "a": [1,],\n  /* second */ "b": 2,\n}';
  assert.deepEqual(findings(text), [
    ['json/syntax', '// first', 'remove-comment'],
    ['json/syntax', ',', 'remove-trailing-comma'],
    ['json/syntax', '/* second */', 'remove-comment'],
    ['json/syntax', ',', 'remove-trailing-comma'],
  ]);
});

test('after a mistake that derails the parser, only the first is reported', () => {
  const text = "{'cniVersion': '1.0.0', 'type': 'macvlan',}";
  assert.deepEqual(findings(text), [['json/syntax', "'cniVersion'", 'single-quotes']]);
});

test('repairs carry what to write and where', () => {
  const comma = one('{"cniVersion": "1.0.0"\n "type": "macvlan"}');
  assert.equal(comma.data?.insertAt, '{"cniVersion": "1.0.0"'.length, 'the comma goes right after the previous value');
  assert.equal(one('{"ipMasq": True}').data?.replacement, 'true');
  assert.equal(one('{"a": "x\ty"}').data?.replacement, '\\t');
  assert.equal(one('{"type" "macvlan"}').data?.insertAt, '{"type"'.length);
  assert.equal(one('{"type" = "macvlan"}').data?.replacement, ':');
  assert.equal(one('{"path": "C:\\q"}').data?.insertAt, '{"path": "C:'.length);
});

test('empty or blank text is one finding, not a crash', () => {
  for (const text of ['', '   ', '\n']) {
    const p = one(text);
    assert.match(p.message, /empty/);
  }
});

test('json/duplicate-key: a warning at the second key; Go keeps the last one', () => {
  const text = '{"master": "eth1", "type": "macvlan", "master": "eth2"}';
  const { problems } = parseStrictJson(text);
  assert.deepEqual(
    problems.map((p) => [p.code, p.severity, slice(text, p)]),
    [['json/duplicate-key', 'warning', '"master"']],
  );
  assert.equal(problems[0].start, text.lastIndexOf('"master"'));
  assert.match(problems[0].message, /Go keeps the last/);
  // Near misses: the same key in different objects, and keys differing in case.
  assert.deepEqual(parseStrictJson('{"a": {"type": 1}, "b": {"type": 2}, "type": 3}').problems, []);
  assert.deepEqual(parseStrictJson('{"master": "eth1", "Master": "eth2"}').problems, []);
});

test('json/duplicate-key in nested objects and arrays, each repeat reported', () => {
  const text = '{"plugins": [{"type": "a", "type": "b", "type": "c"}]}';
  const { problems } = parseStrictJson(text);
  assert.deepEqual(
    problems.map((p) => p.start),
    [text.indexOf('"type": "b"'), text.indexOf('"type": "c"')],
  );
});

test('json/not-object: the top-level value must be an object', () => {
  for (const text of ['[{"type": "macvlan"}]', '"macvlan"', '42', 'null']) {
    const r = checkCniConfig(text, {});
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.severity, slice(text, p)]),
      [['json/not-object', 'error', text]],
      text,
    );
  }
  assert.ok(!checkCniConfig('{}', {}).problems.some((p) => p.code === 'json/not-object'));
});

test('syntax errors stop the CNI checks: only json/syntax is reported', () => {
  const r = checkCniConfig('{"cniVersion": "4.0.0", "type": "macvlann",}', {});
  assert.deepEqual(
    r.problems.map((p) => p.code),
    ['json/syntax'],
  );
  assert.equal(r.root, undefined);
  assert.equal(r.summary, undefined);
});

test('nesting deeper than the limit is reported once, without walking it', () => {
  const deep = (n: number) => `{"a": ${'['.repeat(n)}${']'.repeat(n)}}`;
  assert.deepEqual(parseStrictJson(deep(MAX_JSON_DEPTH - 2)).problems, []);
  for (const n of [MAX_JSON_DEPTH + 1, 200_000]) {
    const text = deep(n);
    const { problems, root } = parseStrictJson(text);
    assert.equal(root, undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /nested too deeply/);
    // `{` is level 1, so the 500th `[` is the first bracket past the limit.
    assert.equal(problems[0].start, text.indexOf('[') + MAX_JSON_DEPTH - 1, 'at the first bracket past the limit');
    assert.deepEqual(
      checkCniConfig(text, {}).problems.map((p) => p.code),
      ['json/syntax'],
    );
  }
  // Unbalanced brackets (never closed) count too.
  assert.match(parseStrictJson('['.repeat(100_000)).problems[0].message, /nested too deeply/);
});

test('hostile input stays fast: many mistakes, long whitespace runs, long tokens', () => {
  const cases = [
    `{"a": [${'[1,],'.repeat(20_000)}1]}`,
    `{"a": 1,${' '.repeat(1_000_000)}x}`,
    `{"a": "${'\\q'.repeat(100_000)}"}`,
    `{${'// c\n'.repeat(50_000)}"a": 1}`,
    `{"${'k'.repeat(500_000)}": 1,}`,
  ];
  for (const text of cases) {
    const t0 = performance.now();
    const { problems } = parseStrictJson(text);
    const ms = performance.now() - t0;
    assert.ok(problems.length >= 1 && problems.length <= 50, `${problems.length} findings`);
    assert.ok(ms < 10_000, `${ms.toFixed(0)} ms for a ${text.length}-character text`);
  }
});

test('property: serialized JSON objects parse without findings; any text gives findings inside it', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const text = JSON.stringify(obj, null, 2);
      const { problems, root } = parseStrictJson(text);
      assert.equal(root?.type, 'object');
      assert.deepEqual(
        problems.filter((p) => p.code === 'json/syntax'),
        [],
      );
    }),
    { numRuns: 300, seed: 7 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.string({ maxLength: 3 }), (s, at, insert) => {
      const base = `{"cniVersion": "1.0.0", "type": "macvlan", "x": ${JSON.stringify(s)}}`;
      const i = at % (base.length + 1);
      const text = base.slice(0, i) + insert + base.slice(i);
      for (const p of parseStrictJson(text).problems) {
        assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, JSON.stringify({ text, p }));
      }
    }),
    { numRuns: 500, seed: 11 },
  );
});

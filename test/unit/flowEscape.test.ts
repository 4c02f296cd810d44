// Manifest text cannot inject Mermaid syntax, markup or script: every label is letters, digits, a
// few safe punctuation marks and entity codes; ids are fixed; every generated line has a known shape.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { clip, label, markdownText, MAX_LABEL_CHARS, mermaidText, wrapText } from '../../server/src/core/flow/escape';
import { flowsForWorkspace } from '../../server/src/core/flow/flow';
import type { ClusterModel, FlowDiagram } from '../../server/src/core/flow/model';
import { sequenceDiagram } from '../../server/src/core/flow/sequence';
import { topologyDiagram } from '../../server/src/core/flow/topology';
import { FIXTURES, loadFolder } from '../support/workspaceFixtures';

const HOSTILE = 'x"];alert(1);//<img src=x onerror=alert(1)>';

/** Escaped text: safe characters and entity codes only. */
const ESCAPED = /^(?:[A-Za-z0-9 ._/,()@+=:-]|#(?:quot|lt|gt|amp|\d+);)*$/;

/** Mermaid's own entity decoding, for round trips. */
function decode(s: string): string {
  const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
  return s.replace(/#(quot|lt|gt|amp|\d+);/g, (_m, e: string) => named[e] ?? String.fromCodePoint(Number(e)));
}

test('mermaidText: the hostile NAD name becomes entity codes', () => {
  assert.equal(mermaidText(HOSTILE), 'x#quot;#93;#59;alert(1)#59;//#lt;img src=x onerror=alert(1)#gt;');
  assert.equal(
    mermaidText("a\nb\r\tc`#;%{}|&'*~\\"),
    'a#10;b#13;#9;c#96;#35;#59;#37;#123;#125;#124;#amp;#39;#42;#126;#92;',
  );
  assert.equal(mermaidText('\u0000\u001b\u0085\ud800'), '#65533;#65533;#65533;#65533;');
  assert.equal(mermaidText('ü😀'), '#252;#128512;');
  assert.equal(
    mermaidText('ceph-public-net 10.0.0.0/24 fd00::/64 ns/name@eth1'),
    'ceph-public-net 10.0.0.0/24 fd00::/64 ns/name@eth1',
  );
});

test('mermaidText: for any string, only safe characters and entity codes, and decoding gives the text back', () => {
  fc.assert(
    fc.property(fc.fullUnicodeString({ maxLength: 60 }), (s) => {
      const e = mermaidText(s);
      assert.match(e, ESCAPED);
      const expected = [...s]
        // eslint-disable-next-line no-control-regex -- the control characters the escaper must replace
        .map((ch) => (/^[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]$/.test(ch) ? '\ufffd' : ch))
        .join('');
      assert.equal(decode(e), expected);
    }),
    { numRuns: 500, seed: 7 },
  );
});

test('clip, wrapText, label, markdownText', () => {
  assert.equal(clip('a'.repeat(MAX_LABEL_CHARS)), 'a'.repeat(MAX_LABEL_CHARS));
  assert.equal(clip('a'.repeat(MAX_LABEL_CHARS + 1)), 'a'.repeat(MAX_LABEL_CHARS - 1) + '…');
  assert.equal(clip('😀😀😀', 2), '😀…');
  assert.deepEqual(wrapText('one two three four', 9), ['one two', 'three', 'four']);
  assert.deepEqual(wrapText('', 9), ['']);
  assert.deepEqual(label('public: ', { text: '<b>' }, '\n', 'x'), {
    mermaid: 'public: #lt;b#gt;<br/>x',
    lines: ['public: <b>', 'x'],
  });
  assert.equal(markdownText('a_b*c`d<e>#[f](g)|h\ni'), 'a\\_b\\*c\\`d\\<e\\>\\#\\[f\\](g)\\|h i');
});

/** The shapes every generated line may have; payloads must be escaped text plus our own wording. */
const PAYLOAD = /^(?:[^"<>;#`%{}|\n]|#(?:quot|lt|gt|amp|\d+);|<br\/>)*$/;
const LINE_SHAPES: [RegExp, number | undefined][] = [
  [/^sequenceDiagram$/, undefined],
  [/^flowchart LR$/, undefined],
  [/^ {4}title (.*)$/, 1],
  [/^ {4}participant [A-Za-z0-9_]+ as ([A-Za-z0-9 ()]+)$/, undefined],
  [/^ {4}Note over [A-Za-z0-9_]+(?:,[A-Za-z0-9_]+)?: (.*)$/, 1],
  [/^ {4}[A-Za-z0-9_]+-{1,2}>>[A-Za-z0-9_]+: (.*)$/, 1],
  [/^ {4}rect rgba\(220, 53, 69, 0\.18\)$/, undefined],
  [/^ {4}end$/, undefined],
  [/^ {4}subgraph [A-Za-z0-9_]+\["(.*)"\]$/, 1],
  [/^ {4,8}[A-Za-z0-9_]+\["(.*)"\]$/, 1],
  [/^ {4}[A-Za-z0-9_]+ (?:---|===|-\.-) [A-Za-z0-9_]+$/, undefined],
  [/^ {4}[A-Za-z0-9_]+ (?:---|===)\|[A-Za-z/ +,]+\| [A-Za-z0-9_]+$/, undefined],
  [/^ {4}classDef (?:problem|note) [a-z-]+:[#0-9a-z]+(?:,[a-z-]+:[#0-9a-z]+)*$/, undefined],
  [/^ {4}class [A-Za-z0-9_]+(?:,[A-Za-z0-9_]+)* (?:problem|note)$/, undefined],
  [/^ {4}linkStyle \d+(?:,\d+)* stroke:#dc3545,stroke-width:3px$/, undefined],
];

function assertWellFormed(d: FlowDiagram): void {
  const lines = d.mermaid.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  for (const line of lines) {
    const shape = LINE_SHAPES.find(([re]) => re.test(line));
    assert.ok(shape, `unexpected line shape: ${JSON.stringify(line)}`);
    const [re, group] = shape;
    if (group !== undefined)
      assert.match(re.exec(line)![group], PAYLOAD, `unescaped payload in ${JSON.stringify(line)}`);
  }
  for (const id of Object.keys(d.nodes)) assert.match(id, /^[A-Za-z0-9_]+$/);
}

test('the hostile fixture workspace: every line has a known shape, every payload is escaped', () => {
  const ws = loadFolder(path.join(FIXTURES, 'flow', 'hostile'));
  const flows = flowsForWorkspace(ws);
  assert.equal(flows.length, 1);
  assert.equal(flows[0].diagrams.length, 2);
  for (const d of flows[0].diagrams) assertWellFormed(d);
  const all = flows[0].diagrams.map((d) => d.mermaid).join('\n');
  // (A hostile NAD name cannot be selected; its escaping is covered by the tests above and below.)
  assert.ok(
    all.includes('eth0#quot;#93;#59; click net_public call alert(1)#59; #lt;script#gt;window.__pwned=2#lt;/script#gt;'),
    'the master, escaped',
  );
  assert.ok(all.includes('gone-net'), 'the cluster selector');
  assert.doesNotMatch(all, /%%|<(?!br\/>)|:::|`/);
});

test('a model with hostile text in every field: every line has a known shape, for any string', () => {
  const build = (evil: (n: number) => string): ClusterModel => ({
    index: 0,
    uri: 'file:///c.yaml',
    name: evil(1),
    namespace: evil(2),
    source: 'cr',
    provider: 'multus',
    public: {
      role: 'public',
      kind: 'nad',
      selector: evil(3),
      ref: evil(4),
      nad: {
        name: evil(5),
        namespace: evil(6),
        uri: 'file:///n.yaml',
        pluginType: evil(7),
        master: evil(8),
        ipamType: evil(9),
        ranges: [evil(10), evil(11)],
        configReadable: true,
      },
    },
    cluster: { role: 'cluster', kind: 'missing', selector: evil(12), ref: evil(13) },
    writes: [
      { kind: 'replicated', size: 2, pools: [evil(14)], defaulted: false },
      { kind: 'erasure', dataChunks: 2, codingChunks: 1, pools: [evil(15), evil(16)] },
    ],
    daemons: ['mon', 'mgr', 'mds', 'rgw'],
    csiNetwork: 'host',
    problems: [
      { severity: 'error', message: evil(17), roles: ['cluster'], target: 'problem_0' },
      { severity: 'info', message: evil(18), roles: [] },
    ],
    targets: {},
  });
  const check = (m: ClusterModel) => {
    for (const w of m.writes) assertWellFormed(sequenceDiagram(m, w));
    assertWellFormed(topologyDiagram(m));
  };
  check(build((n) => `${HOSTILE}${n}\n end\n%%{init: {"theme":"dark"}}%%\`#quot;;|{}`));
  fc.assert(
    fc.property(fc.array(fc.fullUnicodeString({ maxLength: 30 }), { minLength: 19, maxLength: 19 }), (strings) =>
      check(build((n) => strings[n])),
    ),
    { numRuns: 150, seed: 11 },
  );
});

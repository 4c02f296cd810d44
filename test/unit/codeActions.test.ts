// Quick fixes and refactorings applied to the fixtures in test/fixtures/fixes: every fixture holds
// the same mistake in each scalar style; its header names the rule to fix (`# fix: <code>`, the
// preferred fix is applied until no such problem is left) or a refactoring (`# refactor: <title>`).
// The whole resulting text must equal `<name>.expected.yaml` (UPDATE_FIXTURES=1 rewrites them).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import { parseStrictJson } from '../../server/src/core/cni/json';
import { applyEdits, TextEdit, toSourceEdits } from '../../server/src/core/edits';
import { codeActions, FIXABLE_RULES, fixAll, fixesFor } from '../../server/src/core/features/codeActions';
import { layoutRefactors } from '../../server/src/core/features/fixes/layoutFixes';
import { editScalarValue } from '../../server/src/core/features/fixes/scalarEdit';
import { expandSnippet, snippetByPrefix } from '../../server/src/core/features/fixes/snippets';
import type { Fix } from '../../server/src/core/features/fixes/types';
import { RULES } from '../../server/src/core/rules';
import type { Workspace } from '../../server/src/core/workspace';
import { parseYamlFile } from '../../server/src/core/yaml/yamlFile';
import { nad } from '../support/manifests';
import { FIXTURES, memoryWorkspace } from '../support/workspaceFixtures';

const DIR = path.join(FIXTURES, 'fixes');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

type Directive = { kind: 'fix'; code: string; title?: string } | { kind: 'refactor'; title: string };

function directivesOf(text: string): Directive[] {
  const out: Directive[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const fix = /^# fix: (\S+)(?: "(.*)")?$/.exec(line);
    if (fix) out.push({ kind: 'fix', code: fix[1], ...(fix[2] ? { title: fix[2] } : {}) });
    const ref = /^# refactor: (.+)$/.exec(line);
    if (ref) out.push({ kind: 'refactor', title: ref[1] });
  }
  return out;
}

/** The YAML document span around an offset. */
function docSpan(ws: Workspace, uri: string, offset: number): [number, number] {
  const d = ws.get(uri)!.yaml!.docs.find((x) => x.range[0] <= offset && offset <= x.range[2])!;
  return [d.range[0], d.range[2]];
}

/** Applies one fix; checks its edits stay inside the document of the problem. */
function apply(ws: Workspace, uri: string, fix: Fix, at: number): void {
  const a = ws.get(uri)!;
  const edits = fix.change.edits.get(uri) ?? [];
  assert.ok(edits.length, `"${fix.title}" has edits`);
  const [ds, de] = docSpan(ws, uri, at);
  for (const e of edits)
    assert.ok(
      e.start >= ds && e.end <= de,
      `"${fix.title}" edits only its own document (${e.start}-${e.end} in ${ds}-${de})`,
    );
  ws.setFile(uri, applyEdits(a.text, edits));
}

function run(file: string): string {
  const input = fs.readFileSync(file, 'utf8');
  const uri = `file:///fixtures/fixes/${path.basename(file)}`;
  const ws = memoryWorkspace({});
  ws.setFile(uri, input);
  for (const d of directivesOf(input)) {
    for (let guard = 0; ; guard++) {
      assert.ok(guard < 60, 'fixes converge');
      const a = ws.get(uri)!;
      if (d.kind === 'fix') {
        let applied = false;
        for (const p of ws.problemsFor(uri).filter((x) => x.code === d.code)) {
          const fixes = fixesFor({ uri, analysis: a, workspace: ws }, p);
          const fix = d.title ? fixes.find((f) => f.title.startsWith(d.title!)) : fixes.find((f) => f.isPreferred);
          if (!fix) continue;
          apply(ws, uri, fix, p.start);
          applied = true;
          break;
        }
        if (!applied) break;
      } else {
        const target = a.nads.find(
          (n) =>
            n.decoded && layoutRefactors({ uri, analysis: a }, n.decoded.sourceStart).some((f) => f.title === d.title),
        );
        if (!target) break;
        const fix = layoutRefactors({ uri, analysis: a }, target.decoded!.sourceStart).find(
          (f) => f.title === d.title,
        )!;
        apply(ws, uri, fix, target.decoded!.sourceStart);
      }
    }
  }
  const out = ws.get(uri)!;
  // The result parses, every config is strict JSON, and the fixed rules are gone.
  assert.deepEqual(
    parseYamlFile(out.text).problems.map((p) => p.message),
    [],
  );
  for (const n of out.nads) {
    if (n.decoded)
      assert.deepEqual(
        parseStrictJson(n.decoded.value).problems.filter((p) => p.code === 'json/syntax'),
        [],
        `${n.nad.name}: valid JSON`,
      );
  }
  const fixed = directivesOf(input).flatMap((d) => (d.kind === 'fix' ? [d.code] : []));
  assert.deepEqual(
    ws
      .problemsFor(uri)
      .filter((p) => fixed.includes(p.code))
      .map((p) => [p.code, out.text.slice(p.start, p.end)]),
    [],
  );
  return out.text;
}

const fixtures = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('.expected.yaml'))
  .sort();

for (const name of fixtures) {
  test(`fix fixture ${name}: whole text equals ${name.replace(/\.yaml$/, '.expected.yaml')}`, () => {
    const got = run(path.join(DIR, name));
    const expectedFile = path.join(DIR, name.replace(/\.yaml$/, '.expected.yaml'));
    if (UPDATE) fs.writeFileSync(expectedFile, got);
    assert.ok(
      fs.existsSync(expectedFile),
      `no ${path.basename(expectedFile)}: write it (UPDATE_FIXTURES=1) and review it`,
    );
    assert.equal(got, fs.readFileSync(expectedFile, 'utf8'));
  });
}

test('every fixture style document is changed by its fix (no style silently skipped)', () => {
  for (const name of fixtures) {
    const input = fs.readFileSync(path.join(DIR, name), 'utf8').split(/^---$/m);
    const output = fs.readFileSync(path.join(DIR, name.replace(/\.yaml$/, '.expected.yaml')), 'utf8').split(/^---$/m);
    assert.equal(output.length, input.length, name);
    const unchanged =
      /^# unchanged: ([^(\n]*)/m
        .exec(input[0])?.[1]
        .split(',')
        .map((x) => x.trim()) ?? [];
    input.forEach((doc, i) => {
      const touched = doc !== output[i];
      const docName = /^ {2}name: (\S+)$/m.exec(doc)?.[1] ?? '';
      // Every document is a target, except the NADs that cross-file fixtures refer to.
      const isTarget =
        /kind: (CephCluster|Deployment|Pod)|config:/.test(doc) &&
        !['public-net', 'cluster-net', 'storage-net', 'apps-net'].includes(docName);
      if (unchanged.includes(docName)) assert.ok(!touched, `${name}: ${docName} stays as it is`);
      else if (isTarget) assert.ok(touched, `${name}: ${docName} (document ${i + 1}) was fixed`);
    });
  }
});

const NAD = (name: string, config: string) => nad({ name, namespace: 'rook-ceph', config });

test('a fix keeps the text around the scalar byte for byte (CRLF, comments, other keys)', () => {
  const text =
    NAD('crlf', `'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1",}' # keep me`).replace(/\n/g, '\r\n') +
    '# end\r\n';
  const ws = memoryWorkspace({ 'a.yaml': text });
  const uri = 'file:///mem/a.yaml';
  const p = ws.problemsFor(uri).find((x) => x.code === 'json/syntax')!;
  const fix = codeActions(ws, uri, { start: p.start, end: p.end }).find((f) => f.isPreferred)!;
  assert.equal(fix.title, 'Remove the trailing comma');
  assert.deepEqual(fix.change.edits.get(uri), [
    { start: text.indexOf(',}'), end: text.indexOf(',}') + 1, newText: '' },
  ]);
  assert.equal(applyEdits(text, fix.change.edits.get(uri)!), text.replace(',}', '}'));
});

test('fixes escape what they insert for the scalar style: " in double quotes, \' in single quotes', () => {
  const cases: [string, string, string][] = [
    [
      `"{\\"cniVersion\\": \\"0.3.1\\", \\"type\\": \\"macvlan\\", \\"mastr\\": \\"eth1\\"}"`,
      'cni/unknown-field',
      `"{\\"cniVersion\\": \\"0.3.1\\", \\"type\\": \\"macvlan\\", \\"master\\": \\"eth1\\"}"`,
    ],
    [
      `'{"cniVersion": "0.3.1", "type": "macvlan", "mastr": "eth1"}'`,
      'cni/unknown-field',
      `'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}'`,
    ],
  ];
  for (const [config, code, expected] of cases) {
    const text = NAD('esc', config);
    const ws = memoryWorkspace({ 'a.yaml': text });
    const uri = 'file:///mem/a.yaml';
    const p = ws.problemsFor(uri).find((x) => x.code === code)!;
    const fix = fixesFor({ uri, analysis: ws.get(uri)!, workspace: ws }, p).find((f) => f.isPreferred)!;
    assert.equal(applyEdits(text, fix.change.edits.get(uri)!), NAD('esc', expected));
  }
});

test('a Python dict with an escaped quote inside a double-quoted scalar becomes JSON with \\" escapes', () => {
  const text = NAD(
    'py',
    `"{'cniVersion': '1.0.0', 'type': 'macvlan', 'master': 'eth1', 'mac': 'say \\"hi\\"', 'linkInContainer': True}"`,
  );
  const ws = memoryWorkspace({ 'a.yaml': text });
  const uri = 'file:///mem/a.yaml';
  const p = ws.problemsFor(uri).find((x) => x.code === 'json/syntax')!;
  const fix = fixesFor({ uri, analysis: ws.get(uri)!, workspace: ws }, p).find((f) => f.isPreferred)!;
  assert.equal(fix.title, 'Convert the Python-style dict to JSON');
  const out = applyEdits(text, fix.change.edits.get(uri)!);
  assert.equal(
    out,
    NAD(
      'py',
      `"{\\"cniVersion\\": \\"1.0.0\\", \\"type\\": \\"macvlan\\", \\"master\\": \\"eth1\\", \\"mac\\": \\"say \\\\\\"hi\\\\\\"\\", \\"linkInContainer\\": true}"`,
    ),
  );
  ws.setFile(uri, out);
  assert.deepEqual(JSON.parse(ws.get(uri)!.nads[0].decoded!.value).mac, 'say "hi"');
});

test('"create this NAD" makes a new file next to the CephCluster from the macvlan snippet; it checks clean once named', () => {
  const cluster = `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: c
  namespace: rook-ceph
spec:
  network:
    provider: multus
    selectors:
      public: storage-public
`;
  const ws = memoryWorkspace({ 'ceph/cluster.yaml': cluster });
  const uri = 'file:///mem/ceph/cluster.yaml';
  const p = ws.problemsFor(uri).find((x) => x.code === 'rook/selector-not-found')!;
  const fixes = fixesFor({ uri, analysis: ws.get(uri)!, workspace: ws }, p);
  const create = fixes.find((f) => f.change.creates.length)!;
  assert.equal(create.title, 'Create NetworkAttachmentDefinition "rook-ceph/storage-public" in storage-public.yaml');
  assert.ok(!create.isPreferred, 'creating a file is never the preferred fix');
  const [file] = create.change.creates;
  assert.equal(file.uri, 'file:///mem/ceph/storage-public.yaml');
  assert.equal(
    file.text,
    `${expandSnippet(snippetByPrefix('nad-macvlan')!.body, { 1: 'storage-public', 2: 'rook-ceph' })}\n`,
  );
  ws.setFile(file.uri, file.text);
  assert.deepEqual(
    ws
      .problemsFor(uri)
      .filter((x) => x.severity === 'error' || x.severity === 'warning')
      .map((x) => x.code),
    [],
  );
  assert.deepEqual(
    ws
      .problemsFor(file.uri)
      .filter((x) => x.severity === 'error' || x.severity === 'warning')
      .map((x) => x.code),
    [],
  );
  // A taken file name is not overwritten.
  const again = fixesFor(
    { uri, analysis: ws.get(uri)!, workspace: ws, exists: (u) => u.endsWith('/storage-public.yaml') },
    { ...p },
  );
  assert.equal(
    again.find((f) => f.change.creates.length)?.change.creates[0].uri,
    'file:///mem/ceph/storage-public-2.yaml',
  );
});

test('fix all applies every safe preferred fix, round after round, and nothing unsafe', () => {
  const text = NAD(
    'all',
    `|
    {
      "name": "all",
      "type": "macvlan",
      "master": "eth1",
      "mode": "Bridge",
      "mtu": "9000",
      "ipam": {"type": "host-local", "subnet": "192.168.1.5/24",},
    }`,
  );
  const ws = memoryWorkspace({ 'a.yaml': text });
  const uri = 'file:///mem/a.yaml';
  const r = fixAll(ws, uri);
  assert.deepEqual(r.applied.map((a) => a.code).sort(), [
    'cni/field-type',
    'cni/invalid-value',
    'cni/missing-cniVersion',
    'ipam/host-bits',
    'json/syntax',
    'json/syntax',
  ]);
  assert.equal(
    r.text,
    NAD(
      'all',
      `|
    {
      "cniVersion": "1.0.0",
      "name": "all",
      "type": "macvlan",
      "master": "eth1",
      "mode": "bridge",
      "mtu": 9000,
      "ipam": {"type": "host-local", "subnet": "192.168.1.0/24"}
    }`,
    ),
  );
  assert.equal(applyEdits(text, [r.edit!]), r.text);
  // Unsafe ones (a guessed field name) are left for the user.
  const ws2 = memoryWorkspace({ 'b.yaml': NAD('b', `'{"cniVersion": "1.0.0", "type": "macvlan", "mastr": "eth1"}'`) });
  assert.deepEqual(fixAll(ws2, 'file:///mem/b.yaml').applied, []);
});

test('fix all works on a file Kubernetes reads leniently (under-indented quoted config) and maps edits back', () => {
  const source = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: lenient
spec:
  config: '{
  "cniVersion": "0.3.1",
  "type": "macvlan",
  "master": "eth1",
  }'
`;
  const ws = memoryWorkspace({ 'a.yaml': source });
  const uri = 'file:///mem/a.yaml';
  const a = ws.get(uri)!;
  assert.notEqual(a.text, a.source, 'the analysis re-indented the config');
  const r = fixAll(ws, uri);
  assert.deepEqual(
    r.applied.map((x) => x.code),
    ['json/syntax'],
  );
  const fixed = applyEdits(a.source, toSourceEdits(a, [r.edit!] as TextEdit[]));
  assert.equal(fixed, source.replace('"master": "eth1",', '"master": "eth1"'));
});

test('code actions: the refactorings are offered inside a valid config, not in an invalid one', () => {
  const ws = memoryWorkspace({
    'a.yaml': NAD('r', `'{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1"}'`),
    'b.yaml': NAD('r', `'{"type": "macvlan",}'`),
  });
  const at = (u: string) => ws.get(u)!.text.indexOf('macvlan');
  assert.deepEqual(
    codeActions(ws, 'file:///mem/a.yaml', {
      start: at('file:///mem/a.yaml'),
      end: at('file:///mem/a.yaml'),
      only: ['refactor'],
    }).map((f) => f.title),
    ['Write spec.config as a formatted | block'],
  );
  assert.deepEqual(
    codeActions(ws, 'file:///mem/b.yaml', {
      start: at('file:///mem/b.yaml'),
      end: at('file:///mem/b.yaml'),
      only: ['refactor'],
    }).map((f) => f.title),
    [],
  );
  const all = codeActions(ws, 'file:///mem/b.yaml', { start: 0, end: 0, only: ['source.fixAll'] });
  assert.deepEqual(
    all.map((f) => [f.title, f.kind]),
    [['Fix all safe Multus problems (2)', 'source.fixAll.multus-networks']],
  );
});

test('every rule with a quick fix is a catalog rule', () => {
  const ids = new Set(RULES.map((r) => r.id));
  for (const code of FIXABLE_RULES) assert.ok(ids.has(code), code);
});

test('check --fix applies the safe fixes in place, lists them, then reports what is left', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-fix-'));
  const file = path.join(dir, 'nad.yaml');
  const original = NAD(
    'cli',
    `'{"type": "macvlan", "mastr": "eth1", "ipam": {"type": "host-local", "subnet": "10.0.0.7/24",},}'`,
  );
  fs.writeFileSync(file, original);
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(['check', '--fix', 'nad.yaml'], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: dir });
  const text = out.join('');
  assert.deepEqual(err, []);
  assert.match(
    text,
    /^nad\.yaml:7: fixed json\/syntax: Remove the trailing comma\nnad\.yaml:7: fixed json\/syntax: Remove the trailing comma\nnad\.yaml:7: fixed cni\/missing-cniVersion: Add "cniVersion": "1\.0\.0"\nnad\.yaml:7: fixed ipam\/host-bits: Use the network address 10\.0\.0\.0\/24\nFixed 4 problems in 1 file\. 1 more fix \(changing meaning: one did-you-mean candidate each\) with --unsafe-fixes\.\n\n/,
  );
  assert.equal(
    fs.readFileSync(file, 'utf8'),
    NAD(
      'cli',
      `'{"cniVersion": "1.0.0", "type": "macvlan", "mastr": "eth1", "ipam": {"type": "host-local", "subnet": "10.0.0.0/24"}}'`,
    ),
  );
  // What is left: the guessed field name (not applied unattended).
  assert.match(text, /cni\/unknown-field/);
  assert.doesNotMatch(text, /json\/syntax.*Trailing comma/);
  assert.equal(code, 0);
  // Nothing left to fix: the file stays as it is.
  const again: string[] = [];
  runCli(['check', '--fix', '--format', 'json', 'nad.yaml'], {
    out: (s) => again.push(s),
    err: (s) => again.push(`ERR ${s}`),
    cwd: dir,
  });
  assert.match(again.join(''), /^ERR Nothing to fix automatically\./);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('no repair that would cut the config short: a // comment on a one-line config is not "fixed"', () => {
  const ws = memoryWorkspace({
    'a.yaml': NAD('a', `'{"cniVersion": "1.0.0", // note\n    "type": "macvlan"}'`),
    'b.yaml': NAD('b', `'{"cniVersion": "1.0.0", "type": "macvlan" // note }'`),
  });
  const fixesOf = (u: string) => {
    const p = ws.problemsFor(u).find((x) => x.code === 'json/syntax')!;
    return fixesFor({ uri: u, analysis: ws.get(u)!, workspace: ws }, p).map((f) =>
      applyEdits(ws.get(u)!.text, f.change.edits.get(u)!),
    );
  };
  // The comment ends with its source line: removing it keeps the rest.
  assert.deepEqual(fixesOf('file:///mem/a.yaml'), [NAD('a', `'{"cniVersion": "1.0.0",\n    "type": "macvlan"}'`)]);
  // Here it runs to the end of the value (and eats the closing brace): no fix.
  assert.deepEqual(fixesOf('file:///mem/b.yaml'), []);
});

test('scalar edits never swallow the next document: a rewritten block scalar before `---`', () => {
  const text = `${NAD('one', '|\n    {"type": "macvlan"}\n')}---\n${NAD('two', `'{"type": "macvlan"}'`)}`;
  const ws = memoryWorkspace({ 'a.yaml': text });
  const d = ws.get('file:///mem/a.yaml')!.nads[0].decoded!;
  const value = `{\n  "cniVersion": "1.0.0",\n  "type": "macvlan"\n}\n`;
  const r = editScalarValue(text, d, [{ start: 0, end: d.value.length, newText: value }])!;
  const out = applyEdits(text, r.edits);
  assert.equal(
    out,
    text.replace(
      '|\n    {"type": "macvlan"}\n',
      '|\n    {\n      "cniVersion": "1.0.0",\n      "type": "macvlan"\n    }\n',
    ),
  );
  const after = memoryWorkspace({ 'a.yaml': out }).get('file:///mem/a.yaml')!;
  assert.deepEqual(
    after.nads.map((n) => n.nad.name),
    ['one', 'two'],
  );
  assert.equal(after.nads[0].decoded!.value, value);
});

test('findings that carry the right value (data.suggestion) get it as the preferred fix', () => {
  const cases: [string, string][] = [
    [`'{"cniVersion": "1.0.0", "name": "my net!", "type": "macvlan", "master": "eth1"}'`, 'cni/invalid-name'],
    [`'{"cniVersion": "1.0.0", "type": "host-device", "pciBusID": "0000:3D:00.1"}'`, 'cni/invalid-value'],
    [`'{"cniVersion": "1.0.0", "type": "/opt/cni/bin/macvlan", "master": "eth1"}'`, 'cni/unknown-type'],
  ];
  for (const [config, code] of cases) {
    const text = NAD('s', config);
    const ws = memoryWorkspace({ 'a.yaml': text });
    const uri = 'file:///mem/a.yaml';
    const p = ws.problemsFor(uri).find((x) => x.code === code);
    assert.ok(p, `${code} reported for ${config}`);
    const fix = fixesFor({ uri, analysis: ws.get(uri)!, workspace: ws }, p).find((f) => f.isPreferred);
    assert.ok(fix, `a preferred fix for ${code}`);
    ws.setFile(uri, applyEdits(text, fix.change.edits.get(uri)!));
    assert.deepEqual(
      ws
        .problemsFor(uri)
        .filter((x) => x.code === code)
        .map((x) => x.message),
      [],
      `${code} fixed by "${fix.title}"`,
    );
  }
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';

const ROOT = path.resolve(__dirname, '../../..');
const FIX = 'test/fixtures/cli';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (s) => (out += s), err: (s) => (err += s), cwd: ROOT });
  return { code, out, err };
}

test('check --format json reports the exact diagnostic with 1-based UTF-16 positions and relative paths', () => {
  const r = run(['check', '--format', 'json', `${FIX}/bad-nad.yaml`]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.equal(json.files, 1);
  const syntax = json.diagnostics.filter((d: { code: string }) => d.code === 'json/syntax');
  assert.equal(syntax.length, 1);
  const line = 'config: \'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp",}}\'';
  const comma = line.indexOf('"dhcp",') + '"dhcp"'.length;
  assert.deepEqual(syntax[0], {
    file: path.join(FIX, 'bad-nad.yaml'),
    line: 6,
    column: 3 + comma,
    endLine: 6,
    endColumn: 3 + comma + 1,
    severity: 'error',
    code: 'json/syntax',
    message: syntax[0].message,
  });
  assert.match(syntax[0].message, /trailing comma/i);
});

test('check on a folder walks *.yaml and *.yml recursively and exits 0 without errors', () => {
  const r = run(['check', '--format', 'json', `${FIX}/good-nad.yml`]);
  assert.equal(r.code, 0, r.out);
  assert.deepEqual(JSON.parse(r.out), { files: 1, diagnostics: [] });
  const all = run(['check', '--format', 'json', FIX]);
  assert.equal(JSON.parse(all.out).files, 6, 'the five top-level YAML files and nested/deeper/nested-nad.yml');
  // Only the sub-folders: the one YAML file two levels down, not the .txt beside it.
  const nested = run(['check', '--format', 'json', `${FIX}/nested`]);
  assert.deepEqual(JSON.parse(nested.out), { files: 1, diagnostics: [] });
});

test('broken YAML, empty and binary files give a clear diagnostic or a skip, never a crash', () => {
  const r = run(['check', '--format', 'json', `${FIX}/broken.yaml`, `${FIX}/empty.yaml`, `${FIX}/binary.yaml`]);
  const json = JSON.parse(r.out);
  assert.equal(json.files, 3);
  const byFile = (f: string) =>
    json.diagnostics.filter((d: { file: string }) => d.file.endsWith(f)).map((d: { code: string }) => d.code);
  assert.ok(byFile('broken.yaml').includes('yaml/syntax'));
  assert.deepEqual(byFile('empty.yaml'), []);
  assert.deepEqual(byFile('binary.yaml'), ['yaml/limit']);
  assert.equal(r.code, 1);
});

test('a non-YAML file given explicitly is read and skipped without findings', () => {
  const r = run(['check', `${FIX}/notes.txt`]);
  assert.equal(r.code, 0);
  assert.match(r.out, /1 file\(s\) checked: 0 error/);
});

test('--rule turns a rule off; text format names file:line:col, severity and code', () => {
  const on = run(['check', `${FIX}/bad-nad.yaml`]);
  assert.match(on.out, /test\/fixtures\/cli\/bad-nad\.yaml:6:\d+: error json\/syntax: /);
  const off = run(['check', '--rule', 'json/syntax=off', `${FIX}/bad-nad.yaml`]);
  assert.doesNotMatch(off.out, /json\/syntax/);
  assert.equal(off.code, 0);
});

test('bad usage exits 2 with a clear message', () => {
  for (const args of [
    [],
    ['check'],
    ['check', '--format', 'xml', FIX],
    ['frobnicate'],
    ['check', 'no/such/path'],
    ['check', '--rule', 'x', FIX],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /multus-networks|Usage/);
  }
});

test('SARIF output is 2.1.0 with rule metadata and regions', () => {
  const r = run(['check', '--format', 'sarif', `${FIX}/bad-nad.yaml`]);
  const log = JSON.parse(r.out);
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0];
  const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'json/syntax');
  assert.equal(result.level, 'error');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 6);
  const rule = run0.tool.driver.rules[result.ruleIndex];
  assert.equal(rule.id, 'json/syntax');
  assert.match(rule.helpUri, /docs\/rules\.md#jsonsyntax$/);
});

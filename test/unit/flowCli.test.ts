// The `flow` command of the CLI: Markdown by default, bare Mermaid, diagram kinds, usage errors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import { ROOT } from '../support/shared';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (s) => (out += s), err: (s) => (err += s), cwd: ROOT });
  return { code, out, err };
}

test('CLI flow: Markdown by default (= expected.md), bare Mermaid with --format mermaid, --kind, usage errors', () => {
  const dir = 'test/fixtures/flow/replicas-3';
  const md = run(['flow', dir]);
  assert.equal(md.code, 0, md.err);
  const expected = fs
    .readFileSync(path.join(ROOT, dir, 'expected.md'), 'utf8')
    .replace('(cluster.yaml)', `(${dir}/cluster.yaml)`);
  assert.equal(md.out, expected);
  const seq = run(['flow', '--kind', 'sequence', '--format=mermaid', dir]);
  assert.equal(seq.code, 0);
  assert.match(seq.out, /^sequenceDiagram\n/);
  assert.doesNotMatch(seq.out, /flowchart|```/);
  const topo = run(['flow', '--kind=topology', '--format', 'mermaid', dir]);
  assert.match(topo.out, /^flowchart LR\n/);
  assert.doesNotMatch(topo.out, /sequenceDiagram/);
  const none = run(['flow', 'test/fixtures/cli/good-nad.yml']);
  assert.deepEqual([none.code, none.out], [1, '']);
  assert.match(none.err, /no CephCluster/);
  for (const bad of [
    ['flow'],
    ['flow', '--kind', 'pie', dir],
    ['flow', '--format', 'svg', dir],
    ['flow', '--nope', dir],
    ['flow', 'no/such/dir'],
  ]) {
    const r = run(bad);
    assert.equal(r.code, 2, bad.join(' '));
    assert.match(r.err, /Usage:/);
  }
});

// The `flow` command of the CLI: Markdown by default, bare Mermaid, diagram kinds, usage errors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import { helmValues, macvlanConfig, multusNetwork, nad } from '../support/manifests';
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

test('CLI flow on Helm values: the NAD go to definition picks (operatorNamespace), not the first of that name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-flow-helm-'));
  try {
    const nadIn = (namespace: string, range: string) =>
      nad({ name: 'public-net', namespace, config: macvlanConfig(range) });
    fs.writeFileSync(path.join(dir, 'a-nads.yaml'), nadIn('aaa', '10.1.0.0/24'));
    fs.writeFileSync(path.join(dir, 'b-nads.yaml'), nadIn('rook-ceph', '10.2.0.0/24'));
    fs.writeFileSync(
      path.join(dir, 'values.yaml'),
      helmValues({ operatorNamespace: 'rook-ceph', network: multusNetwork({ public: 'public-net' }) }),
    );
    const r = run(['flow', '--kind', 'topology', '--format', 'mermaid', dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /10\.2\.0\.0\/24/);
    assert.doesNotMatch(r.out, /10\.1\.0\.0\/24/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

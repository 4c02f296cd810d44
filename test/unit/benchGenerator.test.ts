// The benchmark's workspace generator (bench/generate.mjs): deterministic for a seed, the mix the
// benchmark claims to measure, and a workspace the checker finds no error in (so the figures are
// those of a healthy repository, not of error reporting).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';

const ROOT = path.resolve(__dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-bench-gen-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Generated {
  dir: string;
  files: number;
  largeFile: string;
  mediumFile: string;
  hotNadFile: string;
  hotRefs: number;
}
type Generate = (dir: string, files: number, seed?: number) => Generated;

// bench/generate.mjs is an ES module; tsc turns import() into require(), so load it through Function.
const loadGenerator = async (): Promise<Generate> =>
  (
    (await new Function('u', 'return import(u)')(pathToFileURL(path.join(ROOT, 'bench/generate.mjs')).href)) as {
      generateWorkspace: Generate;
    }
  ).generateWorkspace;

function digest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const f of walk(dir).sort())
    hash.update(path.relative(dir, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return hash.digest('hex');
}

function check(dir: string): { file: string; code: string; severity: string }[] {
  let out = '';
  runCli(['check', '--format', 'json', dir], { out: (s) => (out += s), err: () => {}, cwd: ROOT });
  return JSON.parse(out).diagnostics;
}

test('the same seed and size give the same bytes; another seed gives others', async () => {
  const generate = await loadGenerator();
  const a = generate(path.join(tmp, 'a'), 300);
  const b = generate(path.join(tmp, 'b'), 300);
  const c = generate(path.join(tmp, 'c'), 300, 7);
  assert.equal(a.files, 300);
  assert.equal(digest(a.dir), digest(b.dir));
  assert.notEqual(digest(a.dir), digest(c.dir));
});

test('the workspace has the claimed mix, checks without errors, and the hot NAD has its references', async () => {
  const generate = await loadGenerator();
  const ws = generate(path.join(tmp, 'mix'), 400);
  const large = fs.readFileSync(ws.largeFile, 'utf8');
  assert.equal(large.split(/^---$/m).length, 2000, 'the bundle has 2,000 documents');
  const mediumLines = fs.readFileSync(ws.mediumFile, 'utf8').split('\n').length;
  assert.ok(mediumLines >= 2000 && mediumLines < 2100, `the medium file has ~2,000 lines (${mediumLines})`);
  const all = fs
    .readdirSync(ws.dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.yaml'));
  for (const folder of ['networks', 'clusters', 'apps', 'misc', 'rendered'])
    assert.ok(
      all.some((f) => f.startsWith(folder + path.sep)),
      folder,
    );
  const diags = check(ws.dir);
  assert.deepEqual(
    diags.filter((d) => d.severity === 'error'),
    [],
  );
  // Every plugin type of the generator appears, in every scalar style.
  const nads = all.filter((f) => f.startsWith('networks')).map((f) => fs.readFileSync(path.join(ws.dir, f), 'utf8'));
  for (const type of ['macvlan', 'ipvlan', 'host-device', 'bridge', 'vlan', 'tuning'])
    assert.ok(
      nads.some((t) => t.includes(type)),
      type,
    );
  for (const style of [/config: \|\n/, /config: '\{/, /config: "\{/, /config: >-\n/, /config: '\{\n/])
    assert.ok(
      nads.some((t) => style.test(t)),
      String(style),
    );
  assert.equal(ws.hotRefs, 40);
  const hotFiles = all.filter((f) => f.startsWith(path.join('apps', 'hot')));
  assert.equal(hotFiles.length, 40);
  assert.ok(
    !diags.some((d) => d.code === 'ref/nad-not-found' && d.file.includes(`${path.sep}hot${path.sep}`)),
    'every hot reference resolves',
  );
});

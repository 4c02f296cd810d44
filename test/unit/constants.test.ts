// Names, the version and the directory walker are defined once; what must agree with them does.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { SHOW_FLOW_COMMAND } from '../../server/src/core/flow/protocol';
import { DIAGNOSTIC_SOURCE, PRODUCT_NAME, VERSION } from '../../server/src/core/product';
import { walkYamlFiles, yamlFilesUnder } from '../../server/src/node/yamlFiles';
import { ROOT } from '../support/shared';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('the version and names match package.json', () => {
  assert.equal(VERSION, pkg.version);
  assert.equal(PRODUCT_NAME, pkg.name);
  assert.equal(DIAGNOSTIC_SOURCE, pkg.name);
  assert.ok(
    pkg.contributes.commands.some((c: { command: string }) => c.command === SHOW_FLOW_COMMAND),
    'the flow command is contributed',
  );
});

test('the walker: *.yaml and *.yml at any depth, not in SKIP_DIRS, not excluded', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-walk-'));
  try {
    const put = (rel: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), 'a: 1\n');
    };
    for (const f of ['a.yaml', 'b.yml', 'c.txt', 'deep/er/d.yaml', 'node_modules/x.yaml', '.git/y.yaml', 'gen/z.yaml'])
      put(f);
    const rel = (fs_: string[]) => fs_.map((f) => path.relative(dir, f).split(path.sep).join('/'));
    assert.deepEqual(rel(yamlFilesUnder(dir)), ['a.yaml', 'b.yml', 'deep/er/d.yaml', 'gen/z.yaml']);
    assert.deepEqual(rel(yamlFilesUnder(dir, ['gen/**'])), ['a.yaml', 'b.yml', 'deep/er/d.yaml']);
    assert.deepEqual(rel(yamlFilesUnder(dir, ['**/d.yaml'])), ['a.yaml', 'b.yml', 'gen/z.yaml']);
    assert.deepEqual([...walkYamlFiles(path.join(dir, 'missing'))], []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

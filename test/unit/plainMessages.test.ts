// Diagnostic messages are plain text (LSP shows them as they are; the Problems panel prints Markdown
// backticks literally): every finding over every fixture folder, the bundled examples and, when
// present, the shared corpus has a message without a backtick. The catalog-wide trigger set is
// walked the same way in ruleCatalog.test.ts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CORPUS, corpusSkip, ROOT } from '../support/shared';
import { FIXTURES, loadFolder } from '../support/workspaceFixtures';

/** Every message of every file of `dir` taken as one workspace, with the file it came from. */
function messages(dir: string): { file: string; code: string; message: string }[] {
  const ws = loadFolder(dir);
  return [...ws.uris()].flatMap((uri) =>
    ws.problemsFor(uri).map((p) => ({ file: uri.slice(uri.lastIndexOf('/') + 1), code: p.code, message: p.message })),
  );
}

function assertPlain(dirs: string[]): number {
  let n = 0;
  for (const dir of dirs) {
    for (const m of messages(dir)) {
      n++;
      assert.ok(!m.message.includes('`'), `${path.relative(ROOT, dir)}/${m.file} ${m.code}: ${m.message}`);
    }
  }
  return n;
}

const subfolders = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(dir, d.name));

test('no message over the test fixtures and the examples contains a Markdown backtick', () => {
  const n = assertPlain([...subfolders(FIXTURES), path.join(ROOT, 'examples')]);
  assert.ok(n > 100, `the walk sees findings (${n})`);
});

test('no message over the shared corpus contains a Markdown backtick', { skip: corpusSkip }, () => {
  const n = assertPlain(subfolders(CORPUS));
  assert.ok(n > 0, `the walk sees findings (${n})`);
});

// The core runs in the web extension too: no module under server/src/core imports VS Code, the LSP
// libraries or a Node built-in (node:* or a bare built-in name).
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const CORE = path.resolve(__dirname, '../../../server/src/core');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

test('no vscode*, vscode-languageserver*, node:* or bare Node built-in import under server/src/core', () => {
  const files = tsFiles(CORE);
  assert.ok(files.length > 50, 'the walk finds the core');
  const builtins = new Set(builtinModules);
  const bad: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s+|require\()\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec.startsWith('node:') || spec.startsWith('vscode') || builtins.has(spec))
        bad.push(`${path.relative(CORE, file)}: ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});

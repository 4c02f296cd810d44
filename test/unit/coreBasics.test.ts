import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finalizeProblems } from '../../server/src/core/analyze';
import { matchesAny } from '../../server/src/core/glob';
import { ruleAnchor, RULES } from '../../server/src/core/rules';
import { DEFAULT_SETTINGS, settingsFrom } from '../../server/src/core/settings';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import type { Problem, RuleId } from '../../server/src/core/types';

test('LineIndex maps offsets and positions both ways, with LF, CRLF and CR breaks', () => {
  const text = 'ab\r\ncd\nef\rgh';
  const li = new LineIndex(text);
  assert.equal(li.lineCount, 4);
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(li.positionAt(10), { line: 3, character: 0 });
  assert.equal(li.offsetAt({ line: 2, character: 1 }), 8);
  assert.equal(li.lineEnd(0), 2);
  assert.equal(li.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the line end');
  assert.deepEqual(li.positionAt(999), { line: 3, character: 2 });
});

test('settingsFrom keeps valid entries and drops hostile ones', () => {
  const s = settingsFrom({
    rules: { 'cni/unknown-field': 'off', 'x/y': 'loud', z: 3 },
    maxFileSize: -1,
    extraPluginTypes: ['a', 1],
    rookVersion: 'latest',
  });
  assert.deepEqual(s.rules, { 'cni/unknown-field': 'off' });
  assert.equal(s.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
  assert.deepEqual(s.extraPluginTypes, ['a']);
  assert.equal(s.rookVersion, DEFAULT_SETTINGS.rookVersion);
  assert.deepEqual(settingsFrom(null), DEFAULT_SETTINGS);
});

test('globs: ** spans folders, * stays in a segment, {a,b} alternatives', () => {
  assert.ok(matchesAny('charts/x/templates/a.yaml', ['**/templates/**']));
  assert.ok(!matchesAny('charts/x/values.yaml', ['**/templates/**']));
  assert.ok(!matchesAny('dir/sub/file.yaml', ['dir/*.yaml']));
  assert.ok(matchesAny('dir/f.yml', ['dir/*.{yaml,yml}']));
  assert.ok(matchesAny('deep/dir/file.yaml', ['**/*.yaml']));
  assert.ok(!matchesAny('a.yaml', []));
});

// VS Code's files.exclude semantics (and ESLint's ignores); each case below failed with the
// hand-written matcher this replaced.
test('globs are anchored at their base folder, as in VS Code: *.yaml is the top folder only', () => {
  assert.ok(matchesAny('a.yaml', ['*.yaml']));
  assert.ok(!matchesAny('deep/dir/file.yaml', ['*.yaml']), 'a glob without / is not matched by name at any depth');
  assert.ok(!matchesAny('x/dir/a.yaml', ['dir/*.yaml']), "dir/*.yaml is the base folder's dir/");
  assert.ok(!matchesAny('x/values.yaml', ['values.yaml']));
  assert.ok(matchesAny('values.yaml', ['./values.yaml']) && matchesAny('values.yaml', ['/values.yaml']));
});

test('globs: a match on a folder excludes everything inside it; a trailing / names folders only', () => {
  assert.ok(matchesAny('x/charts/a/b.yaml', ['**/charts']));
  assert.ok(matchesAny('charts/a/b.yaml', ['charts']));
  assert.ok(matchesAny('charts', ['charts/**']) && matchesAny('charts/a/b.yaml', ['charts/**']));
  assert.ok(!matchesAny('x/charts.yaml', ['**/charts']));
  assert.ok(matchesAny('vendor/c.yml', ['vendor/']));
  assert.ok(!matchesAny('vendor', ['vendor/']), 'a file named vendor is not a folder');
});

test('globs: [0-9] and [!0-9] ranges, dot files, a leading ! is literal', () => {
  assert.ok(matchesAny('example.1', ['example.[0-9]']));
  assert.ok(!matchesAny('example.a', ['example.[0-9]']));
  assert.ok(matchesAny('example.a', ['example.[!0-9]']));
  assert.ok(!matchesAny('example.1', ['example.[!0-9]']));
  assert.ok(matchesAny('.github/workflows/ci.yaml', ['**/*.yaml']), 'dot folders are not special');
  assert.ok(!matchesAny('a.yaml', ['!b.yaml']), 'no negation: VS Code has none');
});

test('rule settings turn rules off or change severity; off-by-default rules stay off unless set', () => {
  const text = 'a\n# multus-networks-disable-next-line json/syntax\nb\nc\n';
  const li = new LineIndex(text);
  const at = (line: number) => li.offsetAt({ line, character: 0 });
  // Synthetic findings at one severity whatever the catalog says (finalizeProblems must not care).
  const p = (code: RuleId, line: number): Problem =>
    ({
      code,
      severity: 'warning',
      message: '',
      start: at(line),
      end: at(line) + 1,
    }) as Problem;
  const problems = [p('json/syntax', 2), p('json/syntax', 3), p('cni/unknown-field', 0), p('nad/unused', 0)];
  const out = finalizeProblems(
    problems,
    { text, lines: li },
    settingsFrom({ rules: { 'cni/unknown-field': 'error' } }),
  );
  assert.deepEqual(
    out.map((x) => [x.code, x.severity, li.positionAt(x.start).line]),
    [
      ['cni/unknown-field', 'error', 0],
      ['json/syntax', 'warning', 3],
    ],
  );
  const on = finalizeProblems(
    problems,
    { text, lines: li },
    settingsFrom({ rules: { 'nad/unused': 'hint', 'json/syntax': 'off' } }),
  );
  assert.deepEqual(
    on.map((x) => x.code),
    ['cni/unknown-field', 'nad/unused'],
  );
});

test('file-level directive silences listed rules, or all rules without ids', () => {
  const text = '# multus-networks-disable cni/unknown-field, json/syntax\nx\n';
  const li = new LineIndex(text);
  const probs: Problem[] = (['cni/unknown-field', 'json/syntax', 'cni/field-type'] as const).map(
    (code) => ({ code, severity: 'error', message: '', start: 57, end: 58 }) as Problem,
  );
  assert.deepEqual(
    finalizeProblems(probs, { text, lines: li }, DEFAULT_SETTINGS).map((x) => x.code),
    ['cni/field-type'],
  );
  const all = '# multus-networks-disable\nx\n';
  assert.deepEqual(finalizeProblems(probs, { text: all, lines: new LineIndex(all) }, DEFAULT_SETTINGS), []);
});

test('every rule id is unique, documented in docs/rules.md, and anchors follow GitHub slugs', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/rules.md'), 'utf8');
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(doc.includes(`### \`${id}\``), id);
  assert.equal(ruleAnchor('cni/missing-cniVersion'), 'cnimissing-cniversion');
});

// nad/ rules on one NAD: the config name against metadata.name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace';

const URI = 'file:///ws/nad.yaml';

function findings(config: string, code: string): [string, string][] {
  const text = `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: public-net\nspec:\n  config: '${config}'\n`;
  const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
  ws.setFile(URI, text);
  return ws
    .problemsFor(URI)
    .filter((p) => p.code === code)
    .map((p) => [p.severity, text.slice(p.start, p.end)]);
}

test('nad/name-mismatch: a config name other than metadata.name is a hint on the config name', () => {
  assert.deepEqual(
    findings(
      '{"cniVersion": "0.3.1", "name": "public", "type": "macvlan", "master": "eth0", "ipam": {"type": "static"}}',
      'nad/name-mismatch',
    ),
    [['hint', '"public"']],
  );
});

test('nad/name-mismatch: the same name, no name, or an empty one (Multus fills in metadata.name) is not reported', () => {
  for (const name of ['"name": "public-net", ', '', '"name": "", ']) {
    assert.deepEqual(
      findings(
        `{"cniVersion": "0.3.1", ${name}"type": "macvlan", "master": "eth0", "ipam": {"type": "static"}}`,
        'nad/name-mismatch',
      ),
      [],
      name,
    );
  }
  // In a list, an empty name is reported once, as the missing list name it amounts to.
  const list =
    '{"cniVersion": "0.3.1", "name": "", "plugins": [{"type": "macvlan", "master": "eth0", "ipam": {"type": "static"}}]}';
  assert.deepEqual(findings(list, 'nad/name-mismatch'), []);
  assert.equal(findings(list, 'cni/list-name-missing').length, 1);
});

/** Every finding of one file as [code, severity, the characters it covers, suggestion]. */
function all(text: string): [string, string, string, unknown][] {
  const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
  ws.setFile(URI, text);
  return ws
    .problemsFor(URI)
    .map((p) => [p.code, p.severity, text.slice(p.start, p.end), (p.data as { suggestion?: unknown })?.suggestion]);
}

const HEAD = 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: public-net\n';
const JSON_CONFIG = `'{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "ipam": {}}'`;

test('a misspelt config key is reported once, on the key, with "config" as the suggestion; no "No spec.config" on the kind line', () => {
  assert.deepEqual(all(`${HEAD}spec:\n  confg: ${JSON_CONFIG}\n`), [['k8s/unknown-field', 'error', 'confg', 'config']]);
  assert.deepEqual(all(`${HEAD}spec:\n  Config: ${JSON_CONFIG}\n`), [
    ['k8s/unknown-field', 'error', 'Config', 'config'],
  ]);
  // A misspelt spec holding the config: the same, one level up.
  assert.deepEqual(all(`${HEAD}spce:\n  config: ${JSON_CONFIG}\n`), [['k8s/unknown-field', 'error', 'spce', 'spec']]);
});

test('near miss: a spec key that is no misspelling of config still gets "No spec.config" (the node file case)', () => {
  const found = all(`${HEAD}spec:\n  plugins: x\n`);
  assert.deepEqual(
    found.map(([c, s, t]) => [c, s, t]),
    [
      ['nad/config-empty', 'info', 'NetworkAttachmentDefinition'],
      ['k8s/unknown-field', 'error', 'plugins'],
    ],
  );
  assert.deepEqual(all(`${HEAD}spec: {}\n`), [['nad/config-empty', 'info', 'NetworkAttachmentDefinition', undefined]]);
});

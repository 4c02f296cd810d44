// Disable comments: a misspelt rule id is reported where it is written (comment/unknown-rule, with
// the did-you-mean of text/suggest.ts), text after " -- " is a description, and a disable-next-line
// comment on the line before an embedded document's key covers the whole document (JSON has no
// comments). Exact ids, severities and ranges; each behaviour with a near miss.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { settingsFrom } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace';

/** [code, severity, covered text] of every finding of one file. */
function findings(text: string): [string, string, string][] {
  const ws = new Workspace(settingsFrom({}), ALL_CHECKS);
  ws.setFile('file:///s/f.yaml', text);
  return ws.problemsFor('file:///s/f.yaml').map((p) => [p.code, p.severity, text.slice(p.start, p.end)]);
}

/** A NAD whose config is a | block: cni/unknown-field on "mtuu", three lines below config:. */
const blockNad = (before: string, between = '') => `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: public-net
spec:
${before}${between}  config: |
    {
      "cniVersion": "1.0.0", "type": "macvlan", "master": "eth1",
      "mtuu": 1500,
      "ipam": {"type": "whereabouts", "range": "10.1.0.0/24"}
    }
`;
const UNKNOWN_FIELD: [string, string, string] = ['cni/unknown-field', 'warning', '"mtuu"'];

test('without a comment the finding inside the block is reported', () => {
  assert.deepEqual(findings(blockNad('')), [UNKNOWN_FIELD]);
});

test('disable-next-line before config: covers every line of the embedded JSON', () => {
  assert.deepEqual(findings(blockNad('  # multus-networks-disable-next-line cni/unknown-field\n')), []);
  assert.deepEqual(findings(blockNad('  # multus-networks-disable-next-line\n')), [], 'no ids: every rule');
});

test('near misses: another rule, or the comment not directly before config:, silence nothing in the block', () => {
  assert.deepEqual(findings(blockNad('  # multus-networks-disable-next-line cni/field-type\n')), [UNKNOWN_FIELD]);
  assert.deepEqual(
    findings(blockNad('  # multus-networks-disable-next-line cni/unknown-field\n', '  # another comment\n')),
    [UNKNOWN_FIELD],
  );
});

test('the block rule is limited to the document after the key: a finding elsewhere stays', () => {
  const text = blockNad('  # multus-networks-disable-next-line cni/unknown-field\n').replace(
    'name: public-net',
    'name: public.net',
  );
  assert.deepEqual(findings(text), [['nad/name-portability', 'warning', 'public.net']]);
});

const pod = (comment: string) => `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: rook-ceph
  annotations:
${comment}    k8s.v1.cni.cncf.io/networks: |
      [
        {"name": "publc-net"}
      ]
spec:
  containers: []
`;

test('disable-next-line before the networks annotation key covers its whole JSON value', () => {
  assert.deepEqual(findings(pod('')), [['ref/nad-not-found', 'info', '{"name": "publc-net"}']]);
  assert.deepEqual(findings(pod('    # multus-networks-disable-next-line ref/nad-not-found\n')), []);
  assert.deepEqual(findings(pod('    # multus-networks-disable-next-line ref/annotation-syntax\n')), [
    ['ref/nad-not-found', 'info', '{"name": "publc-net"}'],
  ]);
});

const NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: public.net
spec:
  config: '{"cniVersion": "1.0.0", "type": "macvlan", "master": "eth1", "ipam": {}}'
`;

test('a misspelt id is reported at its characters with a did-you-mean, and silences nothing', () => {
  const text = `# multus-networks-disable-next-line nad/name-portabilty\n${NAD}`;
  const ws = new Workspace(settingsFrom({}), ALL_CHECKS);
  ws.setFile('file:///s/f.yaml', text);
  const ps = ws.problemsFor('file:///s/f.yaml');
  assert.deepEqual(
    ps.map((p) => [p.code, p.severity, text.slice(p.start, p.end)]),
    [
      ['comment/unknown-rule', 'warning', 'nad/name-portabilty'],
      ['nad/name-portability', 'warning', 'public.net'],
    ],
  );
  assert.equal(
    ps[0].message,
    '"nad/name-portabilty" is not a multus-networks rule id, so this comment silences nothing for it. Did you mean "nad/name-portability"?',
  );
  assert.deepEqual(ps[0].data, { suggestion: 'nad/name-portability' });
});

test('near misses: a correct id, a description after --, and an id with nothing close', () => {
  assert.deepEqual(findings(`# multus-networks-disable nad/name-portability -- legacy name, kept\n${NAD}`), []);
  const text = `# multus-networks-disable zzz\n${NAD}`;
  assert.deepEqual(findings(text), [
    ['comment/unknown-rule', 'warning', 'zzz'],
    ['nad/name-portability', 'warning', 'public.net'],
  ]);
  const ws = new Workspace(settingsFrom({}), ALL_CHECKS);
  ws.setFile('file:///s/f.yaml', text);
  assert.match(ws.problemsFor('file:///s/f.yaml')[0].message, /not a multus-networks rule id.*docs\/rules\.md/);
});

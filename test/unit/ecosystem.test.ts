// The wider ecosystem (issue 14): what reaches the user and nothing else. The yaml library's own
// warnings (process warnings on stderr) are not findings and must never be printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/core/analyze';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const COLLECTION_KEY = `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata:
  name: rook-ceph
  namespace: rook-ceph
spec:
  network:
    provider: multus
    ? [public, cluster]
    : rook-ceph/ceph-net
    selectors:
      public: rook-ceph/public-net
`;

test('no yaml library chatter on stderr: a collection as a mapping key', () => {
  const warnings: unknown[] = [];
  const original = process.emitWarning;
  process.emitWarning = ((w: unknown) => void warnings.push(w)) as typeof process.emitWarning;
  try {
    const problems = analyzeFile('file:///c.yaml', COLLECTION_KEY, DEFAULT_SETTINGS, ALL_CHECKS.local).problems;
    // The file is still checked: the selector is resolved (and not found in this one-file workspace).
    assert.ok(Array.isArray(problems));
  } finally {
    process.emitWarning = original;
  }
  assert.deepEqual(warnings, []);
});

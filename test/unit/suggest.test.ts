// The one did-you-mean engine (server/src/core/text/suggest.ts) and its policy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  closest,
  closestOne,
  editDistance,
  isCaseVariant,
  suggestionDistance,
  suggestionLimit,
} from '../../server/src/core/text/suggest';

test('distance: Levenshtein plus adjacent swaps, exact as written', () => {
  assert.equal(editDistance('public', 'public'), 0);
  assert.equal(editDistance('publc', 'public'), 1);
  assert.equal(editDistance('pubilc', 'public'), 1, 'a swap of neighbours is one edit');
  assert.equal(editDistance('Public', 'public'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('ca', 'abc'), 3, 'optimal string alignment: no edit of a swapped pair');
});

test('the policy distance ignores letter case and the separators - _ . and spaces', () => {
  assert.equal(suggestionDistance('RangeStart', 'rangeStart'), 0);
  assert.equal(suggestionDistance('range_start', 'rangeStart'), 0);
  assert.equal(suggestionDistance('rangeStrat', 'range_start'), 1);
  assert.ok(isCaseVariant('Macvlan', 'macvlan'));
  assert.ok(!isCaseVariant('macvlan', 'macvlan'));
  assert.ok(!isCaseVariant('macvtap', 'macvlan'));
});

test('the limit grows with the length typed: 1 up to 3 characters, 2 up to 6, 3 beyond', () => {
  assert.deepEqual([1, 3, 4, 6, 7, 30].map(suggestionLimit), [1, 1, 2, 2, 3, 3]);
  assert.deepEqual(closest('ab', ['xy', 'ax']), ['ax'], 'two edits on a two-letter word are not a typo');
  assert.deepEqual(closest('x', ['y']), [], 'never as many edits as the word has letters');
  assert.deepEqual(closest('x', ['X']), ['X'], 'a case variant always counts');
  assert.equal(closestOne('ceph-clustr-net', ['ceph-cluster-net', 'ceph-public-net']), 'ceph-cluster-net');
  assert.equal(closestOne('storageNetwork', ['master', 'mode', 'mtu']), undefined);
  assert.deepEqual(closest('publik-nett', ['public-net']), ['public-net'], 'three edits on a long name');
  assert.deepEqual(closest('pblk-nt', ['public-net']), [], 'four are too many');
});

test('best first: case variants, then by distance, then alphabetical; at most `limit`', () => {
  assert.deepEqual(closest('net', ['Net', 'nets', 'ne', 'nat']), ['Net', 'nat', 'ne', 'nets'].slice(0, 3));
  assert.deepEqual(closest('net', ['Net', 'nets', 'ne', 'nat'], 1), ['Net']);
  assert.deepEqual(closest('cluster', ['cluster']), [], 'the word itself is no suggestion');
  // Hostile input: a very long word is compared with nothing of a far length.
  assert.deepEqual(closest('k'.repeat(100_000), ['mtu', 'master']), []);
});

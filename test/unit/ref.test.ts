// The network selection parser (short and JSON forms) and the ref/ family on annotations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNetworkValue } from '../../server/src/core/ref/networkRefs';
import { closest, editDistance } from '../../server/src/core/text/suggest';
import { nad, podWithNetworks } from '../support/manifests';
import { memoryWorkspace, problemsOf } from '../support/workspaceFixtures';

const refs = (v: string, ctx: 'selector' | 'annotation' = 'annotation') => parseNetworkValue(v, ctx);
const slices = (v: string, ctx: 'selector' | 'annotation' = 'annotation') =>
  refs(v, ctx).errors.map((e) => v.slice(e.start, e.end));

test('short form: namespace, name, interface and their offsets; spaces around entries are trimmed', () => {
  const v = ' rook-ceph/public-net@ceph0 , apps-net';
  const r = refs(v);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.refs.map((x) => [
      x.name,
      x.namespace,
      x.iface,
      v.slice(x.entryStart, x.entryEnd),
      v.slice(x.nameStart, x.nameEnd),
    ]),
    [
      ['public-net', 'rook-ceph', 'ceph0', 'rook-ceph/public-net@ceph0', 'public-net'],
      ['apps-net', undefined, undefined, 'apps-net', 'apps-net'],
    ],
  );
});

test('short form errors point at the wrong part', () => {
  assert.deepEqual(slices('ns/Net'), ['Net']);
  assert.deepEqual(slices('Bad_NS/net'), ['Bad_NS']);
  assert.deepEqual(slices('a/b/c'), ['/']);
  assert.deepEqual(slices('net@a@b'), ['@']);
  assert.deepEqual(slices('net@eth0/x'), ['@eth0/']);
  assert.deepEqual(slices('net@averyveryverylongname'), ['averyveryverylongname']);
  assert.deepEqual(slices('a,,b'), [',,']);
  assert.deepEqual(slices('my.net'), ['my.net']);
  assert.match(refs('my.net').errors[0].message, /JSON form/);
  assert.match(refs('Net').errors[0].message, /did you mean "net"/);
});

test('near-misses accepted by Multus: an empty namespace, an empty value, names longer than a label', () => {
  assert.deepEqual(refs('/net').errors, []);
  assert.deepEqual(refs('').refs, []);
  assert.deepEqual(refs('   ').errors, []);
  assert.deepEqual(refs('a'.repeat(70)).errors, []);
});

test('selectors take exactly one network', () => {
  assert.deepEqual(slices('a, b', 'selector'), [', b']);
  assert.deepEqual(slices('a,b', 'annotation'), []);
  assert.deepEqual(slices('[{"name": "a"}, {"name": "b"}]', 'selector'), ['[{"name": "a"}, {"name": "b"}]']);
  assert.deepEqual(slices('[]', 'selector'), ['[]']);
  assert.deepEqual(slices('[]', 'annotation'), []);
});

test('JSON form: a list of selection objects; a bare object only for selectors', () => {
  const v = '[{"name": "cluster-net", "namespace": "rook-ceph", "interface": "repl0"}]';
  const r = refs(v);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.refs.map((x) => [x.form, x.name, x.namespace, x.iface, v.slice(x.nameStart, x.nameEnd)]),
    [['json', 'cluster-net', 'rook-ceph', 'repl0', 'cluster-net']],
  );
  assert.deepEqual(refs('{"name": "a"}', 'selector').errors, []);
  assert.deepEqual(slices('{"name": "a"}', 'annotation'), ['{"name": "a"}']);
  assert.deepEqual(slices('[{"namespace": "x"}]'), ['{']);
  assert.deepEqual(slices('[{"name": 5}]'), ['5']);
  assert.deepEqual(slices('[{"name": "a"},]'), [']']);
  assert.deepEqual(slices('[{"name": "a", "interface": "a-very-long-interface"}]'), ['"a-very-long-interface"']);
  assert.deepEqual(slices('[{"name": "Upper"}]'), ['"Upper"']);
  // Dotted names are fine in JSON form (they are valid NAD names).
  assert.deepEqual(refs('[{"name": "my.net"}]').errors, []);
});

test('suggestions: case-insensitive matches first, then small edit distances', () => {
  assert.equal(editDistance('publc', 'public'), 1);
  assert.deepEqual(closest('Provider', ['provider', 'selectors']), ['provider']);
  assert.deepEqual(closest('good-pubic', ['good-public', 'good-cluster', 'other']), ['good-public']);
  assert.deepEqual(closest('zzz', ['public', 'cluster']), []);
});

const NAD = (name: string, namespace?: string) => nad({ name, namespace });
const POD = (ann: string, namespace?: string) => podWithNetworks(ann, { namespace });

test('ref/nad-not-found: suggestions and the qualified name in data; the entry is the range', () => {
  const ws = memoryWorkspace({
    'nads.yaml': NAD('storage-net', 'infra'),
    'pod.yaml': POD('storge-net@s0, storage-net', 'apps'),
  });
  const ps = problemsOf(ws, 'pod.yaml');
  const text = [...ws.all()].find((a) => a.uri.endsWith('pod.yaml'))!.text;
  assert.deepEqual(
    ps.map((p) => [p.code, text.slice(p.start, p.end), p.data?.suggestions, p.data?.qualified]),
    [
      ['ref/nad-not-found', 'storge-net@s0', ['infra/storage-net'], undefined],
      ['ref/nad-not-found', 'storage-net', ['infra/storage-net'], 'infra/storage-net'],
    ],
  );
  assert.match(ps[1].message, /exists only in "infra". Qualify it: "infra\/storage-net"/);
});

test('ref/: an annotation without a namespace matches any namespace; a NAD without one matches any', () => {
  assert.deepEqual(problemsOf(memoryWorkspace({ 'n.yaml': NAD('x', 'infra'), 'p.yaml': POD('x') }), 'p.yaml'), []);
  assert.deepEqual(problemsOf(memoryWorkspace({ 'n.yaml': NAD('x'), 'p.yaml': POD('other/x', 'apps') }), 'p.yaml'), []);
  assert.deepEqual(
    problemsOf(memoryWorkspace({ 'n.yaml': NAD('x', 'infra'), 'p.yaml': POD('other/x', 'apps') }), 'p.yaml').map(
      (p) => p.code,
    ),
    ['ref/nad-not-found'],
  );
});

test('ref/annotation-syntax keeps checking the valid entries for existence', () => {
  const ws = memoryWorkspace({ 'p.yaml': POD('"ok-net, Bad"', 'apps') });
  assert.deepEqual(
    problemsOf(ws, 'p.yaml').map((p) => p.code),
    ['ref/nad-not-found', 'ref/annotation-syntax'],
  );
});

// Unit tests of the conformance harness (conformance/*.mjs): the parts that need neither root nor
// the CNI plugins — case generation, verdict classification, the libcni-style config plan, judging
// and the report. The differential run itself is `npm run conformance`.
/* eslint-disable @typescript-eslint/no-explicit-any -- the harness under test is untyped ESM (conformance/*.mjs) */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../../..');
const CONF = path.join(ROOT, 'conformance');

// tsc turns import() into require() under "module": "commonjs"; the harness is ESM, so import it for real.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;
const load = (rel: string) => importEsm(pathToFileURL(path.join(CONF, rel)).href);

let cases: any;
let classify: any;
let cniconf: any;
let report: any;
let runner: any;

before(async () => {
  [cases, classify, cniconf, report, runner] = await Promise.all([
    load('cases.mjs'),
    load('lib/classify.mjs'),
    load('lib/cniconf.mjs'),
    load('lib/report.mjs'),
    load('run.mjs'),
  ]);
});

const cniError = (msg: string, details?: string) => ({
  code: 1,
  stdout: JSON.stringify({ code: 999, msg, ...(details ? { details } : {}) }),
  stderr: '',
});

test('the generator yields a few hundred well-formed cases with unique ids', () => {
  const all = cases.generateCases();
  assert.ok(all.length >= 300, `only ${all.length} cases`);
  const ids = new Set<string>();
  for (const c of all) {
    assert.ok(!ids.has(c.id), `duplicate ${c.id}`);
    ids.add(c.id);
    assert.match(c.id, /^[a-z-]+\/\S+$/);
    assert.ok(['accept', 'reject', 'env'].includes(c.expect), `${c.id}: expect ${c.expect}`);
    assert.equal(typeof c.note, 'string');
    assert.ok((c.config !== undefined) !== (c.raw !== undefined), `${c.id}: config xor raw`);
    if (c.raw !== undefined) assert.equal(typeof c.runAs, 'string');
    if (c.skew) assert.ok(c.skew.since && c.skew.head && c.skew.what, `${c.id}: incomplete skew`);
    if (c.podDependent) assert.ok(c.podDependent.cniArgs && c.podDependent.what, `${c.id}: incomplete podDependent`);
  }
  const plugins = new Set(all.map((c: any) => c.plugin));
  for (const p of [
    'bridge',
    'macvlan',
    'ipvlan',
    'host-device',
    'vlan',
    'ptp',
    'tuning',
    'portmap',
    'bandwidth',
    'firewall',
    'sbr',
    'vrf',
    'host-local',
    'static',
    'dhcp',
  ]) {
    assert.ok(plugins.has(p), `no case for ${p}`);
  }
  // Both outcomes are represented for the main plugins, so a checker that always or never errs fails.
  for (const p of ['bridge', 'macvlan', 'host-local', 'static', 'tuning', 'portmap', 'bandwidth']) {
    const mine = all.filter((c: any) => c.plugin === p);
    assert.ok(mine.some((c: any) => c.expect === 'accept') && mine.some((c: any) => c.expect === 'reject'), p);
  }
});

test('withPath/edit set and delete nested paths without touching the original', () => {
  const base = { a: { b: 1 }, list: [{ x: 1 }, { y: 2 }] };
  const out = cases.edit(base, { 'a.b': undefined, 'a.c': 3, 'list.1': { z: 3 }, 'n.m': 'v' });
  assert.deepEqual(out, { a: { c: 3 }, list: [{ x: 1 }, { z: 3 }], n: { m: 'v' } });
  assert.deepEqual(base, { a: { b: 1 }, list: [{ x: 1 }, { y: 2 }] });
});

test('classify: exit 0 is accepted, decoder and validation errors are rejections', () => {
  assert.equal(
    classify.classify({ code: 0, stdout: '{"cniVersion":"1.0.0","interfaces":[]}', stderr: '' }).verdict,
    'accepted',
  );
  for (const msg of [
    'failed to load netconf: json: cannot unmarshal string into Go struct field NetConf.mtu of type int',
    'incompatible CNI versions',
    'unknown macvlan mode: "source"',
    'invalid VLAN ID 4095 (must be between 0 and 4094)',
    'invalid MTU -1, must be [0, master MTU(1500)]',
    'failed to find plugin "" in path [/usr/lib/cni]',
    'invalid range set 0: Network has host bits set. For a subnet mask of length 24 the network address is 10.10.0.0',
  ]) {
    assert.equal(classify.classify(cniError(msg)).verdict, 'rejected', msg);
  }
  const withDetails = classify.classify(cniError('incompatible CNI versions', 'config is "4.0.0"'));
  assert.equal(withDetails.msg, 'incompatible CNI versions: config is "4.0.0"');
});

test('classify: machine and node problems are environment failures, never verdicts', () => {
  for (const [msg, kind] of [
    ['failed to create ipvlan: operation not supported', 'kernel'],
    ['error dialing DHCP daemon: dial unix /run/cni/dhcp.sock: connect: no such file or directory', 'DHCP'],
    ['failed to find plugin "whereabouts" in path [/usr/lib/cni]', 'binary'],
    ['Link not found', 'interface'],
    ['invalid MTU 9000, must be [0, master MTU(1500)]', 'MTU'],
    ['failed to find host device: failed to find physical interface', 'interface'],
    ['dial unix /var/run/dbus/system_bus_socket: connect: no such file or directory', 'dbus'],
  ]) {
    const v = classify.classify(cniError(msg));
    assert.equal(v.verdict, 'env', msg);
    assert.match(v.kind, new RegExp(kind, 'i'), msg);
  }
  assert.equal(classify.classify({ code: null, stdout: '', stderr: '', timedOut: true }).verdict, 'env');
  assert.equal(classify.classify({ code: 1, stdout: '', stderr: 'something odd' }).verdict, 'env');
  assert.equal(classify.classify({ code: null, stdout: '', stderr: '', spawnError: 'ENOENT' }).verdict, 'env');
});

test('classify: a Go panic is a rejection (the runtime fails the pod)', () => {
  const v = classify.classify({
    code: 2,
    stdout: '',
    stderr: 'panic: runtime error: invalid memory address\n\ngoroutine 1 [running]:\n',
  });
  assert.equal(v.verdict, 'rejected');
  assert.match(v.msg, /crashed/);
});

test('plan: a single config gets metadata.name when its name is missing, and private paths', () => {
  const c = {
    id: 'x/y',
    config: {
      cniVersion: '1.0.0',
      type: 'macvlan',
      IPAM: { type: 'host-local', subnet: '10.0.0.0/24', DataDir: '/var/lib/cni/x' },
    },
  };
  const plan = cniconf.planInvocations(c, { metadataName: 'nad-a', privateDir: '/tmp/p' });
  assert.equal(plan.kind, 'single');
  assert.equal(plan.plugins.length, 1);
  const conf = plan.plugins[0].conf;
  assert.equal(conf.name, 'nad-a');
  assert.deepEqual(conf.IPAM, { type: 'host-local', subnet: '10.0.0.0/24', dataDir: '/tmp/p/host-local' });
  assert.equal(c.config.IPAM.DataDir, '/var/lib/cni/x', 'the case itself is not modified');
});

test('plan: name injection follows NADC (exact key, only when absent or empty)', () => {
  const plan = (config: object) => cniconf.planInvocations({ config }, { metadataName: 'nad', privateDir: '/p' });
  assert.equal(plan({ type: 'macvlan', name: '' }).plugins[0].conf.name, 'nad');
  assert.equal(plan({ type: 'macvlan', name: null }).plugins[0].conf.name, null);
  assert.deepEqual(Object.keys(plan({ type: 'macvlan', Name: 'x' }).plugins[0].conf), ['Name', 'name', 'type']);
  assert.equal(plan({ type: 'macvlan', name: 'own' }).plugins[0].conf.name, 'own');
});

test('plan: top-level type wins over plugins (as in Multus)', () => {
  const plan = cniconf.planInvocations(
    { config: { cniVersion: '1.0.0', name: 'n', type: 'bridge', plugins: [{ type: 'tuning' }] } },
    { metadataName: 'm', privateDir: '/p' },
  );
  assert.equal(plan.kind, 'single');
  assert.equal(plan.plugins[0].type, 'bridge');
});

test('plan: a list injects name and cniVersion into every plugin and rewrites tuning/dhcp paths', () => {
  const c = {
    config: {
      cniVersion: '0.4.0',
      plugins: [
        { type: 'macvlan', name: 'other', cniVersion: '1.0.0', ipam: { type: 'dhcp' } },
        { type: 'tuning', dataDir: 5 },
        { type: 'tuning', dataDir: '/run/cni/tuning' },
      ],
    },
  };
  const plan = cniconf.planInvocations(c, { metadataName: 'nad-b', privateDir: '/p' });
  assert.equal(plan.kind, 'list');
  assert.equal(plan.name, 'nad-b');
  for (const p of plan.plugins) {
    assert.equal(p.conf.name, 'nad-b');
    assert.equal(p.conf.cniVersion, '0.4.0');
  }
  assert.equal(plan.plugins[0].conf.ipam.daemonSocketPath, '/p/no-dhcp-daemon.sock');
  assert.equal(plan.plugins[1].conf.dataDir, 5, 'a wrong type is left for the plugin to reject');
  assert.equal(plan.plugins[2].conf.dataDir, '/p/tuning');
});

test('plan: lists that cannot run are reported, raw text is passed through', () => {
  assert.ok(
    'unrunnable' in
      cniconf.planInvocations({ config: { name: 'n', plugins: [] } }, { metadataName: 'm', privateDir: '/p' }),
  );
  assert.ok(
    'unrunnable' in
      cniconf.planInvocations(
        { config: { name: 'n', plugins: [{ mtu: 1 }] } },
        { metadataName: 'm', privateDir: '/p' },
      ),
  );
  const raw = cniconf.planInvocations({ raw: '{"a":1,}', runAs: 'macvlan' }, { metadataName: 'm', privateDir: '/p' });
  assert.equal(raw.plugins[0].text, '{"a":1,}');
  assert.equal(cniconf.stdinFor(raw.plugins[0], { ignored: true }), '{"a":1,}');
});

test('stdinFor injects prevResult; versions compare numerically', () => {
  // libcni's InjectConf sets the exact key and re-marshals the map: keys come out sorted, so Go's
  // case-insensitive decoder sees "prevResult" last and it wins over a user's "PrevResult".
  const text = cniconf.stdinFor({ conf: { type: 'tuning', PrevResult: 1 } }, { cniVersion: '1.0.0' });
  assert.equal(text, '{"PrevResult":1,"prevResult":{"cniVersion":"1.0.0"},"type":"tuning"}');
  assert.equal(cniconf.stdinFor({ conf: { type: 'x' } }, undefined), '{"type":"x"}');
  assert.ok(cniconf.compareCniVersions('1.0.0', '0.4.0') > 0);
  assert.ok(cniconf.compareCniVersions('', '0.3.0') < 0);
  assert.equal(cniconf.compareCniVersions('0.4.0', '0.4.0'), 0);
  assert.ok(Number.isNaN(cniconf.compareCniVersions('1.0', '0.4.0')));
});

test('judge: agreement is "plugin rejects <=> we report an error"; skew and env are not counted', () => {
  const ours = (hasError: boolean) => ({
    ok: true,
    hasError,
    errors: hasError ? [{ code: 'cni/x', message: 'm' }] : [],
    others: [],
  });
  const base = { id: 'p/c', plugin: 'p', note: '', text: '{}', add: [], del: [] };
  const j = (rec: object) => report.judge({ ...base, ...rec }, { installedVersion: '1.1.1' });
  assert.equal(j({ verdict: 'rejected', ours: ours(true) }).agree, true);
  assert.equal(j({ verdict: 'accepted', ours: ours(false) }).agree, true);
  assert.equal(j({ verdict: 'accepted', ours: ours(true) }).disagreement, 'plugin accepts, we report an error');
  assert.equal(j({ verdict: 'rejected', ours: ours(false) }).disagreement, 'plugin rejects, we report no error');
  assert.equal(j({ verdict: 'env', ours: ours(true) }).bucket, 'env');
  assert.equal(
    j({ verdict: 'accepted', ours: ours(true), skew: { since: '1.6.0', head: 'reject', what: 'w' } }).bucket,
    'skew',
  );
  assert.equal(
    j({ verdict: 'accepted', ours: ours(true), skew: { since: '1.0.0', head: 'reject', what: 'w' } }).bucket,
    'judged',
  );
  assert.equal(j({ verdict: 'accepted', ours: { ok: false, hasError: false, error: 'boom' } }).agree, false);
  assert.equal(report.releaseLess('1.1.1', 'unreleased'), true);
  assert.equal(report.releaseLess('1.6.0', '1.6.0'), false);
  assert.equal(report.releaseLess('1.10.0', '1.9.1'), false);
});

test('runChecker counts only severity error, and survives a throwing checker', () => {
  const r = report.runChecker(
    () => ({
      problems: [
        { code: 'a', severity: 'warning', message: 'w' },
        { code: 'b', severity: 'error', message: 'e' },
      ],
    }),
    '{}',
    {},
  );
  assert.equal(r.hasError, true);
  assert.deepEqual(r.errors, [{ code: 'b', message: 'e' }]);
  assert.equal(
    report.runChecker(() => ({ problems: [{ code: 'a', severity: 'info', message: 'i' }] }), '{}', {}).hasError,
    false,
  );
  const t = report.runChecker(
    () => {
      throw new Error('bad');
    },
    '{}',
    {},
  );
  assert.equal(t.ok, false);
});

test('summary table and markdown report', () => {
  const mk = (id: string, plugin: string, bucket: string, agree?: boolean) => ({
    id,
    plugin,
    bucket,
    agree,
    note: 'n',
    text: '{"a":1}',
    verdict: bucket === 'env' ? 'env' : 'rejected',
    msg: 'some message',
    kind: 'config',
    ours: { ok: true, hasError: false, errors: [], others: [] },
    add: [],
    del: [],
    disagreement: agree === false ? 'plugin rejects, we report no error' : undefined,
    expect: 'reject',
  });
  const records = [mk('a/1', 'a', 'judged', true), mk('a/2', 'a', 'judged', false), mk('b/1', 'b', 'env')];
  const summary = report.summarize(records);
  assert.deepEqual(summary.total, {
    plugin: 'total',
    cases: 3,
    judged: 2,
    agree: 1,
    env: 1,
    skew: 0,
    skipped: 0,
    agreement: 50,
  });
  assert.match(report.textTable(summary), /^plugin\s+cases\s+judged\s+agree\s+agreement/);
  const md = report.markdownReport({
    meta: { date: 'd', pluginPackage: 'pkg', pluginDir: '/x', checker: 'c', kernel: 'k', cases: 3, durationMs: 1000 },
    summary,
    records,
  });
  assert.match(md, /\| `a` \| 2 \| 2 \| 1 \| 50\.0% \| 0 \| 0 \| 0 \|/);
  assert.match(md, /## Disagreements \(1\)/);
  assert.match(md, /### `a\/2`/);
  assert.match(md, /## Environment failures \(1, not counted\)/);
});

test('run.mjs: options, case selection, and the text the checker sees', () => {
  const o = runner.parseArgs(['--filter', 'bridge,tuning', '--jobs', '2', '--report-only', '--skip-if-unavailable']);
  assert.deepEqual(o.filter, ['bridge', 'tuning']);
  assert.equal(o.jobs, 2);
  assert.equal(o.reportOnly, true);
  assert.equal(o.skipIfUnavailable, true);
  assert.match(o.out, /\.work[\\/]partial$/, 'a filtered run does not overwrite RESULTS.md');
  assert.equal(runner.parseArgs([]).out, path.join(CONF, '.work', 'last'), 'a plain run writes to an ignored folder');
  assert.equal(runner.parseArgs(['--out', 'conformance']).out, CONF, 'the committed report only on request');
  assert.throws(() => runner.parseArgs(['--bogus']));
  assert.throws(() => runner.parseArgs(['--filter']));
  const all = cases.generateCases();
  const sel = runner.selectCases(all, { filter: ['vrf'], caseFilter: [] });
  assert.ok(sel.length > 5 && sel.every((c: any) => c.plugin === 'vrf' || cases.typesOf(c).includes('vrf')));
  const c = all.find((x: any) => x.config);
  assert.deepEqual(JSON.parse(runner.caseText(c)), c.config);
});

test('run.mjs --list needs no root; a missing plugin dir is "unavailable" (exit 0 only when asked)', () => {
  const node = process.execPath;
  const list = spawnSync(node, [path.join(CONF, 'run.mjs'), '--list', '--filter', 'portmap'], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /portmap\/valid/);
  const skip = spawnSync(
    node,
    [path.join(CONF, 'run.mjs'), '--plugin-dir', '/nonexistent/cni', '--skip-if-unavailable'],
    { encoding: 'utf8' },
  );
  assert.equal(skip.status, 0, skip.stderr);
  assert.match(skip.stdout, /cannot run here/);
  const strict = spawnSync(node, [path.join(CONF, 'run.mjs'), '--plugin-dir', '/nonexistent/cni'], {
    encoding: 'utf8',
  });
  assert.equal(strict.status, 2);
});

test('results.json is valid JSON with one case per line', () => {
  const text = runner.resultsJson({ meta: { a: 1 }, summary: { total: {} }, records: [{ id: 'x/1' }, { id: 'x/2' }] });
  assert.deepEqual(JSON.parse(text), { meta: { a: 1 }, summary: { total: {} }, cases: [{ id: 'x/1' }, { id: 'x/2' }] });
  assert.match(text, /\n {4}\{"id":"x\/1"\},\n {4}\{"id":"x\/2"\}\n/);
});

// Templates, substitution variables and placeholders (issue 13): Go-templated files never get
// yaml/syntax; template actions are masked with every offset kept and what they produce is unknown;
// `${NAME}`, `$(NAME)` and placeholders are unknown, never wrong. Fixtures in test/fixtures/templates
// are ours, modelled on Helm chart templates and GitOps repositories.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { maskTemplates, maskJsonUnknowns, onlyUnknown, unknownSpans } from '../../server/src/core/text/unknown';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace';

const FIX = path.resolve(__dirname, '../../../test/fixtures/templates');

/** [code, severity, exact text of the range] of every finding of `files[first]`, in a workspace of all of them. */
function findings(files: Record<string, string>, which = Object.keys(files)[0]): [string, string, string][] {
  const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
  for (const [uri, text] of Object.entries(files)) ws.setFile(uri, text);
  const text = files[which];
  return ws.problemsFor(which).map((p) => [p.code, p.severity, text.slice(p.start, p.end)]);
}

const fixture = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');

describe('template masking', () => {
  test('keeps the length and every line break; control lines become blanks, inline actions $(___)', () => {
    const src = '{{- if .Values.x }}\nname: {{ .Values.name }}\n  {{ include "l" . | nindent 2 }}\n{{- end }}\n';
    const m = maskTemplates(src)!;
    assert.equal(m.text.length, src.length);
    assert.deepEqual(
      m.text.split('\n').map((l) => l.length),
      src.split('\n').map((l) => l.length),
    );
    assert.equal(m.text.split('\n')[0].trim(), '');
    assert.equal(m.text.split('\n')[1], 'name: $(_______________)');
    assert.equal(m.text.split('\n')[2].trim(), '');
    assert.equal(m.actions.length, 4);
    assert.equal(m.blanked.length, 3);
  });

  test('several actions on one line, and an action spanning lines, are blanked', () => {
    const src = 'a: 1\n{{- range . }}{{ . }}{{ end }}\n{{/* a\ncomment */}}\nb: 2\n';
    const m = maskTemplates(src)!;
    assert.equal(
      m.text,
      src.replace(/\{\{[\s\S]*?\}\}/g, (a) => a.replace(/[^\n]/g, ' ')),
    );
  });

  test('no action: undefined', () => assert.equal(maskTemplates('a: {b: 1}\n'), undefined));
});

describe('unknown tokens', () => {
  test('substitution variables, template actions and placeholders; not ordinary text', () => {
    const s = 'a ${IP_ROUTER} b $(NS) c {{ .x }} d <your-interface> e CHANGEME f _replaced_ g ${A:=1}';
    assert.deepEqual(
      unknownSpans(s).map(([x, y]) => s.slice(x, y)),
      ['${IP_ROUTER}', '$(NS)', '{{ .x }}', '<your-interface>', 'CHANGEME', '_replaced_', '${A:=1}'],
    );
    assert.deepEqual(unknownSpans('$HOME costs $5 {a} <> < b> CHANGEMENOW'), []);
  });

  test('onlyUnknown: the whole value is one token', () => {
    assert.ok(onlyUnknown(' ${NAD_CONFIG} '));
    assert.ok(onlyUnknown('"<your-config>"'));
    assert.ok(!onlyUnknown('{"master": "${M}"}'));
  });

  test('JSON masking replaces tokens outside strings by strings of the same length', () => {
    const j = '{"mtu": ${MTU}, "master": "${M}", "gw": {{ .gw | quote }}}';
    const m = maskJsonUnknowns(j)!;
    assert.equal(m.text.length, j.length);
    assert.deepEqual(JSON.parse(m.text), { mtu: '____', master: '${M}', gw: '_'.repeat(15) });
  });
});

describe('unknown values in spec.config', () => {
  const cfg = (c: string) =>
    `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: n\nspec:\n  config: '${c}'\n`;

  test('a template action as cniVersion is unknown, not an unsupported version (the corpus j2 case)', () => {
    const text = cfg(
      '{"cniVersion": "{{ CNI_VERSION }}", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}',
    );
    assert.deepEqual(
      findings({ 'file:///t/a.yaml': text }).filter(([c]) => c !== 'ipam/dhcp-daemon'),
      [],
    );
  });

  test('near miss: a literal bad cniVersion is still an error at its exact characters', () => {
    const text = cfg('{"cniVersion": "1.0", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}');
    assert.deepEqual(
      findings({ 'file:///t/a.yaml': text }).filter(([c]) => c.startsWith('cni/')),
      [['cni/unsupported-cniVersion', 'error', '"1.0"']],
    );
  });
});

describe('templated files', () => {
  test('a Helm template NAD: literal JSON is still checked, values from actions are unknown', () => {
    const text = fixture('helm-nad.yaml');
    assert.deepEqual(findings({ 'file:///t/helm-nad.yaml': text }), [['cni/invalid-value', 'error', '"bridgee"']]);
  });

  test('near miss: the same template with a valid mode has no finding', () => {
    const text = fixture('helm-nad.yaml').replace('bridgee', 'bridge');
    assert.deepEqual(findings({ 'file:///t/helm-nad.yaml': text }), []);
  });

  test('a template that does not parse even masked: one yaml/template info at its document, no yaml/syntax', () => {
    const text = fixture('helm-broken.yaml');
    const got = findings({ 'file:///t/helm-broken.yaml': text });
    assert.deepEqual(
      got.map(([c, s]) => [c, s]),
      [['yaml/template', 'info']],
    );
    const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
    const p = ws.setFile('file:///t/b.yaml', text).problems.find((x) => x.code === 'yaml/template')!;
    assert.equal(p.start, text.indexOf('apiVersion'));
  });

  test('near miss: the same broken YAML without template actions is a yaml/syntax error', () => {
    const text =
      'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: a\n  extra: [ x, \n';
    assert.ok(findings({ 'file:///t/a.yaml': text }).some(([c]) => c === 'yaml/syntax'));
  });

  test('a trigger word inside an action does not make a file ours', () => {
    assert.deepEqual(findings({ 'file:///t/cm.yaml': fixture('helm-only-trigger.yaml') }), []);
  });

  test('names from actions are unknown: no invalid name, no duplicate', () => {
    const nad = (n: string) =>
      `---\napiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ${n}\nspec:\n  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "10.0.0.0/24"}}'\n`;
    const text = nad('{{ .Release.Name }}-Public') + nad('{{ .Release.Name }}-Public');
    assert.deepEqual(findings({ 'file:///t/n.yaml': text }), []);
  });

  test('control actions inside spec.config: no json/syntax (its structure is known only once rendered)', () => {
    const text = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: sriov-net
spec:
  config: |
    {
      "cniVersion": "0.3.1",
      "type": "sriov",
      {{- if .Values.vlan }}
      "vlan": {{ .Values.vlan }},
      {{- end }}
      "ipam": {"type": "whereabouts", "range": "10.1.0.0/24"},
    }
`;
    assert.deepEqual(findings({ 'file:///t/s.yaml': text }), []);
  });

  test('near miss: without control actions a trailing comma in the config is still json/syntax', () => {
    const text = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: sriov-net
spec:
  config: |
    {
      "cniVersion": "0.3.1",
      "type": "sriov",
      "vlan": {{ .Values.vlan }},
      "ipam": {"type": "whereabouts", "range": "10.1.0.0/24"},
    }
`;
    assert.deepEqual(findings({ 'file:///t/s.yaml': text }), [['json/syntax', 'error', ',']]);
  });
});

describe('placeholder configs', () => {
  const nad = (config: string) =>
    `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: n\nspec:\n  config: ${config}\n`;

  for (const config of ["'_replaced_'", 'CHANGEME', '"<your-cni-config>"', "'${NAD_CONFIG}'", '|\n    $(CONFIG)\n']) {
    test(`config ${JSON.stringify(config)}: one nad/config-placeholder info on the scalar, no json/syntax`, () => {
      const text = nad(config.replace(/\n$/, ''));
      assert.deepEqual(findings({ 'file:///t/p.yaml': text }), [['nad/config-placeholder', 'info', config]]);
    });
  }

  test('a whole config from a template action: nothing (unknown, not a placeholder written here)', () => {
    assert.deepEqual(findings({ 'file:///t/p.yaml': nad('{{ .Values.config | toJson | quote }}') }), []);
  });

  test('near miss: a config that is not only a placeholder is checked (json/syntax at the word)', () => {
    const text = nad("'CHANGEME please'");
    assert.deepEqual(
      findings({ 'file:///t/p.yaml': text }).map(([c, , s]) => [c, s]),
      [['json/syntax', 'please']],
    );
  });
});

describe('wrappers', () => {
  const W = path.join(FIX, 'wrappers');
  const wrapper = (name: string) => fs.readFileSync(path.join(W, name), 'utf8');

  test('kind: List and *List items are objects like any other', () => {
    const text = wrapper('list.yaml');
    const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
    const a = ws.setFile('file:///w/list.yaml', text);
    assert.deepEqual(
      a.objects.nads.map((n) => n.name),
      ['public-net', 'cluster-net'],
    );
    assert.deepEqual(findings({ 'file:///w/list.yaml': text }), [['cni/invalid-value', 'error', '"bridgee"']]);
  });

  test('Argo CD helm.values (YAML in a double-quoted YAML string): findings at the exact characters', () => {
    const text = wrapper('argocd-values-string.yaml');
    assert.deepEqual(findings({ 'file:///w/app.yaml': text }), [['rook/unknown-provider', 'error', 'multuss']]);
  });

  test('Argo CD helm.values with broken YAML inside the string: yaml/syntax inside it, at most a few', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ceph
spec:
  source:
    chart: rook-ceph-cluster
    helm:
      values: |
        cephClusterSpec:
          network:
            provider: host
           selectors: {public: a
`;
    const got = findings({ 'file:///w/app.yaml': text });
    assert.ok(got.length >= 1 && got.length <= 3, JSON.stringify(got));
    assert.ok(got.every(([c]) => c === 'yaml/syntax'));
    const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
    const p = ws.setFile('file:///w/app.yaml', text).problems[0];
    // Inside the string's content, not on the key or the header.
    assert.ok(p.start > text.indexOf('cephClusterSpec'), `${p.start}`);
  });

  test('kustomize helmCharts valuesInline: checked as chart values, keys against the chart', () => {
    const text = wrapper('kustomization.yaml');
    assert.deepEqual(findings({ 'file:///w/kustomization.yaml': text }), [
      ['rook/multus-without-selectors', 'error', 'multus'],
      ['rook/address-range-without-selection', 'error', 'public'],
      ['rook/unknown-chart-key', 'warning', 'storage'],
    ]);
  });

  test('Flux substitution variables in a HelmRelease and in a NAD: no finding rests on them', () => {
    assert.deepEqual(findings({ 'file:///w/flux.yaml': wrapper('flux-substitution.yaml') }), []);
  });

  test('near miss: the same NAD with literal bad values is reported', () => {
    const text = wrapper('flux-substitution.yaml').split('---\n')[1].replace('"${IOT_GATEWAY}"', '"10.0.300.1"');
    assert.deepEqual(
      findings({ 'file:///w/nad.yaml': text }).map(([c, , s]) => [c, s]),
      [['ipam/invalid-cidr', '"10.0.300.1"']],
    );
  });

  const release = (values: string, chart = 'chartRef:\n    kind: OCIRepository\n    name: rook-ceph-cluster') =>
    `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\n  namespace: storage\nspec:\n  ${chart}\n  values:\n${values}`;

  test('rook/unknown-chart-key: a cephClusterSpec field beside cephClusterSpec, and a typo', () => {
    const text = release('    storage:\n      useAllNodes: true\n    cephClusterSpec: {}\n    cephBlockPool: []\n');
    assert.deepEqual(findings({ 'file:///w/r.yaml': text }), [
      ['rook/unknown-chart-key', 'warning', 'storage'],
      ['rook/unknown-chart-key', 'warning', 'cephBlockPool'],
    ]);
    const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
    const p = ws.setFile('file:///w/r.yaml', text).problems.find((x) => x.data?.suggestion);
    assert.equal(p?.data?.suggestion, 'cephBlockPools');
  });

  test('near miss: real chart keys (cephImage, csiDriverNamePrefix, cephECBlockPools, global) are fine', () => {
    const text = release(
      '    cephImage: {tag: v19}\n    csiDriverNamePrefix: rook\n    cephECBlockPools: []\n    global: {}\n    cephClusterSpec: {}\n',
    );
    assert.deepEqual(findings({ 'file:///w/r.yaml': text }), []);
  });

  test('near miss: another chart with cephClusterSpec-like values, or a bare values file: keys not checked', () => {
    const other = release(
      '    network: {}\n    cephClusterSpec: {}\n',
      'chart:\n    spec:\n      chart: my-storage\n      sourceRef: {kind: HelmRepository, name: x}',
    );
    assert.deepEqual(findings({ 'file:///w/r.yaml': other }), []);
    assert.deepEqual(findings({ 'file:///w/values.yaml': 'network: {}\ncephClusterSpec: {}\n' }), []);
  });

  test('the release namespace (HelmRelease namespace) resolves bare selectors', () => {
    const nad = `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: public-net\n  namespace: storage\nspec:\n  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "10.0.0.0/24", "routes": [{"dst": "10.1.0.0/16"}]}}'\n`;
    const text = release(
      '    cephClusterSpec:\n      network:\n        provider: multus\n        selectors:\n          public: public-net\n',
    );
    assert.deepEqual(findings({ 'file:///w/r.yaml': text, 'file:///w/nad.yaml': nad }), []);
    const elsewhere = nad.replace('namespace: storage', 'namespace: other');
    assert.deepEqual(
      findings({ 'file:///w/r.yaml': text, 'file:///w/nad.yaml': elsewhere }).map(([c, , s]) => [c, s]),
      [['rook/selector-namespace', 'public-net']],
    );
  });
});

describe('YAML as Kubernetes reads it', () => {
  /** [code, severity, the user's characters of the range] (positions through the line index, which knows inserted spaces). */
  function located(name: string, text: string): [string, string, string][] {
    const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
    const a = ws.setFile(`file:///y/${name}`, text);
    const lines = text.split('\n');
    return ws.problemsFor(a.uri).map((p) => {
      const s = a.lines.positionAt(p.start);
      const e = a.lines.positionAt(p.end);
      const slice = s.line === e.line ? lines[s.line].slice(s.character, e.character) : `${s.line}:${s.character}`;
      return [p.code, p.severity, slice];
    });
  }

  test('tabs at the start of quoted continuation lines: read as kubectl does, one info, CNI findings at the exact columns', () => {
    const text = fixture('tabbed-config.yaml');
    assert.deepEqual(located('t.yaml', text), [
      ['yaml/indentation', 'info', "  config: '{"],
      ['cni/invalid-value', 'error', '"l4"'],
    ]);
  });

  test('near miss: the same config indented with spaces has no yaml/indentation', () => {
    const text = fixture('tabbed-config.yaml').replace(/^\t+/gm, '          ').replace(/^\}'/m, "   }'");
    assert.deepEqual(located('t.yaml', text), [['cni/invalid-value', 'error', '"l4"']]);
  });

  test('an alias as a mapping key before its colon (*app:) parses as go-yaml reads it', () => {
    const text = fixture('alias-keys.yaml');
    assert.deepEqual(findings({ 'file:///y/hr.yaml': text }), []);
    const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
    assert.equal(ws.setFile('file:///y/hr.yaml', text).text, text, 'the user text is kept');
  });

  test('near miss: an alias key with a space before the colon is plain YAML; an undefined anchor is still an error', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: a\nspec:\n  x:\n    *nope: 1\n';
    assert.ok(findings({ 'file:///y/p.yaml': text }).some(([c]) => c === 'yaml/syntax'));
  });

  test('one break in a large document: at most three yaml/syntax errors, not its cascade', () => {
    const body = Array.from({ length: 200 }, (_, i) => `  key${i}: [a, b`).join('\n');
    const text = `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: big\nspec:\n  config: "{"\n${body}\n`;
    const got = findings({ 'file:///y/big.yaml': text }).filter(([c]) => c === 'yaml/syntax');
    assert.ok(got.length >= 1 && got.length <= 3, `${got.length}`);
  });

  test('each document reports its own break', () => {
    const doc = 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: a\n  x: [1, 2\n';
    const got = findings({ 'file:///y/two.yaml': `${doc}---\n${doc}` }).filter(([c]) => c === 'yaml/syntax');
    assert.ok(got.length >= 2 && got.length <= 6, `${got.length}`);
  });
});

describe('no cross-file finding rests on an unknown value', () => {
  const nad = (range: string, routes = '[{"dst": "10.9.0.0/16"}]') =>
    `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: public-net\n  namespace: rook-ceph\nspec:\n  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "${range}", "routes": ${routes}}}'\n`;
  const cluster = (ranges: string) =>
    `apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata:\n  name: c\n  namespace: rook-ceph\nspec:\n  network:\n    provider: multus\n    selectors:\n      public: public-net\n    addressRanges:\n      public: ${ranges}\n`;

  test('near miss first: a literal mismatch between addressRanges and the NAD range is reported', () => {
    const got = findings({ 'file:///x/c.yaml': cluster('["10.1.0.0/24"]'), 'file:///x/n.yaml': nad('10.2.0.0/24') });
    assert.deepEqual(
      got.map(([c, , s]) => [c, s]),
      [['rook/address-range-mismatch', '"10.1.0.0/24"']],
    );
  });

  test('the NAD range is a substitution variable: no mismatch, no route advice', () => {
    const got = findings({
      'file:///x/c.yaml': cluster('["10.1.0.0/24"]'),
      'file:///x/n.yaml': nad('${PUBLIC_RANGE}', '[]'),
    });
    assert.deepEqual(got, []);
  });

  test('one addressRanges entry is a substitution variable: the others do not make a mismatch', () => {
    const got = findings({
      'file:///x/c.yaml': cluster('["10.1.0.0/24", "${EXTRA_CIDR}"]'),
      'file:///x/n.yaml': nad('10.2.0.0/24'),
    });
    assert.deepEqual(got, []);
  });

  test('shell arithmetic in a heredoc-built config is unknown too', () => {
    const s = '"master": "${INTERFACE}.$((${VLAN_START}+${VLAN_STEP}*5))"';
    assert.deepEqual(
      unknownSpans(s).map(([a, b]) => s.slice(a, b)),
      ['${INTERFACE}', '$((${VLAN_START}+${VLAN_STEP}*5))'],
    );
  });
});

// Seeded mutations of YAML manifests for fuzzing: YAML-level and JSON-level damage of the kinds
// people actually make (deletions, duplications, quote/escape flips, indentation shifts, unicode,
// truncation). Deterministic for a given seed.

export type Rng = () => number;

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

const UNICODE = [
  'é',
  '\u00a0',
  '\u200b',
  '\u202e',
  '😀',
  '\ud83d',
  '\u0301',
  '\u2028',
  '\t',
  '\r\n',
  '\r',
  '\ufeff',
  'ß',
  '中',
];
const JSON_BITS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  "'",
  '\\',
  '\\"',
  '\\u00',
  '//',
  '/*',
  '*/',
  'True',
  'None',
  '1e999',
  '-0',
  '"type":',
  '"ipam": {',
  '"plugins": [',
];
const YAML_BITS = [
  '- ',
  ': ',
  '|',
  '>',
  '|-',
  '>+2',
  '&a ',
  '*a',
  '!!str ',
  '---\n',
  '...\n',
  '# ',
  '? ',
  '{',
  '[',
  "'",
  '"',
  '\\',
];

/** Template actions, substitution variables and placeholders (issue 13). */
const UNKNOWN_BITS = [
  '{{ .Values.x }}',
  '{{- if .Values.enabled }}',
  '{{ end }}',
  '{{- include "chart.labels" . | nindent 4 }}',
  '{{/* a\ncomment */}}',
  '{{ .Values.gw | quote }}',
  '{{',
  '}}',
  '{% if x %}',
  '${IP_ROUTER}',
  '${CIDR:=10.0.0.0/24}',
  '$(NAMESPACE)',
  '<your-interface>',
  'CHANGEME',
  '_replaced_',
  '*app:',
  '\t',
];

const indent = (t: string, n: number) =>
  t
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');

export type Mutation = (text: string, r: Rng) => string;

export const MUTATIONS: Record<string, Mutation> = {
  deleteRange(t, r) {
    const s = int(r, t.length + 1);
    return t.slice(0, s) + t.slice(Math.min(t.length, s + 1 + int(r, 12)));
  },
  duplicateSlice(t, r) {
    const s = int(r, t.length + 1);
    const e = Math.min(t.length, s + int(r, 40));
    const at = int(r, t.length + 1);
    return t.slice(0, at) + t.slice(s, e) + t.slice(at);
  },
  flipQuote(t, r) {
    const idx: number[] = [];
    for (let i = 0; i < t.length; i++) if (t[i] === '"' || t[i] === "'") idx.push(i);
    if (!idx.length) return t;
    const i = pick(r, idx);
    return t.slice(0, i) + (t[i] === '"' ? "'" : '"') + t.slice(i + 1);
  },
  insertEscape(t, r) {
    const at = int(r, t.length + 1);
    return t.slice(0, at) + pick(r, ['\\', '\\\\', '\\n', '\\u', '\\x4', "''", '\\"']) + t.slice(at);
  },
  shiftIndent(t, r) {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    lines[i] = r() < 0.5 ? ' '.repeat(1 + int(r, 4)) + lines[i] : lines[i].replace(/^ {1,3}/, '');
    return lines.join('\n');
  },
  insertUnicode(t, r) {
    const at = int(r, t.length + 1);
    return t.slice(0, at) + pick(r, UNICODE) + t.slice(at);
  },
  insertJsonBit(t, r) {
    const at = int(r, t.length + 1);
    return t.slice(0, at) + pick(r, JSON_BITS) + t.slice(at);
  },
  insertYamlBit(t, r) {
    const at = int(r, t.length + 1);
    return t.slice(0, at) + pick(r, YAML_BITS) + t.slice(at);
  },
  truncate(t, r) {
    return t.slice(0, int(r, t.length + 1));
  },
  insertUnknown(t, r) {
    const at = int(r, t.length + 1);
    return t.slice(0, at) + pick(r, UNKNOWN_BITS) + t.slice(at);
  },
  templateLine(t, r) {
    const lines = t.split('\n');
    const i = int(r, lines.length + 1);
    const pad = ' '.repeat(int(r, 6));
    lines.splice(i, 0, pad + pick(r, ['{{- if .Values.a }}', '{{- else }}', '{{- end }}', '{{- range .Values.n }}']));
    return lines.join('\n');
  },
  replaceValue(t, r) {
    // A scalar value (after ": " or inside JSON quotes) becomes a substitution or a template action.
    const idx: number[] = [];
    for (let i = 0; i < t.length - 1; i++) if ((t[i] === ':' && t[i + 1] === ' ') || t[i] === '"') idx.push(i + 1);
    if (!idx.length) return t;
    const at = pick(r, idx);
    const end = Math.min(t.length, at + 1 + int(r, 15));
    return (
      t.slice(0, at) + pick(r, ['${VAR}', '{{ .Values.v }}', '$(V)', ' ${VAR}', ' {{ .v | quote }}']) + t.slice(end)
    );
  },
  wrapInList(t) {
    return `apiVersion: v1\nkind: List\nitems:\n-${indent(t.split('\n---')[0], 2).slice(1)}\n`;
  },
  wrapInHelmRelease(t, r) {
    const chart = pick(r, [
      'chartRef:\n    kind: OCIRepository\n    name: rook-ceph-cluster',
      'chart:\n    spec:\n      chart: rook-ceph-cluster',
    ]);
    return `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  ${chart}\n  values:\n    cephClusterSpec:\n${indent(t.split('\n---')[0], 6)}\n`;
  },
  wrapInArgoValues(t, r) {
    const body = `cephClusterSpec:\n${indent(t.split('\n---')[0], 2)}`;
    const values = r() < 0.5 ? `|\n${indent(body, 8)}` : JSON.stringify(body);
    return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\nspec:\n  source:\n    chart: rook-ceph-cluster\n    helm:\n      values: ${values}\n`;
  },
  swapLines(t, r) {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    const j = int(r, lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  },
};

const NAMES = Object.keys(MUTATIONS);

/** Applies 1-4 random mutations; returns the text and the mutation names applied. */
export function mutate(text: string, r: Rng): { text: string; applied: string[] } {
  let t = text;
  const applied: string[] = [];
  const n = 1 + int(r, 4);
  for (let i = 0; i < n; i++) {
    const name = pick(r, NAMES);
    t = MUTATIONS[name](t, r);
    applied.push(name);
  }
  return { text: t, applied };
}

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

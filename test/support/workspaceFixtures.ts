// Helpers for cross-file tests: load a fixture folder as a workspace, read the `# expect:` comments
// fixtures carry, and apply text edits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { Settings, settingsFrom } from '../../server/src/core/settings';
import type { Problem } from '../../server/src/core/types';
import { Workspace } from '../../server/src/core/workspace';
import { yamlFilesUnder } from '../../server/src/node/yamlFiles';

export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
export { CORPUS, SEED, corpusSkip, seedSkip } from './shared';
export { yamlFilesUnder };

/** Loads every YAML file under `dir` (settings from its settings.json, if any) into a workspace. */
export function loadFolder(dir: string, overrides: Partial<Settings> = {}): Workspace {
  const settingsFile = path.join(dir, 'settings.json');
  const raw = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  const ws = new Workspace(settingsFrom({ ...raw, ...overrides }), ALL_CHECKS);
  for (const f of yamlFilesUnder(dir)) ws.setFile(uriOf(f), fs.readFileSync(f, 'utf8'));
  return ws;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** Builds an in-memory workspace from `{ 'name.yaml': text }`. */
export function memoryWorkspace(files: Record<string, string>, settings: Partial<Settings> = {}): Workspace {
  const ws = new Workspace(settingsFrom(settings), ALL_CHECKS);
  for (const [name, text] of Object.entries(files)) ws.setFile(`file:///mem/${name}`, text);
  return ws;
}

export const MY_FAMILIES = (code: string) =>
  code.startsWith('rook/') ||
  code.startsWith('ref/') ||
  code === 'nad/duplicate' ||
  code === 'nad/unused' ||
  code === 'k8s/schema';

export interface Finding {
  file: string;
  line: number;
  code: string;
  slice: string;
  severity?: string;
}

const EXPECT = /^\s*#\s*expect:\s*(\S+)\s+("(?:[^"\\]|\\.)*")(?:\s+(error|warning|info|hint))?\s*$/;

/** `# expect: <code> "<slice>" [severity]` comments: the finding starts on the next non-comment line. */
export function expectationsOf(file: string, text: string): Finding[] {
  const lines = text.split('\n');
  const out: Finding[] = [];
  let pending: Omit<Finding, 'line'>[] = [];
  lines.forEach((l, i) => {
    const m = EXPECT.exec(l);
    if (m) {
      pending.push({ file, code: m[1], slice: JSON.parse(m[2]) as string, ...(m[3] ? { severity: m[3] } : {}) });
      return;
    }
    if (/^\s*#/.test(l) || !pending.length) return;
    for (const p of pending) out.push({ ...p, line: i });
    pending = [];
  });
  return out;
}

export function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Findings of `filter`ed codes for every file of the workspace, in the shape of expectations. */
export function actualFindings(
  ws: Workspace,
  root: string,
  filter = MY_FAMILIES,
  withSeverity?: (f: Finding) => boolean,
): Finding[] {
  const out: Finding[] = [];
  for (const a of [...ws.all()].sort((x, y) => x.uri.localeCompare(y.uri))) {
    const file = path.relative(root, new URL(a.uri).pathname);
    for (const p of ws.problemsFor(a.uri)) {
      if (!filter(p.code)) continue;
      const f: Finding = { file, line: lineOf(a.text, p.start), code: p.code, slice: a.text.slice(p.start, p.end) };
      if (withSeverity?.(f)) f.severity = p.severity;
      out.push(f);
    }
  }
  return out;
}

export function expectedFindings(root: string): Finding[] {
  return yamlFilesUnder(root).flatMap((f) => expectationsOf(path.relative(root, f), fs.readFileSync(f, 'utf8')));
}

export const sortFindings = (xs: Finding[]) =>
  [...xs].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code) || a.slice.localeCompare(b.slice),
  );

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export function applyEdits(text: string, edits: OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  let last = Infinity;
  for (const e of sorted) {
    if (e.end > last) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    last = e.start;
  }
  return out;
}

/** Problems of one file of the workspace, by file name suffix. */
export function problemsOf(ws: Workspace, suffix: string): Problem[] {
  const a = [...ws.all()].find((x) => x.uri.endsWith(suffix));
  if (!a) throw new Error(`no file ${suffix}`);
  return ws.problemsFor(a.uri);
}

/** Offset of the `n`th occurrence of `needle` in `text` (plus `delta`). */
export function offsetOf(text: string, needle: string, n = 1, delta = 0): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${n} not found`);
  }
  return at + delta;
}

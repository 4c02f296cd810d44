// The import graph of server/src, read with the TypeScript scanner (import, import type, export …
// from, require, import()): no cycle between files, no core folder importing a folder above it in
// the layer order of docs/architecture.md, and no VS Code, LSP or Node built-in in the core (the web
// extension runs the core in a browser).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';
import { ROOT } from '../support/shared';

/**
 * The layers of server/src/core, lowest first. A unit is a folder (`yaml/`) or a top-level file
 * (`analyze`); it may import only from units of earlier groups, never from a later group or from
 * another unit of its own group. Keep docs/architecture.md ("Layers") in step with this list.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['rules'],
  ['types'],
  ['product', 'glob'],
  ['text/', 'net/'],
  ['embedded/'],
  ['limits'],
  ['settings'],
  ['config/'],
  ['yaml/'],
  ['suppress'],
  ['cni/'],
  ['nad/'],
  ['operators/'],
  ['analyze'],
  ['edits', 'configAnalysis'],
  ['ref/'],
  ['index/'],
  ['workspace'],
  ['rook/'],
  ['flow/'],
  ['features/'],
  ['precompiled'],
  ['checks'],
];

/** The layer unit of a path relative to server/src (`core/yaml/k8sObjects.ts` → `yaml/`), or undefined outside the core. */
export function unitOf(file: string): string | undefined {
  const parts = file.replace(/\.ts$/, '').split('/');
  if (parts[0] !== 'core') return undefined;
  return parts.length > 2 ? `${parts[1]}/` : parts[1];
}

export interface LayerReport {
  /** Each strongly connected group of files (more than one file, or a file importing itself), sorted. */
  cycles: string[][];
  /** `from → to` for every core import that goes up (or sideways within a group) in `layers`. */
  upward: string[];
  /** Core units that are in no layer. */
  unplaced: string[];
}

/** Checks an import graph (file → files it imports, paths relative to server/src) against `layers`. */
export function checkGraph(graph: ReadonlyMap<string, readonly string[]>, layers = LAYERS): LayerReport {
  const rank = new Map<string, number>();
  layers.forEach((group, i) => group.forEach((u) => rank.set(u, i)));
  const upward: string[] = [];
  const unplaced = new Set<string>();
  for (const [from, tos] of graph) {
    const fu = unitOf(from);
    if (fu === undefined) continue;
    if (!rank.has(fu)) unplaced.add(fu);
    for (const to of tos) {
      const tu = unitOf(to);
      if (tu === undefined) {
        upward.push(`${from} → ${to}`); // the core never imports a host (lsp/, cli/, node/)
        continue;
      }
      if (tu === fu) continue;
      if (!rank.has(tu)) unplaced.add(tu);
      const a = rank.get(fu);
      const b = rank.get(tu);
      if (a !== undefined && b !== undefined && b >= a) upward.push(`${from} → ${to}`);
    }
  }
  return { cycles: stronglyConnected(graph), upward: upward.sort(), unplaced: [...unplaced].sort() };
}

/** Tarjan's algorithm (iterative): the groups of files that import one another, directly or not. */
function stronglyConnected(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const edges = graph.get(top.v) ?? [];
      if (top.i < edges.length) {
        const w = edges[top.i++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) !== index.get(top.v)) continue;
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== top.v);
      if (group.length > 1 || edges.includes(top.v)) out.push(group.sort());
    }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

const SRC = path.join(ROOT, 'server/src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file names (type-only imports and re-exports included). */
function specifiers(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The .ts file a relative specifier names, relative to server/src; undefined for JSON and the like. */
function resolveTs(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')])
    if (fs.existsSync(candidate)) return path.relative(SRC, candidate).split(path.sep).join('/');
  return undefined;
}

function sourceGraph(): { graph: Map<string, string[]>; specs: Map<string, string[]> } {
  const graph = new Map<string, string[]>();
  const specs = new Map<string, string[]>();
  for (const file of tsFiles(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    const all = specifiers(file);
    specs.set(rel, all);
    graph.set(rel, [...new Set(all.filter((s) => s.startsWith('.')).flatMap((s) => resolveTs(file, s) ?? []))]);
  }
  return { graph, specs };
}

test('the checker finds a cycle, an upward and a sideways import, and an unplaced folder (synthetic graph)', () => {
  const layers = [['text/'], ['yaml/', 'cni/'], ['analyze']];
  const graph = new Map<string, string[]>([
    ['core/text/a.ts', ['core/text/b.ts']],
    ['core/text/b.ts', ['core/text/a.ts', 'core/yaml/y.ts']],
    ['core/yaml/y.ts', ['core/text/a.ts', 'core/cni/c.ts']],
    ['core/cni/c.ts', ['core/new/n.ts']],
    ['core/analyze.ts', ['core/yaml/y.ts', 'core/analyze.ts']],
    ['core/new/n.ts', ['lsp/server.ts']],
    ['lsp/server.ts', []],
  ]);
  const report = checkGraph(graph, layers);
  assert.deepEqual(report.cycles, [['core/analyze.ts'], ['core/text/a.ts', 'core/text/b.ts', 'core/yaml/y.ts']]);
  assert.deepEqual(report.upward, [
    'core/new/n.ts → lsp/server.ts',
    'core/text/b.ts → core/yaml/y.ts',
    'core/yaml/y.ts → core/cni/c.ts',
  ]);
  assert.deepEqual(report.unplaced, ['new/']);
  // An acyclic graph that follows the order passes.
  const clean = checkGraph(
    new Map([
      ['core/analyze.ts', ['core/yaml/y.ts', 'core/cni/c.ts']],
      ['core/yaml/y.ts', ['core/text/a.ts']],
      ['core/text/a.ts', []],
      ['cli/cli.ts', ['core/analyze.ts']],
    ]),
    layers,
  );
  assert.deepEqual(clean, { cycles: [], upward: [], unplaced: [] });
});

test('server/src has no import cycle and its core follows the layer order of docs/architecture.md', () => {
  const { graph } = sourceGraph();
  assert.ok(graph.size > 80, `the walk finds server/src (${graph.size} files)`);
  const report = checkGraph(graph);
  assert.deepEqual(report.unplaced, [], 'every core folder and top-level file has a place in LAYERS');
  assert.deepEqual(report.upward, [], 'imports against the layer order');
  assert.deepEqual(
    report.cycles.map((c) => c.join(' ')),
    [],
    'import cycles (files that import one another, types included)',
  );
  const documented = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
  for (const unit of LAYERS.flat()) assert.ok(documented.includes(`\`${unit}\``), `docs/architecture.md names ${unit}`);
});

test('no vscode*, node:* or bare Node built-in import under server/src/core', () => {
  const { specs } = sourceGraph();
  const builtins = new Set(builtinModules);
  const bad: string[] = [];
  for (const [file, all] of specs) {
    if (!file.startsWith('core/')) continue;
    for (const spec of all)
      if (spec.startsWith('node:') || spec.startsWith('vscode') || builtins.has(spec.split('/')[0]))
        bad.push(`${file}: ${spec}`);
  }
  assert.deepEqual(bad, []);
});

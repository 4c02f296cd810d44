// `npm run fuzz -- --seed S --count N [--core-only]`: mutates fixture and corpus manifests and
// drives the core and the real language server (stdio) with them. Fails on any crash, any request
// slower than 1 s, any diagnostic range outside the document, and any quick fix whose result is
// not valid YAML (when the input was) or whose edits fall outside the document or overlap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { installPrecompiledValidators } from '../../server/src/core/precompiled';
import { collectYamlFiles } from '../../server/src/cli/files';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { Workspace } from '../../server/src/core/workspace';
import { LspDiagnostic, TestLspClient } from '../support/lspClient';
import { CORPUS, corpusSkip } from '../support/shared';
import { mutate, rng } from './mutate';

const ROOT = path.resolve(__dirname, '../../..');
const SLOW_MS = 1000;

interface Args {
  seed: number;
  count: number;
  coreOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { seed: 1, count: 1000, coreOnly: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') a.seed = Number(argv[++i]);
    else if (argv[i] === '--count') a.count = Number(argv[++i]);
    else if (argv[i] === '--core-only') a.coreOnly = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isFinite(a.seed) || !Number.isFinite(a.count) || a.count < 1)
    throw new Error('--seed and --count take numbers');
  return a;
}

function corpusFiles(): string[] {
  if (corpusSkip) console.log(`fuzz: corpus files not used: ${corpusSkip}`);
  const roots = [path.join(ROOT, 'test/fixtures'), path.join(ROOT, 'examples'), ...(corpusSkip ? [] : [CORPUS])];
  return collectYamlFiles(roots).files;
}

interface Failure {
  index: number;
  kind: string;
  detail: string;
  input: string;
}

const yamlErrorCount = (text: string) =>
  parseAllDocuments(text, { prettyErrors: false }).reduce(
    (n, d) => n + (Array.isArray(d) ? 0 : (d as { errors: unknown[] }).errors.length),
    0,
  );

function rangeInside(lines: LineIndex, text: string, r: LspDiagnostic['range']): boolean {
  for (const p of [r.start, r.end]) {
    if (p.line < 0 || p.line >= lines.lineCount || p.character < 0) return false;
    if (p.character > lines.lineEnd(p.line) - lines.lineStart(p.line)) return false;
  }
  void text;
  return r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
}

interface LspTextEdit {
  range: LspDiagnostic['range'];
  newText: string;
}

/** Applies LSP edits to a text; returns undefined when edits overlap or fall outside it. */
function applyEdits(text: string, edits: LspTextEdit[]): string | undefined {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({
    s: lines.offsetAt(e.range.start),
    e: lines.offsetAt(e.range.end),
    t: e.newText,
    r: e.range,
  }));
  for (const x of spans) if (!rangeInside(lines, text, x.r) || x.s > x.e) return undefined;
  spans.sort((a, b) => a.s - b.s || a.e - b.e);
  for (let i = 1; i < spans.length; i++) if (spans[i].s < spans[i - 1].e) return undefined;
  let out = '';
  let at = 0;
  for (const x of spans) {
    out += text.slice(at, x.s) + x.t;
    at = x.e;
  }
  return out + text.slice(at);
}

async function main(): Promise<void> {
  installPrecompiledValidators();
  const args = parseArgs(process.argv.slice(2));
  const files = corpusFiles();
  if (!files.length) throw new Error('no input manifests found');
  const bases = files.map((f) => fs.readFileSync(f, 'utf8'));
  const r = rng(args.seed);
  const failures: Failure[] = [];
  const ws = new Workspace(DEFAULT_SETTINGS, ALL_CHECKS);
  // Keep a few unmutated files in the workspace so cross-file checks run against mutated ones.
  bases.slice(0, 20).forEach((t, i) => ws.setFile(`file:///fuzz/base${i}.yaml`, t));
  const client = args.coreOnly ? undefined : new TestLspClient();
  if (client) await client.initialize({ scanWorkspace: false });
  const uri = 'file:///fuzz/doc.yaml';
  let opened = false;
  let maxCoreMs = 0;
  let maxServerMs = 0;
  let fixesChecked = 0;
  const started = Date.now();

  for (let i = 0; i < args.count; i++) {
    const base = bases[Math.floor(r() * bases.length)];
    const { text } = mutate(base, r);
    // Core.
    const t0 = performance.now();
    try {
      // Offsets refer to the analysis text (which may carry re-indented continuation lines).
      const analyzed = ws.setFile(uri, text).text;
      const problems = ws.problemsFor(uri);
      for (const p of problems) {
        if (!(p.start >= 0 && p.start <= p.end && p.end <= analyzed.length))
          failures.push({
            index: i,
            kind: 'core-range',
            detail: `${p.code} [${p.start},${p.end}) of ${text.length}`,
            input: text,
          });
      }
    } catch (err) {
      failures.push({ index: i, kind: 'core-crash', detail: (err as Error).stack ?? String(err), input: text });
    }
    const coreMs = performance.now() - t0;
    maxCoreMs = Math.max(maxCoreMs, coreMs);
    if (coreMs > SLOW_MS)
      failures.push({ index: i, kind: 'core-slow', detail: `${coreMs.toFixed(0)} ms`, input: text });

    // Server.
    if (client) {
      const version = i + 1;
      const s0 = performance.now();
      try {
        if (!opened) {
          await client.open(uri, text, version);
          opened = true;
        } else await client.change(uri, version, [{ text }]);
        const diags = await client.waitForDiagnostics(uri, (_d, v) => v === version, SLOW_MS * 5);
        const ms = performance.now() - s0;
        maxServerMs = Math.max(maxServerMs, ms);
        if (ms > SLOW_MS)
          failures.push({ index: i, kind: 'server-slow', detail: `${ms.toFixed(0)} ms to diagnostics`, input: text });
        const lines = new LineIndex(text);
        for (const d of diags)
          if (!rangeInside(lines, text, d.range))
            failures.push({
              index: i,
              kind: 'server-range',
              detail: `${d.code} ${JSON.stringify(d.range)}`,
              input: text,
            });
        await checkFixes(client, uri, text, diags, i, failures).then((n) => (fixesChecked += n));
        await probeRequests(client, uri, text, r, i, failures);
      } catch (err) {
        failures.push({ index: i, kind: 'server-error', detail: (err as Error).message, input: text });
        if (failures.filter((f) => f.kind === 'server-error').length > 3) break;
      }
    }
    if (failures.length > 20) break;
  }
  if (client) await client.shutdown();

  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz: seed ${args.seed}, ${args.count} documents from ${files.length} manifests in ${seconds.toFixed(1)} s; ` +
      `max core ${maxCoreMs.toFixed(1)} ms, max server ${maxServerMs.toFixed(1)} ms; ${fixesChecked} quick fixes checked; ${failures.length} failure(s)`,
  );
  if (failures.length) {
    const dir = path.join(ROOT, 'test/fuzz/failures');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of failures.slice(0, 20)) {
      const file = path.join(dir, `seed${args.seed}-${f.index}-${f.kind}.yaml`);
      fs.writeFileSync(file, f.input);
      console.error(`FAIL #${f.index} ${f.kind}: ${f.detail.split('\n')[0]} (input: ${path.relative(ROOT, file)})`);
    }
    process.exitCode = 1;
  }
}

async function checkFixes(
  client: TestLspClient,
  uri: string,
  text: string,
  diags: LspDiagnostic[],
  i: number,
  failures: Failure[],
): Promise<number> {
  if (!diags.length) return 0;
  const beforeErrors = yamlErrorCount(text);
  let n = 0;
  for (const d of diags.slice(0, 5)) {
    const t0 = performance.now();
    let actions: { title: string; edit?: { changes?: Record<string, LspTextEdit[]> } }[] | null;
    try {
      actions = await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      });
    } catch (err) {
      if ((err as { code?: number }).code === -32601) return n; // Code actions not offered by this build.
      throw err;
    }
    const ms = performance.now() - t0;
    if (ms > SLOW_MS) failures.push({ index: i, kind: 'codeaction-slow', detail: `${ms.toFixed(0)} ms`, input: text });
    for (const a of actions ?? []) {
      const edits = a.edit?.changes?.[uri];
      if (!edits) continue;
      n++;
      const fixed = applyEdits(text, edits);
      if (fixed === undefined) {
        failures.push({
          index: i,
          kind: 'fix-edits',
          detail: `${a.title}: edits overlap or fall outside the document`,
          input: text,
        });
        continue;
      }
      if (beforeErrors === 0 && yamlErrorCount(fixed) > 0)
        failures.push({ index: i, kind: 'fix-broke-yaml', detail: `${a.title} (${d.code})`, input: text });
    }
  }
  return n;
}

async function probeRequests(
  client: TestLspClient,
  uri: string,
  text: string,
  r: () => number,
  i: number,
  failures: Failure[],
): Promise<void> {
  const lines = new LineIndex(text);
  const line = Math.floor(r() * lines.lineCount);
  const character = Math.floor(r() * (lines.lineEnd(line) - lines.lineStart(line) + 1));
  for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
    const t0 = performance.now();
    try {
      await client.request(method, { textDocument: { uri }, position: { line, character } });
    } catch (err) {
      if ((err as { code?: number }).code !== -32601)
        failures.push({ index: i, kind: 'request-error', detail: `${method}: ${(err as Error).message}`, input: text });
    }
    const ms = performance.now() - t0;
    if (ms > SLOW_MS)
      failures.push({ index: i, kind: 'request-slow', detail: `${method} ${ms.toFixed(0)} ms`, input: text });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});

// `npm run bench [-- --quick] [-- --no-web | --web-only]`: our checker against the parse floor and
// against yaml-language-server on generated workspaces of 1k (and 10k) files; the web extension:
// its bundles' production sizes and, in VS Code for the Web's extension host (test/web/run.mjs
// --bench), the time from starting the language server to its first diagnostics on examples/.
// Prints a table, writes bench/results.json.
// Medians over repeated runs; ratios are the headline, absolute times are context.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorkspace, HOT_NAD } from './generate.mjs';
import { LspProcess } from './lsp.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const WORK = path.join(ROOT, 'bench/work');
const PEER_VERSION = '1.25.0';
// Launched with the Node options the extension uses (client/src/languageClient.ts).
const SERVER_EXEC_ARGV = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/execArgv.json'), 'utf8'));
const quick = process.argv.includes('--quick');
const noPeer = process.argv.includes('--no-peer');
const webOnly = process.argv.includes('--web-only');
const noWeb = process.argv.includes('--no-web');
const SIZES = quick ? [1000] : [1000, 10000];
/** Repeated runs per size (medians are reported, with min and max as the machine's noise). */
const runsFor = (n) => (n > 1000 ? 3 : 5);
const EDITS = 200;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (x) => (x == null ? null : Math.round(x * 10) / 10);
const spread = (xs) => ({ min: round(Math.min(...xs)), median: round(median(xs)), max: round(Math.max(...xs)) });

function listFiles(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (/\.ya?ml$/.test(e.name)) out.push(full);
    }
  }
  return out.sort();
}

function floorMs(files) {
  const { parseAllDocuments } = require('yaml');
  const t0 = performance.now();
  for (const f of files) parseAllDocuments(fs.readFileSync(f, 'utf8'));
  return performance.now() - t0;
}

function cliColdMs(dir) {
  // A fresh module instance per run would need a new process; the Workspace is fresh per call.
  const { runCli } = require(path.join(ROOT, 'dist/cli.js'));
  const t0 = performance.now();
  runCli(['check', '--format', 'json', dir], { out: () => {}, err: () => {}, cwd: ROOT });
  return performance.now() - t0;
}

/** The CLI as a user runs it: a fresh process (Node start-up and module loading included). */
function cliProcessMs(dir) {
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'bin/multus-networks.js'), 'check', '--format', 'json', dir], {
      stdio: 'ignore',
    });
  } catch (err) {
    if (err.status !== 1) throw err; // 1: the workspace has errors, as planned
  }
  return performance.now() - t0;
}

async function serverRun(ws) {
  const server = new LspProcess(process.execPath, [...SERVER_EXEC_ARGV, path.join(ROOT, 'dist/server.js'), '--stdio'], {
    configuration: { multusNetworks: {} },
  });
  const rootUri = pathToFileURL(ws.dir).href;
  await server.initialize(rootUri, { scanWorkspace: true });
  const t0 = performance.now();
  server.notify('initialized', {});
  await server.waitFor(() => server.progressEnded.size > 0);
  // Diagnostics of closed files are published right after the scan ends: wait for them to settle.
  await server.waitFor(() => server.lastPublish > t0, 60_000).catch(() => {});
  await server.quiet(300);
  const coldMs = server.lastPublish - t0;
  const rss = server.rssMb();

  // Edits: one character inserted and removed alternately, time didChange → fresh diagnostics.
  const editTimes = async (file, needle) => {
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    const offset = text.indexOf(needle);
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    const character = offset - before.lastIndexOf('\n') - 1;
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await server.waitFor(() => server.diags.get(uri)?.version === 1 || server.diags.has(uri), 10000).catch(() => {});
    const times = [];
    for (let v = 2; v < 2 + EDITS; v++) {
      const insert = v % 2 === 0;
      const range = { start: { line, character }, end: { line, character: insert ? character : character + 1 } };
      const s = performance.now();
      await server.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range, text: insert ? ' ' : '' }],
      });
      await server.waitFor(() => server.diags.get(uri)?.version === v, 10000);
      times.push(performance.now() - s);
    }
    await server.notify('textDocument/didClose', { textDocument: { uri } });
    return times;
  };
  const mediumTimes = await editTimes(ws.mediumFile, '"cniVersion"');
  const largeTimes = await editTimes(ws.largeFile, '"cniVersion"');
  const hotTimes = await editTimes(ws.hotNadFile, '"cniVersion"');

  // Rename of the hot NAD (referenced from many files).
  let renameMs = null;
  let renameEdits = null;
  try {
    const uri = pathToFileURL(ws.hotNadFile).href;
    const text = fs.readFileSync(ws.hotNadFile, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(`name: ${HOT_NAD.name}`));
    const character = lines[line].indexOf(HOT_NAD.name) + 1;
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const s = performance.now();
    const edit = await server.request('textDocument/rename', {
      textDocument: { uri },
      position: { line, character },
      newName: 'hot-net-renamed',
    });
    renameMs = performance.now() - s;
    renameEdits = edit ? Object.keys(edit.changes ?? {}).length || (edit.documentChanges ?? []).length : 0;
  } catch (err) {
    renameMs = null;
    console.error(`rename: ${err.message}`);
  }
  await server.stop();
  return { coldMs, rss, mediumTimes, largeTimes, hotTimes, renameMs, renameEdits };
}

function ensurePeer() {
  const dir = path.join(ROOT, 'bench/.peer');
  const bin = path.join(dir, 'node_modules/yaml-language-server/bin/yaml-language-server');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'package.json')))
      fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"bench-peer","private":true}');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', `yaml-language-server@${PEER_VERSION}`], {
      cwd: dir,
      stdio: 'inherit',
    });
  }
  return bin;
}

async function peerRun(files, bin) {
  const schemaUri = pathToFileURL(path.join(ROOT, 'bench/peer-schema.json')).href;
  const yamlSettings = {
    validate: true,
    schemas: { [schemaUri]: '**/*.yaml' },
    schemaStore: { enable: false },
    format: { enable: false },
    hover: false,
    completion: false,
  };
  const peer = new LspProcess(process.execPath, [bin, '--stdio'], {
    configuration: { yaml: yamlSettings, '[yaml]': {}, editor: {}, files: {}, http: {} },
  });
  await peer.initialize(null, {});
  peer.notify('initialized', {});
  peer.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
  const t0 = performance.now();
  for (const f of files) {
    peer.notify('textDocument/didOpen', {
      textDocument: { uri: pathToFileURL(f).href, languageId: 'yaml', version: 1, text: fs.readFileSync(f, 'utf8') },
    });
  }
  await peer.waitFor(() => peer.diags.size >= files.length, 1_800_000);
  const ms = performance.now() - t0;
  await peer.stop();
  return ms;
}

/** The web extension: production bundle sizes, and start-up in the web extension host (examples/). */
function webBench() {
  const bundles = JSON.parse(
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--size', '--only=webServer,webClient'], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  );
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'test/web/run.mjs'), `--bench=${path.join(ROOT, 'examples')}`],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('web-bench: '));
  const skipped = run.stdout.split('\n').find((l) => l.includes('skipped:'));
  if (!line) console.error(`web start-up not measured (exit ${run.status}):\n${skipped ?? run.stdout.slice(-2000)}`);
  return { bundles, host: line ? JSON.parse(line.slice('web-bench: '.length)) : null };
}

function printWeb(web) {
  const kb = (b) => `${Math.round(b / 1024)} KiB`;
  console.log('\nweb extension (production bundles; web extension host on examples/):');
  for (const b of Object.values(web.bundles)) console.log(`  ${b.file}: ${kb(b.bytes)} (${kb(b.gzip_bytes)} gzipped)`);
  if (web.host)
    console.log(
      `  VS Code ${web.host.vscode} web: first start to first diagnostics ${web.host.firstStartMs} ms; ` +
        `restart to first diagnostics ${web.host.restartToFirstDiagnosticsMs} ms, to all ${web.host.restartToAllDiagnosticsMs} ms ` +
        `(median of ${web.host.runs})`,
    );
}

async function main() {
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (webOnly) {
    const web = webBench();
    const file = path.join(ROOT, 'bench/results.json');
    const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    fs.writeFileSync(
      file,
      JSON.stringify({ ...previous, web: { date: new Date().toISOString(), ...web } }, null, 2) + '\n',
    );
    printWeb(web);
    return;
  }
  const peerBin = noPeer ? null : ensurePeer();
  const sizes = [];
  for (const n of SIZES) {
    const ws = generateWorkspace(path.join(WORK, `ws-${n}`), n);
    const files = listFiles(ws.dir);
    const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
    const RUNS = runsFor(n);
    const floors = [];
    const colds = [];
    const processes = [];
    for (let i = 0; i < RUNS; i++) {
      floors.push(floorMs(files));
      colds.push(cliColdMs(ws.dir));
      processes.push(cliProcessMs(ws.dir));
    }
    const servers = [];
    for (let i = 0; i < RUNS; i++) servers.push(await serverRun(ws));
    const peers = [];
    if (peerBin) for (let i = 0; i < RUNS; i++) peers.push(await peerRun(files, peerBin));
    const edits = servers.flatMap((s) => s.mediumTimes);
    const hot = servers.flatMap((s) => s.hotTimes);
    const large = servers.flatMap((s) => s.largeTimes);
    const serverColds = servers.map((s) => s.coldMs);
    const rss = servers.map((s) => s.rss).filter((x) => x != null);
    sizes.push({
      files: files.length,
      bytes,
      floor_ms: round(median(floors)),
      cold_ms: round(median(colds)),
      cli_process_ms: round(median(processes)),
      server_cold_ms: round(median(serverColds)),
      peer_ms: peers.length ? round(median(peers)) : null,
      edit_p50_ms: round(pct(edits, 50)),
      edit_p95_ms: round(pct(edits, 95)),
      large_edit_p50_ms: round(pct(large, 50)),
      large_edit_p95_ms: round(pct(large, 95)),
      large_file_lines: fs.readFileSync(ws.largeFile, 'utf8').split('\n').length,
      hot_nad_edit_p50_ms: round(pct(hot, 50)),
      hot_nad_edit_p95_ms: round(pct(hot, 95)),
      rename_ms: round(median(servers.map((s) => s.renameMs).filter((x) => x != null))),
      rename_files: servers[0].renameEdits,
      hot_nad_references: ws.hotRefs,
      rss_mb: median(rss),
      // The machine's noise: min / median / max over the repeated runs.
      noise: {
        floor_ms: spread(floors),
        cold_ms: spread(colds),
        cli_process_ms: spread(processes),
        server_cold_ms: spread(serverColds),
        peer_ms: peers.length ? spread(peers) : null,
        edit_ms: spread(edits),
        rss_mb: spread(rss),
      },
    });
  }
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    runs: Object.fromEntries(SIZES.map((n) => [n, runsFor(n)])),
    edits: EDITS,
    sizes,
    web: noWeb ? undefined : { date: new Date().toISOString(), ...webBench() },
  };
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  const cols = [
    'files',
    'bytes',
    'floor_ms',
    'cold_ms',
    'cli_process_ms',
    'server_cold_ms',
    'peer_ms',
    'edit_p50_ms',
    'edit_p95_ms',
    'rename_ms',
    'rss_mb',
  ];
  const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : '-');
  console.log('\n' + cols.join('\t') + '\tcold/floor\tserver/floor\tpeer/cold\tpeer/server');
  for (const s of sizes) {
    console.log(
      cols.map((c) => s[c] ?? '-').join('\t') +
        `\t${ratio(s.cold_ms, s.floor_ms)}\t${ratio(s.server_cold_ms, s.floor_ms)}\t${ratio(s.peer_ms, s.cold_ms)}\t${ratio(s.peer_ms, s.server_cold_ms)}`,
    );
  }
  if (results.web) printWeb(results.web);
  console.log('\nnoise (min / median / max):');
  for (const s of sizes) {
    console.log(
      `${s.files} files: ` +
        Object.entries(s.noise)
          .filter(([, v]) => v)
          .map(([k, v]) => `${k} ${v.min} / ${v.median} / ${v.max}`)
          .join('; '),
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

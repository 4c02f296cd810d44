#!/usr/bin/env node
// Differential conformance: runs every case of cases.mjs through the real CNI reference plugins in
// throw-away network namespaces and through our checker, and compares:
//     plugin rejects the config  <=>  our checker reports at least one `error`.
// Needs root, iproute2 and the plugin binaries (Debian: containernetworking-plugins).
//
//   node conformance/run.mjs [--checker <path>] [--filter <plugin>] [--case <text>] [--jobs N]
//        [--plugin-dir <dir>] [--out <dir>] [--report-only] [--skip-if-unavailable] [--list] [--verbose]
//
// Exit: 0 agreement >= 99% on judged cases (or --report-only); 1 below; 2 bad usage, missing
// checker or plugins, or (without --skip-if-unavailable) no network namespaces here.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NAD_NAME, generateCases, typesOf } from './cases.mjs';
import { spliceLiterals } from './realConfigs.mjs';
import { executeCase } from './lib/execute.mjs';
import { disagreementText, judge, markdownReport, runChecker, summarize, textTable } from './lib/report.mjs';
import { Sandbox, run, staleNamespaces, staleWorkDirs } from './lib/sandbox.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DEFAULT_CHECKER = path.join(ROOT, 'out/server/src/core/cni/checkConfig.js');
const PLUGIN_DIRS = ['/usr/lib/cni', '/opt/cni/bin', '/usr/libexec/cni'];
const THRESHOLD = 99;

export function parseArgs(argv) {
  const o = {
    checker: DEFAULT_CHECKER,
    filter: [],
    caseFilter: [],
    jobs: 4,
    out: undefined,
    reportOnly: false,
    skipIfUnavailable: false,
    list: false,
    verbose: false,
    pluginDir: undefined,
    timeoutMs: 20000,
  };
  const need = (i, flag) => {
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--checker':
        o.checker = path.resolve(need(i, a));
        i++;
        break;
      case '--filter':
        o.filter.push(...need(i, a).split(','));
        i++;
        break;
      case '--case':
        o.caseFilter.push(need(i, a));
        i++;
        break;
      case '--jobs':
        o.jobs = Number.parseInt(need(i, a), 10);
        i++;
        if (!(o.jobs >= 1)) throw new UsageError('--jobs must be >= 1');
        break;
      case '--plugin-dir':
        o.pluginDir = path.resolve(need(i, a));
        i++;
        break;
      case '--out':
        o.out = path.resolve(need(i, a));
        i++;
        break;
      case '--timeout':
        o.timeoutMs = 1000 * Number(need(i, a));
        i++;
        break;
      case '--report-only':
        o.reportOnly = true;
        break;
      case '--skip-if-unavailable':
        o.skipIfUnavailable = true;
        break;
      case '--list':
        o.list = true;
        break;
      case '--verbose':
      case '-v':
        o.verbose = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  // Reports go to the ignored conformance/.work/ (npm test must not rewrite tracked files); only
  // `--out conformance` (npm run conformance:report) replaces the committed RESULTS.md/results.json.
  o.out ??= path.join(HERE, '.work', o.filter.length || o.caseFilter.length ? 'partial' : 'last');
  return o;
}

class UsageError extends Error {}

export function selectCases(cases, { filter, caseFilter }) {
  return cases.filter(
    (c) =>
      (!filter.length || filter.some((f) => c.plugin === f || typesOf(c).includes(f))) &&
      (!caseFilter.length || caseFilter.some((s) => c.id.includes(s))),
  );
}

/** The text our checker sees for a case: exactly what the NAD's spec.config would hold. */
export const caseText = (c) => (c.raw !== undefined ? c.raw : spliceLiterals(JSON.stringify(c.config, null, 2)));

function findPluginDir(explicit) {
  if (explicit) return fs.existsSync(explicit) ? explicit : undefined;
  return PLUGIN_DIRS.find((d) => fs.existsSync(path.join(d, 'macvlan')));
}

function pluginPackageInfo(pluginDir) {
  const info = {
    pluginPackage: 'unknown',
    pluginPackageVersion: undefined,
    installedVersion: undefined,
    supportedVersions: undefined,
  };
  try {
    const owner = execFileSync('dpkg-query', ['-S', path.join(pluginDir, 'macvlan')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split(':')[0]
      .trim();
    info.pluginPackage = owner;
    info.pluginPackageVersion = execFileSync('dpkg-query', ['-W', '-f=${Version}', owner], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    info.installedVersion = /^(?:\d+:)?(\d+\.\d+\.\d+)/.exec(info.pluginPackageVersion)?.[1];
  } catch {
    /* not a dpkg system, or not a packaged binary */
  }
  try {
    const about = execFileSync(path.join(pluginDir, 'macvlan'), [], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    info.installedVersion ??= /v(\d+\.\d+\.\d+)/.exec(about)?.[1];
  } catch (e) {
    const s = String(e?.stderr ?? '');
    info.installedVersion ??= /v(\d+\.\d+\.\d+)/.exec(s)?.[1];
  }
  try {
    const v = execFileSync(path.join(pluginDir, 'macvlan'), [], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, CNI_COMMAND: 'VERSION' },
      input: '{}',
    });
    info.supportedVersions = JSON.parse(v).supportedVersions;
  } catch {
    /* leave unknown */
  }
  return info;
}

/** Link types this kernel refuses (explains env failures in the report). */
async function missingLinkTypes(sandbox) {
  const ns = `${sandbox.runTag}-kprobe`;
  sandbox.namespaces.add(ns);
  await run('ip', ['netns', 'add', ns]);
  await run('ip', ['-n', ns, 'link', 'add', 'base0', 'type', 'veth', 'peer', 'name', 'base1']);
  const probes = {
    macvlan: ['link', 'add', 'link', 'base0', 'name', 'k1', 'type', 'macvlan'],
    ipvlan: ['link', 'add', 'link', 'base0', 'name', 'k2', 'type', 'ipvlan'],
    vlan: ['link', 'add', 'link', 'base0', 'name', 'k3', 'type', 'vlan', 'id', '5'],
    vrf: ['link', 'add', 'k4', 'type', 'vrf', 'table', '10'],
    dummy: ['link', 'add', 'k5', 'type', 'dummy'],
    bridge: ['link', 'add', 'k6', 'type', 'bridge'],
    ifb: ['link', 'add', 'k7', 'type', 'ifb'],
  };
  const missing = [];
  for (const [t, args] of Object.entries(probes))
    if ((await run('ip', ['-n', ns, ...args])).code !== 0) missing.push(t);
  await sandbox.deleteNamespace(ns);
  return missing;
}

function loadChecker(file) {
  if (!fs.existsSync(file))
    return { error: `checker not found: ${file}\n  build it first (npm run compile-tests), or pass --checker <path>` };
  const source = path.join(ROOT, 'server/src/core/cni/checkConfig.ts');
  if (file === DEFAULT_CHECKER && fs.existsSync(source) && fs.statSync(source).mtimeMs > fs.statSync(file).mtimeMs) {
    console.error(
      `conformance: warning: ${path.relative(ROOT, file)} is older than ${path.relative(ROOT, source)}; run npm run compile-tests`,
    );
  }
  try {
    const mod = createRequire(import.meta.url)(file);
    const fn = mod.checkCniConfig ?? mod.default?.checkCniConfig;
    if (typeof fn !== 'function') return { error: `${file} does not export checkCniConfig` };
    return { fn };
  } catch (e) {
    return { error: `cannot load ${file}: ${e?.message ?? e}` };
  }
}

/** results.json: meta and summary indented, then one case per line (compact, and diffs stay readable). */
export function resultsJson({ meta, summary, records }) {
  const head = JSON.stringify({ meta, summary }, null, 2).replace(/\n}$/, '');
  return `${head},\n  "cases": [\n${records.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]\n}\n`;
}

async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

const USAGE = `usage: node conformance/run.mjs [--checker <path>] [--filter <plugin>[,..]] [--case <id-part>]
       [--jobs N] [--plugin-dir <dir>] [--out <dir>] [--timeout <s>] [--report-only]
       [--skip-if-unavailable] [--list] [--verbose]`;

async function main(argv) {
  let o;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`conformance: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  const all = generateCases();
  const cases = selectCases(all, o);
  if (o.list) {
    for (const c of cases) console.log(`${c.id.padEnd(52)} ${String(c.expect).padEnd(7)} ${c.note}`);
    console.log(`${cases.length} of ${all.length} cases`);
    return 0;
  }
  if (!cases.length) {
    console.error(`conformance: no case matches ${[...o.filter, ...o.caseFilter].join(', ')}`);
    return 2;
  }

  const unavailable = (why) => {
    console.log(`conformance: cannot run here: ${why}`);
    if (o.skipIfUnavailable) {
      console.log('conformance: skipped (--skip-if-unavailable).');
      return 0;
    }
    return 2;
  };
  const pluginDir = findPluginDir(o.pluginDir);
  if (!pluginDir)
    return unavailable(
      `no CNI plugin binaries in ${o.pluginDir ?? PLUGIN_DIRS.join(', ')} (Debian: apt-get install containernetworking-plugins)`,
    );
  const checker = loadChecker(o.checker);
  if (checker.error) {
    console.error(`conformance: ${checker.error}`);
    return 2;
  }

  const runTag = `mnc-${process.pid}`;
  const workDir = path.join(HERE, '.work', runTag);
  const sandbox = new Sandbox({ runTag, workDir, log: (s) => console.error(s) });
  sandbox.installExitHandlers();
  const stale = staleNamespaces();
  for (const ns of stale) await run('ip', ['netns', 'del', ns]);
  if (stale.length) console.error(`conformance: removed ${stale.length} namespace(s) left by an earlier run that died`);
  for (const dir of staleWorkDirs(path.dirname(workDir))) fs.rmSync(dir, { recursive: true, force: true });
  const probe = await sandbox.probe();
  if (!probe.ok) return unavailable(probe.reason);

  const t0 = Date.now();
  const pkg = pluginPackageInfo(pluginDir);
  const missingLinks = await missingLinkTypes(sandbox);
  fs.mkdirSync(workDir, { recursive: true });
  console.log(
    `conformance: ${cases.length} cases, plugins ${pkg.pluginPackage} ${pkg.pluginPackageVersion ?? pkg.installedVersion ?? '?'} in ${pluginDir}, checker ${path.relative(ROOT, o.checker) || o.checker}`,
  );
  if (missingLinks.length)
    console.log(
      `conformance: this kernel has no ${missingLinks.join(', ')} links: cases needing them end as environment failures`,
    );

  let done = 0;
  const records = await pool(cases, o.jobs, async (c) => {
    const text = caseText(c);
    const ctx = { metadataName: NAD_NAME, hasResourceName: false };
    const ours = runChecker(checker.fn, text, ctx);
    let exec;
    try {
      exec = await executeCase(sandbox, c, { pluginDir, metadataName: NAD_NAME, timeoutMs: o.timeoutMs });
    } catch (e) {
      exec = { verdict: 'env', kind: 'harness failure', msg: String(e?.message ?? e), add: [], del: [] };
    }
    const rec = judge(
      { id: c.id, plugin: c.plugin, note: c.note, expect: c.expect, skew: c.skew, text, ours, ...exec },
      { installedVersion: pkg.installedVersion },
    );
    done++;
    if (o.verbose)
      console.log(
        `[${String(done).padStart(3)}/${cases.length}] ${rec.bucket === 'judged' ? (rec.agree ? 'agree   ' : 'DISAGREE') : rec.bucket.padEnd(8)} ${c.id} :: ${rec.verdict}${rec.msg ? `: ${rec.msg.slice(0, 140)}` : ''}`,
      );
    else if (process.stderr.isTTY) process.stderr.write(`\r${done}/${cases.length}`);
    return rec;
  });
  if (!o.verbose && process.stderr.isTTY) process.stderr.write('\r');
  sandbox.cleanupAllSync();
  try {
    fs.rmdirSync(path.dirname(workDir)); // conformance/.work, when no other run is using it
  } catch {
    /* not empty, or gone */
  }

  const summary = summarize(records);
  const meta = {
    date: new Date().toISOString(),
    ...pkg,
    pluginDir,
    checker: path.relative(ROOT, o.checker) || o.checker,
    kernel: `${os.type()} ${os.release()}`,
    missingLinkTypes: missingLinks,
    cases: records.length,
    filter: [...o.filter, ...o.caseFilter].join(',') || undefined,
    durationMs: Date.now() - t0,
    threshold: THRESHOLD,
  };
  fs.mkdirSync(o.out, { recursive: true });
  fs.writeFileSync(path.join(o.out, 'results.json'), resultsJson({ meta, summary, records }));
  fs.writeFileSync(path.join(o.out, 'RESULTS.md'), markdownReport({ meta, summary, records }));

  console.log('');
  console.log(textTable(summary));
  const dis = records.filter((r) => r.bucket === 'judged' && !r.agree);
  if (dis.length) {
    console.log(`\nDisagreements (${dis.length}):`);
    for (const r of dis) console.log(disagreementText(r));
  }
  const env = records.filter((r) => r.bucket === 'env');
  if (env.length) {
    const kinds = new Map();
    for (const r of env) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    console.log(
      `\nEnvironment failures (${env.length}, not counted): ${[...kinds].map(([k, n]) => `${k} ×${n}`).join('; ')}`,
    );
  }
  const skew = records.filter((r) => r.bucket === 'skew');
  if (skew.length)
    console.log(
      `Version skew (${skew.length}, not counted): installed plugins older than the facts our rules follow; see RESULTS.md`,
    );
  const rate = summary.total.agreement;
  console.log(
    `\nagreement ${rate === null ? '–' : `${rate.toFixed(1)}%`} on ${summary.total.judged} judged cases (threshold ${THRESHOLD}%); ${Math.round(meta.durationMs / 1000)} s; report: ${path.relative(process.cwd(), path.join(o.out, 'RESULTS.md'))}`,
  );
  const counts = `${summary.total.agree} passed, ${summary.total.judged - summary.total.agree} failed, ${summary.total.env + summary.total.skew + summary.total.skipped} skipped`;
  // The plain "N passed, N failed" closing line CI reads; a --report-only run is informational and
  // must not look like a test result.
  if (o.reportOnly) {
    console.log(`conformance (report only): ${counts.replace(/,/g, ';')}`);
    return 0;
  }
  console.log(`conformance: ${counts}`);
  return rate === null || rate >= THRESHOLD ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e);
      process.exitCode = 70;
    },
  );
}

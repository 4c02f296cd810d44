// Throw-away network namespaces for one run. Every namespace is named mnc-<pid>-<n>-{h,c} after
// the run's own process id, is recorded in a registry the moment it is created, and is deleted in
// teardown, on process exit, and on SIGINT/SIGTERM/SIGHUP. All links of a case (veths, bridges,
// macvlans, the host-device veth) live inside its namespaces and vanish with them; iptables and tc
// state is per namespace too. Files go to a private directory removed at the end.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HDEV0_MAC, HDEV1_MAC } from '../cases.mjs';

const NETNS_DIR = '/var/run/netns';

/** Runs a command, resolving with { code, signal, stdout, stderr, timedOut, spawnError }. Never rejects. */
export function run(cmd, args, { input, env, timeoutMs = 20000 } = {}) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', spawnError: String(e?.message ?? e) });
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        child.kill('SIGKILL'); // our own child, by its handle
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, stderr, spawnError: String(e?.message ?? e) });
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    child.stdin.on('error', () => {
      /* plugin exited before reading stdin */
    });
    child.stdin.end(input ?? '');
  });
}

export class Sandbox {
  /**
   * @param {{ runTag: string, workDir: string, log?: (s: string) => void }} opts
   */
  constructor({ runTag, workDir, log }) {
    this.runTag = runTag;
    this.workDir = workDir;
    this.log = log ?? (() => {});
    /** @type {Set<string>} */
    this.namespaces = new Set();
    this.counter = 0;
    this.handlersInstalled = false;
  }

  /** Tries `ip netns add` once. @returns {Promise<{ ok: boolean, reason?: string }>} */
  async probe() {
    if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, reason: 'not running as root (network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN)' };
    const name = `${this.runTag}-probe`;
    this.namespaces.add(name);
    const r = await run('ip', ['netns', 'add', name]);
    if (r.spawnError) {
      this.namespaces.delete(name);
      return { ok: false, reason: `cannot run \`ip\` (install iproute2): ${r.spawnError}` };
    }
    if (r.code !== 0) {
      this.namespaces.delete(name);
      return { ok: false, reason: `\`ip netns add\` failed: ${r.stderr.trim() || `exit ${r.code}`}` };
    }
    const v = await run('ip', ['-n', name, 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1']);
    await this.deleteNamespace(name);
    if (v.code !== 0) return { ok: false, reason: `cannot create a veth pair in a namespace: ${v.stderr.trim()}` };
    return { ok: true };
  }

  /** Makes sure namespaces and files are removed however the process ends. */
  installExitHandlers() {
    if (this.handlersInstalled) return;
    this.handlersInstalled = true;
    process.on('exit', () => this.cleanupAllSync());
    for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
      process.on(sig, () => {
        this.log(`\n${sig}: removing ${this.namespaces.size} namespace(s) and ${this.workDir}`);
        this.cleanupAllSync();
        process.exit(code);
      });
    }
    process.on('uncaughtException', (e) => {
      this.cleanupAllSync();
      console.error(e);
      process.exit(70);
    });
    process.on('unhandledRejection', (e) => {
      this.cleanupAllSync();
      console.error(e);
      process.exit(70);
    });
  }

  /** Synchronous cleanup for exit paths: every namespace this run created, then the work dir. */
  cleanupAllSync() {
    for (const ns of [...this.namespaces]) {
      try {
        execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
      } catch {
        /* already gone */
      }
      this.namespaces.delete(ns);
    }
    try {
      fs.rmSync(this.workDir, { recursive: true, force: true });
    } catch {
      /* nothing to remove */
    }
  }

  async deleteNamespace(name) {
    const r = await run('ip', ['netns', 'del', name]);
    if (r.code === 0 || !fs.existsSync(path.join(NETNS_DIR, name))) this.namespaces.delete(name);
    return r;
  }

  /**
   * A fresh host/container namespace pair with the stand-in NICs.
   * @returns {Promise<{ n: number, hostNs: string, contNs: string, netnsPath: string, dir: string, containerId: string }>}
   */
  async createCase() {
    const n = ++this.counter;
    const hostNs = `${this.runTag}-${n}-h`;
    const contNs = `${this.runTag}-${n}-c`;
    const dir = path.join(this.workDir, String(n));
    fs.mkdirSync(dir, { recursive: true });
    const env = { n, hostNs, contNs, netnsPath: path.join(NETNS_DIR, contNs), dir, containerId: `${this.runTag}-${n}` };
    try {
      await this.#setUp(env);
    } catch (e) {
      await this.destroyCase(env);
      throw e;
    }
    return env;
  }

  async #setUp({ hostNs, contNs }) {
    for (const ns of [hostNs, contNs]) {
      this.namespaces.add(ns);
      const r = await run('ip', ['netns', 'add', ns]);
      if (r.code !== 0) throw new Error(`ip netns add ${ns}: ${r.stderr.trim()}`);
    }
    const hostBatch = [
      'link set lo up',
      'link add eth0 mtu 1500 type veth peer name eth0-peer',
      'link add eth1 mtu 1500 type veth peer name eth1-peer',
      `link add hdev0 address ${HDEV0_MAC} type veth peer name hdev0-peer`,
      `link add hdev1 address ${HDEV1_MAC} type veth peer name hdev1-peer`,
      'link set eth0-peer up',
      'link set eth0 up',
      'link set eth1-peer up',
      'link set eth1 up',
      'link set hdev0-peer up',
      'link set hdev1-peer up',
      'addr add 192.0.2.2/24 dev eth0',
      'route add default via 192.0.2.1 dev eth0 onlink',
    ].join('\n');
    const h = await run('ip', ['-n', hostNs, '-batch', '-'], { input: `${hostBatch}\n` });
    if (h.code !== 0) throw new Error(`host namespace setup failed: ${h.stderr.trim()}`);
    const c = await run('ip', ['-n', contNs, 'link', 'set', 'lo', 'up']);
    if (c.code !== 0) throw new Error(`container namespace setup failed: ${c.stderr.trim()}`);
  }

  async destroyCase(env) {
    // Container first: host-device moved hdev0 there; a veth is destroyed with either namespace.
    await this.deleteNamespace(env.contNs);
    await this.deleteNamespace(env.hostNs);
    fs.rmSync(env.dir, { recursive: true, force: true });
  }

  /** Runs one plugin binary inside the case's host namespace. */
  async execPlugin(env, { pluginDir, type, command, stdin, ifName = 'net1', timeoutMs = 20000, extraArgs }) {
    const bin = path.join(pluginDir, type);
    const vars = {
      PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
      CNI_COMMAND: command,
      CNI_CONTAINERID: env.containerId,
      CNI_NETNS: env.netnsPath,
      CNI_IFNAME: ifName,
      CNI_PATH: pluginDir,
      // What Multus passes (IgnoreUnknown lets plugins skip the Kubernetes keys).
      CNI_ARGS: `IgnoreUnknown=1;K8S_POD_NAMESPACE=conformance;K8S_POD_NAME=case-${env.n};K8S_POD_INFRA_CONTAINER_ID=${env.containerId}${extraArgs ? `;${extraArgs}` : ''}`,
    };
    return run('ip', ['netns', 'exec', env.hostNs, bin], { input: stdin, env: vars, timeoutMs });
  }
}

/**
 * Namespaces left by earlier runs of this tool whose process is gone (a crash or SIGKILL).
 * Only names matching mnc-<pid>-... with a dead pid are returned.
 */
export function staleNamespaces(prefix = 'mnc') {
  return staleNames(NETNS_DIR, new RegExp(`^${prefix}-(\\d+)-`));
}

/** Work directories (<workRoot>/mnc-<pid>) of earlier runs whose process is gone. */
export function staleWorkDirs(workRoot, prefix = 'mnc') {
  return staleNames(workRoot, new RegExp(`^${prefix}-(\\d+)$`)).map((n) => path.join(workRoot, n));
}

function staleNames(dir, re) {
  let names = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => {
    const m = re.exec(n);
    if (!m) return false;
    const pid = Number(m[1]);
    if (pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false; // still running: not ours to touch
    } catch (e) {
      return e.code === 'ESRCH';
    }
  });
}

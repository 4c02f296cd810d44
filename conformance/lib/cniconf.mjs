// How a case's config becomes plugin invocations, the way Multus and libcni would do it:
//   * top-level `type` non-empty -> one plugin (Multus ignores `plugins` then); otherwise `plugins`
//     is a chain run in order, each entry getting the list's `name` and `cniVersion` injected and,
//     from the second on, the previous plugin's result as `prevResult` (libcni buildOneConfig);
//   * a missing or empty `name` is replaced by the NAD's metadata.name (Multus GetCNIConfigFromSpec).
// Harness-only rewrites (not part of what the checker sees): host-local `dataDir`, tuning `dataDir`
// and the DHCP daemon socket are pointed into the run's private directory, so nothing is written
// outside it and no real DHCP daemon is ever contacted.

import { spliceLiterals } from '../realConfigs.mjs';

/** Go's encoding/json key lookup: an exact match first, else the first case-insensitive match. */
export function goKey(obj, key) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sets obj[key] after removing every case-variant of key (harness-owned settings only). */
function setOwned(obj, key, value) {
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) delete obj[k];
  obj[key] = value;
}

/**
 * Points every file or socket a plugin config names into `privateDir`.
 * Values of the wrong JSON type are left alone so the plugin still sees (and rejects) them.
 */
export function rewritePrivatePaths(conf, privateDir) {
  if (!isObject(conf)) return conf;
  const out = structuredClone(conf);
  const typeKey = goKey(out, 'type');
  if (typeKey && out[typeKey] === 'tuning') {
    const k = goKey(out, 'dataDir');
    if (k === undefined || typeof out[k] === 'string') setOwned(out, 'dataDir', `${privateDir}/tuning`);
  }
  const ipamKey = goKey(out, 'ipam');
  const ipam = ipamKey ? out[ipamKey] : undefined;
  if (isObject(ipam)) {
    const t = ipam[goKey(ipam, 'type') ?? 'type'];
    if (t === 'host-local') {
      const k = goKey(ipam, 'dataDir');
      if (k === undefined || typeof ipam[k] === 'string') setOwned(ipam, 'dataDir', `${privateDir}/host-local`);
    } else if (t === 'dhcp') {
      const k = goKey(ipam, 'daemonSocketPath');
      if (k === undefined || typeof ipam[k] === 'string') setOwned(ipam, 'daemonSocketPath', `${privateDir}/no-dhcp-daemon.sock`);
    }
  }
  return out;
}

/**
 * Plans the plugin invocations for a case.
 * @returns {{ kind: 'single'|'list'|'raw', cniVersion: string, name: string, plugins: Array<{ type: string, conf?: object, text?: string }> }
 *          | { unrunnable: string }}
 */
export function planInvocations(c, { metadataName, privateDir }) {
  if (c.raw !== undefined) {
    // Text cases go to the plugin byte for byte; they must carry a valid name themselves.
    let version = '';
    try {
      const v = JSON.parse(c.raw);
      if (isObject(v) && typeof v.cniVersion === 'string') version = v.cniVersion;
    } catch {
      /* the plugin will say so */
    }
    return { kind: 'raw', cniVersion: version, name: metadataName, plugins: [{ type: c.runAs, text: c.raw }] };
  }
  const cfg = c.config;
  if (!isObject(cfg)) return { unrunnable: 'config is not a JSON object' };
  // NADC GetCNIConfigFromSpec looks up rawConfig["name"] (exact key) and injects metadata.name
  // when it is absent or "" (a null stays null), re-marshalling the map with sorted keys.
  const inject = !Object.prototype.hasOwnProperty.call(cfg, 'name') || cfg.name === '';
  const top = inject ? sortedKeys({ ...cfg, name: metadataName }) : cfg;
  const typeKey = goKey(top, 'type');
  const type = typeKey ? top[typeKey] : undefined;

  if (typeof type === 'string' && type !== '') {
    // A single config: the plugin decodes it itself (Go, case-insensitive keys).
    const vKey = goKey(top, 'cniVersion');
    const cniVersion = vKey === undefined ? '' : top[vKey];
    return { kind: 'single', cniVersion, name: top.name, plugins: [{ type, conf: rewritePrivatePaths(top, privateDir) }] };
  }
  // A list: libcni reads name, cniVersion and plugins from a map (exact keys).
  const name = top.name;
  const cniVersion = typeof top.cniVersion === 'string' ? top.cniVersion : '';
  const plugins = top.plugins;
  if (!Array.isArray(plugins) || plugins.length === 0) return { unrunnable: 'neither a top-level type nor a non-empty plugins list' };
  const planned = [];
  for (const [i, p] of plugins.entries()) {
    if (!isObject(p)) return { unrunnable: `plugins[${i}] is not an object` };
    const tk = goKey(p, 'type');
    if (!tk || typeof p[tk] !== 'string' || p[tk] === '') return { unrunnable: `plugins[${i}] has no type` };
    if (/[/\\]/.test(p[tk])) return { unrunnable: `plugins[${i}].type contains a path separator` };
    // libcni InjectConf: the list's name and version replace the plugin's own (exact keys, map re-marshalled).
    const conf = sortedKeys({ ...structuredClone(p), name, cniVersion });
    planned.push({ type: p[tk], conf: rewritePrivatePaths(conf, privateDir) });
  }
  return { kind: 'list', cniVersion, name, plugins: planned };
}

/** Go's json.Marshal of a map: keys in byte order. */
function sortedKeys(obj) {
  return Object.fromEntries(Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, obj[k]]));
}

/** The stdin text for one invocation, with prevResult injected when there is one. */
export function stdinFor(step, prevResult) {
  if (step.text !== undefined) return step.text;
  if (prevResult === undefined || prevResult === null) return spliceLiterals(JSON.stringify(step.conf));
  return spliceLiterals(JSON.stringify(sortedKeys({ ...structuredClone(step.conf), prevResult })));
}

/** Compares CNI versions ("" = 0.1.0); returns NaN when either does not parse. */
export function compareCniVersions(a, b) {
  const parse = (v) => {
    const s = v === '' || v === undefined || v === null ? '0.1.0' : String(v);
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(s);
    return m ? m.slice(1).map(Number) : undefined;
  };
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return NaN;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

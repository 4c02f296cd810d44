// How a case's config becomes plugin invocations, the way Multus and libcni would do it:
//   * top-level `type` non-empty -> one plugin (Multus ignores `plugins` then); otherwise `plugins`
//     is a chain run in order, each entry getting the list's `name` and `cniVersion` injected and,
//     from the second on, the previous plugin's result as `prevResult` (libcni buildOneConfig);
//   * a missing or empty `name` is replaced by the NAD's metadata.name (Multus GetCNIConfigFromSpec).
// Harness-only rewrites (not part of what the checker sees): host-local `dataDir`, tuning `dataDir`
// and the DHCP daemon socket are pointed into the run's private directory, so nothing is written
// outside it and no real DHCP daemon is ever contacted.

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
  const nameKey = goKey(cfg, 'name');
  const hasName = nameKey !== undefined && cfg[nameKey] !== '' && cfg[nameKey] !== null;
  const name = hasName ? cfg[nameKey] : metadataName;
  const vKey = goKey(cfg, 'cniVersion');
  const cniVersion = vKey === undefined ? '' : cfg[vKey];
  const typeKey = goKey(cfg, 'type');
  const type = typeKey ? cfg[typeKey] : undefined;

  if (typeof type === 'string' && type !== '') {
    const conf = structuredClone(cfg);
    if (!hasName) setOwned(conf, 'name', metadataName);
    return { kind: 'single', cniVersion, name, plugins: [{ type, conf: rewritePrivatePaths(conf, privateDir) }] };
  }
  const pluginsKey = goKey(cfg, 'plugins');
  const plugins = pluginsKey ? cfg[pluginsKey] : undefined;
  if (!Array.isArray(plugins) || plugins.length === 0) return { unrunnable: 'neither a top-level type nor a non-empty plugins list' };
  const planned = [];
  for (const [i, p] of plugins.entries()) {
    if (!isObject(p)) return { unrunnable: `plugins[${i}] is not an object` };
    const tk = goKey(p, 'type');
    if (!tk || typeof p[tk] !== 'string' || p[tk] === '') return { unrunnable: `plugins[${i}] has no type` };
    if (/[/\\]/.test(p[tk])) return { unrunnable: `plugins[${i}].type contains a path separator` };
    const conf = structuredClone(p);
    // libcni injects the list's name and version into every plugin, replacing the plugin's own.
    setOwned(conf, 'name', name);
    setOwned(conf, 'cniVersion', cniVersion);
    planned.push({ type: p[tk], conf: rewritePrivatePaths(conf, privateDir) });
  }
  return { kind: 'list', cniVersion, name, plugins: planned };
}

/** The stdin text for one invocation, with prevResult injected when there is one. */
export function stdinFor(step, prevResult) {
  if (step.text !== undefined) return step.text;
  const conf = structuredClone(step.conf);
  if (prevResult !== undefined && prevResult !== null) setOwned(conf, 'prevResult', prevResult);
  return JSON.stringify(conf);
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

// Turns one plugin invocation (exit status, stdout, stderr) into a verdict:
//   accepted  - exit 0
//   rejected  - non-zero, and the failure is about the config (the thing our checker judges)
//   env       - non-zero for a reason outside the config: this machine lacks something (a kernel
//               link type, the DHCP daemon, a plugin binary, firewalld), a node-specific value
//               (a master's MTU, a device that is not there), permissions, a time-out.
// Environment failures are never counted as agreement or disagreement.

/** Messages that prove the plugin stopped while decoding the config: always a rejection. */
const PARSE_FAILURE = [
  /failed to load netconf/i,
  /failed to parse network configuration/i,
  /error unmarshall network config/i,
  /error parsing socket path conf/i,
  /json: cannot unmarshal/i,
  /invalid character .* looking for/i,
  /unexpected end of JSON input/i,
  /incompatible CNI versions/i,
];

/**
 * Environment patterns, checked in order. `kind` is a short stable label used in the report.
 * Keep each pattern narrow: a too-broad one hides real rejections.
 */
export const ENV_PATTERNS = [
  { kind: 'kernel: link type unsupported', re: /operation not supported|not supported by the kernel|Unknown device type/i },
  { kind: 'no DHCP daemon', re: /error dialing DHCP daemon|dhcp\.sock|DHCP\.Allocate/i },
  // `failed to find plugin ""` (empty type) is a config error, handled before this list.
  { kind: 'plugin binary missing', re: /failed to find plugin "[^"]+"|executable file not found in \$PATH/i },
  { kind: 'permission', re: /permission denied|operation not permitted/i },
  { kind: 'node: interface absent', re: /Link not found|no such network interface|failed to find physical interface/i },
  // Only an MTU above the master's is node-specific; a negative one is wrong on every node.
  { kind: 'node: master MTU', re: /invalid MTU \d+, must be \[0, master MTU/i },
  { kind: 'node: device path absent', re: /failed to find network devices at|no net directory under pci device|error with host device|failed to read net directory/i },
  { kind: 'node: firewalld/dbus', re: /firewalld|dbus|D-Bus/i },
  { kind: 'node: sysctl absent', re: /open \/proc\/sys\/\S+: (no such file or directory|not a directory)/i },
  { kind: 'harness: netns', re: /failed to open netns|could not open netns|failed to get netns/i },
];

/** Messages that are about the config even though they do not come from the decoder. */
const CONFIG_MESSAGES = [/failed to find plugin ""/i];

/** Finds the CNI error object in a plugin's stdout (the last JSON object printed). */
export function parseCniOutput(stdout) {
  const text = (stdout ?? '').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Some plugins log before the result; take the last top-level object.
    const at = text.lastIndexOf('\n{');
    if (at >= 0) {
      try {
        return JSON.parse(text.slice(at + 1));
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

/**
 * @param {{ code: number|null, signal?: string|null, stdout: string, stderr: string, timedOut?: boolean, spawnError?: string }} r
 * @returns {{ verdict: 'accepted'|'rejected'|'env', kind: string, msg: string, cniCode?: number }}
 */
export function classify(r) {
  if (r.spawnError) return { verdict: 'env', kind: 'harness: spawn failed', msg: r.spawnError };
  if (r.timedOut) return { verdict: 'env', kind: 'timeout', msg: `timed out; stderr: ${tail(r.stderr)}` };
  const out = parseCniOutput(r.stdout);
  if (r.code === 0) {
    if (out && typeof out === 'object' && 'code' in out && 'msg' in out && !('cniVersion' in out && 'interfaces' in out)) {
      // exit 0 with an error object should not happen; treat as rejected so it gets looked at
      return { verdict: 'rejected', kind: 'error object with exit 0', msg: String(out.msg), cniCode: out.code };
    }
    return { verdict: 'accepted', kind: 'ok', msg: '' };
  }
  if (out && typeof out === 'object' && typeof out.msg === 'string') {
    const msg = out.details ? `${out.msg}: ${out.details}` : out.msg;
    return { ...classifyMessage(msg), cniCode: out.code };
  }
  if (/^panic: |goroutine \d+ \[running\]/m.test(r.stderr ?? '')) {
    const first = (r.stderr.match(/^panic: .*$/m) ?? ['panic'])[0];
    return { verdict: 'rejected', kind: 'plugin crashed', msg: `plugin crashed (${first})` };
  }
  return { verdict: 'env', kind: 'no CNI error output', msg: `exit ${r.code ?? r.signal}; stderr: ${tail(r.stderr)}` };
}

/** Classifies a CNI error message (msg plus details). */
export function classifyMessage(msg) {
  if (PARSE_FAILURE.some((re) => re.test(msg))) return { verdict: 'rejected', kind: 'config', msg };
  if (CONFIG_MESSAGES.some((re) => re.test(msg))) return { verdict: 'rejected', kind: 'config', msg };
  // An MTU above what Linux allows on any link is wrong on every node, whatever the master's MTU.
  const mtu = /invalid MTU (\d+)/i.exec(msg);
  if (mtu && Number(mtu[1]) > 65535) return { verdict: 'rejected', kind: 'config', msg };
  for (const p of ENV_PATTERNS) if (p.re.test(msg)) return { verdict: 'env', kind: p.kind, msg };
  return { verdict: 'rejected', kind: 'config', msg };
}

function tail(s) {
  const t = (s ?? '').trim();
  return t.length > 300 ? `…${t.slice(-300)}` : t;
}

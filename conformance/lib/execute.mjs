// Runs one case against the real plugins (ADD, then DEL like a runtime cleaning up) and judges it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify, parseCniOutput } from './classify.mjs';
import { compareCniVersions, planInvocations, stdinFor } from './cniconf.mjs';

/**
 * @param {import('./sandbox.mjs').Sandbox} sandbox
 * @param {object} c a case from cases.mjs
 * @param {{ pluginDir: string, metadataName: string, timeoutMs?: number }} opts
 */
export async function executeCase(sandbox, c, opts) {
  const started = Date.now();
  const first = await executeOnce(sandbox, c, opts);
  // A config that only works with per-pod input (e.g. static IPAM whose addresses come from the
  // pod's `ips` annotation, passed by Multus as CNI_ARGS IP=…): try again with that input.
  if (first.verdict === 'rejected' && c.podDependent) {
    const second = await executeOnce(sandbox, c, { ...opts, extraArgs: c.podDependent.cniArgs });
    if (second.verdict === 'accepted') {
      return { ...first, verdict: 'env', kind: 'depends on the pod', msg: `${first.msg} — accepted with ${c.podDependent.what} (CNI_ARGS ${c.podDependent.cniArgs})`, withPod: { verdict: second.verdict, msg: second.msg }, ms: Date.now() - started };
    }
  }
  return { ...first, ms: Date.now() - started };
}

async function executeOnce(sandbox, c, opts) {
  const record = { add: [], del: [] };
  const probePlan = planInvocations(c, { metadataName: opts.metadataName, privateDir: '/nonexistent' });
  if ('unrunnable' in probePlan) return { verdict: 'skipped', kind: 'not runnable', msg: probePlan.unrunnable, ...record };
  const missing = probePlan.plugins.map((p) => p.type).filter((t) => !fs.existsSync(path.join(opts.pluginDir, t)));
  // A type spelled differently from every plugin (another letter case, a slip) names no binary on
  // any node: libcni fails with "failed to find plugin", a rejection of the config.
  if (missing.length && c.typeSpelling)
    return { verdict: 'rejected', kind: 'config: no such plugin', msg: `failed to find plugin "${missing[0]}" in path`, ...record };
  if (missing.length) return { verdict: 'skipped', kind: 'plugin not shipped', msg: `no ${missing.join(', ')} binary in ${opts.pluginDir}`, ...record };

  const env = await sandbox.createCase();
  // The run's directory and namespace names change every run; keep them out of the reports.
  const scrub = (text) => text.split(env.dir).join('<case-dir>').split(sandbox.runTag).join('mnc-<pid>');
  try {
    const plan = planInvocations(c, { metadataName: opts.metadataName, privateDir: env.dir });
    let prevResult;
    let outcome = { verdict: 'accepted', kind: 'ok', msg: '' };
    let failedAt;
    for (const [i, step] of plan.plugins.entries()) {
      const stdin = stdinFor(step, i === 0 ? undefined : prevResult);
      const r = await sandbox.execPlugin(env, { pluginDir: opts.pluginDir, type: step.type, command: 'ADD', stdin, timeoutMs: opts.timeoutMs, extraArgs: opts.extraArgs });
      const cls = classify(r);
      cls.msg = scrub(cls.msg);
      // The same for a misspelled IPAM type, which the main plugin fails to find.
      if (c.typeSpelling && cls.kind === 'plugin binary missing') Object.assign(cls, { verdict: 'rejected', kind: 'config: no such plugin' });
      // Keep the plugin's output only when it failed: the report needs it, the result JSON does not.
      record.add.push({ index: i, type: step.type, code: r.code, ...cls, ...(cls.verdict === 'accepted' ? {} : { stdout: scrub(clip(r.stdout)), stderr: scrub(clip(r.stderr)) }) });
      if (cls.verdict !== 'accepted') {
        outcome = cls;
        failedAt = { index: i, type: step.type };
        break;
      }
      prevResult = parseCniOutput(r.stdout);
    }
    // DEL every plugin in reverse, as libcni does; from 0.4.0 on with the cached result.
    const delPrev = compareCniVersions(plan.cniVersion, '0.4.0') >= 0 ? prevResult : undefined;
    for (let i = plan.plugins.length - 1; i >= 0; i--) {
      const step = plan.plugins[i];
      const r = await sandbox.execPlugin(env, { pluginDir: opts.pluginDir, type: step.type, command: 'DEL', stdin: stdinFor(step, delPrev), timeoutMs: opts.timeoutMs, extraArgs: opts.extraArgs });
      const cls = classify(r);
      cls.msg = scrub(cls.msg);
      record.del.push({ index: i, type: step.type, code: r.code, ok: r.code === 0, msg: cls.msg });
    }
    return { ...outcome, failedAt, planKind: plan.kind, ...record };
  } finally {
    await sandbox.destroyCase(env);
  }
}

function clip(s, n = 1000) {
  const t = s ?? '';
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

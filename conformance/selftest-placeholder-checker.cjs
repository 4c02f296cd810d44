// HARNESS SELF-TEST ONLY. Not our checker: a deliberately tiny stand-in with the same signature as
// server/src/core/cni/checkConfig.ts, so conformance/run.mjs can be exercised before (or without)
// the real one:  node conformance/run.mjs --checker conformance/selftest-placeholder-checker.cjs
// It knows three things (JSON syntax, the list of spec versions, JSON types of a few fields) and
// is expected to disagree with the plugins a lot.
'use strict';

const VERSIONS = new Set(['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0']);

function checkCniConfig(text) {
  const problems = [];
  const err = (code, message) => problems.push({ code, severity: 'error', message, start: 0, end: text.length });
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    err('json/syntax', String(e.message));
    return { problems };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    err('json/not-object', 'not an object');
    return { problems };
  }
  if (v.cniVersion !== undefined && !VERSIONS.has(v.cniVersion)) err('cni/unsupported-cniVersion', `cniVersion ${JSON.stringify(v.cniVersion)}`);
  for (const k of ['mtu', 'vlan', 'vlanId']) if (k in v && typeof v[k] !== 'number') err('cni/field-type', `${k} must be a number`);
  if (v.cniVersion === undefined) problems.push({ code: 'cni/missing-cniVersion', severity: 'warning', message: 'no cniVersion', start: 0, end: 1 });
  return { problems };
}

module.exports = { checkCniConfig };

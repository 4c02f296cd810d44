// The few node:assert functions the suites use, for the web extension host (no Node modules
// there); test/web/run.mjs bundles the suite with `assert` mapped to this file.
'use strict';

class AssertionError extends Error {}

function fail(message, fallback) {
  throw new AssertionError(message || fallback);
}

function ok(value, message) {
  if (!value) fail(message, `expected a truthy value, got ${String(value)}`);
}

function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected))
    fail(message, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) fail(message, `expected a value other than ${JSON.stringify(expected)}`);
}

function deepStrictEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(message, `expected ${e}, got ${a}`);
}

function match(actual, re, message) {
  if (!re.test(actual)) fail(message, `expected ${JSON.stringify(actual)} to match ${re}`);
}

module.exports = Object.assign(ok, { AssertionError, ok, fail, strictEqual, notStrictEqual, deepStrictEqual, match });

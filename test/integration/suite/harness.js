// A small test loop for the extension host, so the suite needs nothing installed besides VS Code:
// mocha's TDD names (suite, test, test.skip, suiteSetup, suiteTeardown, setup, teardown), hooks and
// tests may be async, each has a timeout. Prints one line per test and the closing
// "integration: N passed, N failed, N skipped" line.
'use strict';

const DEFAULT_TIMEOUT_MS = 60_000;

function createHarness() {
  const root = newSuite('', undefined);
  let current = root;

  function newSuite(name, parent) {
    return { name, parent, children: [], before: [], after: [], beforeEach: [], afterEach: [], skip: undefined };
  }

  const api = {
    suite(name, fn) {
      const s = newSuite(name, current);
      current.children.push({ kind: 'suite', suite: s });
      const prev = current;
      current = s;
      try {
        fn();
      } finally {
        current = prev;
      }
      return s;
    },
    test(name, fn, timeoutMs = DEFAULT_TIMEOUT_MS) {
      current.children.push({ kind: 'test', name, fn, timeoutMs });
    },
    suiteSetup: (fn) => current.before.push(fn),
    suiteTeardown: (fn) => current.after.push(fn),
    setup: (fn) => current.beforeEach.push(fn),
    teardown: (fn) => current.afterEach.push(fn),
  };
  /** A test that is reported as skipped, with the reason. */
  api.test.skip = (name, _fn, reason = '') => current.children.push({ kind: 'test', name, skip: reason || 'skipped' });
  /** Skips every test of a suite (with the reason), hooks included. */
  api.suite.skip = (name, fn, reason = '') => {
    const s = api.suite(name, fn);
    s.skip = reason || 'skipped';
  };

  async function run(log = console.log) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const failures = [];
    const fullName = (s, n) => {
      const parts = [n];
      for (let p = s; p; p = p.parent) if (p.name) parts.unshift(p.name);
      return parts.join(' › ');
    };
    const eachHooks = (s, key) => {
      const chain = [];
      for (let p = s; p; p = p.parent) chain.unshift(p);
      return key === 'beforeEach' ? chain.flatMap((p) => p.beforeEach) : chain.reverse().flatMap((p) => p.afterEach);
    };
    const countTests = (s) => s.children.reduce((n, c) => n + (c.kind === 'test' ? 1 : countTests(c.suite)), 0);
    const skipAll = (s, depth, reason) => {
      for (const c of s.children) {
        if (c.kind === 'test') {
          counts.skipped++;
          log(`${'  '.repeat(depth)}- ${c.name} (skipped: ${reason})`);
        } else {
          log(`${'  '.repeat(depth)}${c.suite.name}`);
          skipAll(c.suite, depth + 1, reason);
        }
      }
    };
    const failAll = (s, depth, err) => {
      for (const c of s.children) {
        if (c.kind === 'test') {
          counts.failed++;
          failures.push({ name: fullName(s, c.name), err });
          log(`${'  '.repeat(depth)}✘ ${c.name} (suite setup failed)`);
        } else failAll(c.suite, depth + 1, err);
      }
    };

    async function runSuite(s, depth) {
      if (s.name) log(`${'  '.repeat(depth - 1)}${s.name}`);
      if (s.skip) return skipAll(s, depth, s.skip);
      if (!countTests(s)) return;
      for (const h of s.before) {
        try {
          await withTimeout(h, DEFAULT_TIMEOUT_MS, 'suiteSetup');
        } catch (err) {
          log(`${'  '.repeat(depth)}✘ suiteSetup: ${err && err.message}`);
          failAll(s, depth, err);
          await runAfter(s, depth);
          return;
        }
      }
      for (const c of s.children) {
        if (c.kind === 'suite') {
          await runSuite(c.suite, depth + 1);
          continue;
        }
        const pad = '  '.repeat(depth);
        if (c.skip) {
          counts.skipped++;
          log(`${pad}- ${c.name} (skipped: ${c.skip})`);
          continue;
        }
        const started = Date.now();
        let error;
        try {
          for (const h of eachHooks(s, 'beforeEach')) await withTimeout(h, DEFAULT_TIMEOUT_MS, 'setup');
          await withTimeout(c.fn, c.timeoutMs, c.name);
        } catch (err) {
          error = err;
        }
        for (const h of eachHooks(s, 'afterEach')) {
          try {
            await withTimeout(h, DEFAULT_TIMEOUT_MS, 'teardown');
          } catch (err) {
            error = error || err;
          }
        }
        const ms = Date.now() - started;
        if (error) {
          counts.failed++;
          failures.push({ name: fullName(s, c.name), err: error });
          log(`${pad}✘ ${c.name} (${ms} ms)`);
        } else {
          counts.passed++;
          log(`${pad}✔ ${c.name} (${ms} ms)`);
        }
      }
      await runAfter(s, depth);
    }

    async function runAfter(s, depth) {
      for (const h of s.after) {
        try {
          await withTimeout(h, DEFAULT_TIMEOUT_MS, 'suiteTeardown');
        } catch (err) {
          counts.failed++;
          failures.push({ name: fullName(s, 'suiteTeardown'), err });
          log(`${'  '.repeat(depth)}✘ suiteTeardown`);
        }
      }
    }

    await runSuite(root, 0);
    failures.forEach((f, i) => {
      log(`\n${i + 1}) ${f.name}`);
      log(`   ${(f.err && (f.err.stack || f.err.message)) || String(f.err)}`.replace(/\n/g, '\n   '));
    });
    log('');
    log(`integration: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    return counts;
  }

  return { api, run };
}

function withTimeout(fn, ms, what) {
  let timer;
  return Promise.race([
    Promise.resolve().then(() => fn()),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`"${what}" timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

module.exports = { createHarness, DEFAULT_TIMEOUT_MS };

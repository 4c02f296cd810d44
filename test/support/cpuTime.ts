// Time budgets in tests are for the process's own CPU time, not the wall clock, so a machine busy
// with other work does not fail a test that guards against a quadratic algorithm or a hang.

/** Runs `fn` and returns its result with the CPU milliseconds (user + system) the process spent. */
export function cpuTimed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

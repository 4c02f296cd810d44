// Compares the user's target Rook version (setting `rookVersion`, e.g. "1.20" or "1.12.3") with the
// versions at which Rook's network behaviour changed. A missing patch number counts as `.0`.

export type Version = [number, number, number];

export function parseVersion(v: string): Version {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  if (!m) return [Infinity, 0, 0];
  return [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

export const atLeast = (target: string, v: string): boolean => compareVersions(target, v) >= 0;
export const atMost = (target: string, v: string): boolean => compareVersions(target, v) <= 0;

// Finding and reading configuration files on disk (Node): the nearest `.multus-networks.yaml` (or
// `.yml`) in a folder or any folder above it. Used by the CLI; the language server reads the ones in
// its workspace folders like any YAML file (and looks above its folders with this module).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../core/config/configFile';

/** The configuration file of `dir` itself, if any (`.yaml` before `.yml`). */
export function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const p = path.join(dir, name);
    try {
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // Not there.
    }
  }
  return undefined;
}

/** The nearest configuration file of `dir` or a folder above it (up to the file system's root). */
export function findConfigFile(dir: string, cache = new Map<string, string | undefined>()): string | undefined {
  const seen: string[] = [];
  let d = path.resolve(dir);
  let found: string | undefined;
  for (;;) {
    if (cache.has(d)) {
      found = cache.get(d);
      break;
    }
    seen.push(d);
    found = configFileIn(d);
    if (found) break;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const s of seen) cache.set(s, found);
  return found;
}

/** The configuration files that govern the given files (each file's nearest), sorted. */
export function configFilesFor(files: string[]): string[] {
  const cache = new Map<string, string | undefined>();
  const out = new Set<string>();
  for (const f of files) {
    const c = findConfigFile(path.dirname(f), cache);
    if (c) out.add(c);
  }
  return [...out].sort();
}

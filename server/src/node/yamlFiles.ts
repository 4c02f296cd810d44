// The one directory walker: every *.yaml / *.yml file under a folder, skipping SKIP_DIRS (.git,
// node_modules, ...) and the `exclude` globs (matched on the path relative to the folder, with /).
// Used by the CLI (cli/files.ts), the language server's disk feed (node/diskFiles.ts) and the
// tests. An explicit stack, so deep trees cannot overflow the call stack; a generator, so the
// server can pause between files to answer requests. Unreadable folders are skipped. The server's
// disk watcher (node/diskWatcher.ts) walks new folders with it too, skipping excluded ones.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchesAny, SKIP_DIRS, YAML_FILE } from '../core/glob';

/**
 * The YAML files under `root` (absolute paths, in no particular order). `skipDir` (an absolute
 * path) skips more folders than SKIP_DIRS and `exclude`.
 */
export function* walkYamlFiles(
  root: string,
  exclude: string[] = [],
  skipDir?: (dir: string) => boolean,
): Generator<string> {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = () => path.relative(root, full).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !(exclude.length && matchesAny(rel(), exclude)) && !skipDir?.(full))
          stack.push(full);
      } else if (e.isFile() && YAML_FILE.test(e.name) && !(exclude.length && matchesAny(rel(), exclude))) yield full;
    }
  }
}

/** The YAML files under `root`, sorted. */
export function yamlFilesUnder(root: string, exclude: string[] = []): string[] {
  return [...walkYamlFiles(root, exclude)].sort();
}

// Expands CLI paths: files as given, folders searched recursively for *.yaml / *.yml.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SKIP_DIRS, YAML_FILE } from '../core/glob';

export function collectYamlFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, files);
    else files.push(p);
  }
  return { files: [...new Set(files.map((f) => path.resolve(f)))].sort(), missing };
}

function walk(dir: string, out: string[]): void {
  // An explicit stack: deep folder trees must not overflow the call stack.
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(full);
      } else if (e.isFile() && YAML_FILE.test(e.name)) out.push(full);
    }
  }
}

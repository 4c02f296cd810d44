// Expands CLI paths: files as given, folders searched recursively for *.yaml / *.yml (node/yamlFiles.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkYamlFiles } from '../node/yamlFiles';

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
    if (st.isDirectory()) files.push(...walkYamlFiles(p));
    else files.push(p);
  }
  return { files: [...new Set(files.map((f) => path.resolve(f)))].sort(), missing };
}

// A configuration file as a file of the workspace: its findings are published like any file's, and
// its `externalNetworks` are NADs of the index (so references to them resolve, and go-to-definition
// lands on the entry). Which configuration file governs a file: the nearest one in its folder or
// above (by URI; the CLI's `--config` overrides this in Workspace).
// (The file's format is config/configFile.ts; this module builds on analyze.ts, so it sits above it.)
import type { Document } from 'yaml';
import { parseDocument } from 'yaml';
import { EMPTY_OBJECTS, type FileAnalysis } from './analyze';
import type { NadAnalysis } from './nad/nadChecks';
import { LineIndex } from './text/lineIndex';
import { ExternalNetwork, parseConfigFile } from './config/configFile';

const EMPTY_DOC = parseDocument('') as Document.Parsed;

export function analyzeConfigFile(uri: string, text: string): FileAnalysis {
  const config = parseConfigFile(text);
  return {
    uri,
    source: text,
    text,
    lines: new LineIndex(text),
    objects: EMPTY_OBJECTS(),
    nads: config.externalNetworks.map(externalNad),
    providerNads: [],
    unknown: [],
    problems: config.problems,
    config,
  };
}

function externalNad(e: ExternalNetwork): NadAnalysis {
  return {
    nad: { kind: 'nad', docIndex: 0, doc: EMPTY_DOC, name: e.name, namespace: e.namespace, anchor: e.nameRange },
    external: e,
  };
}

/** The folder URI (ending in '/') a configuration file governs. */
export function configDirOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** The nearest configuration file of `uri`'s folder or a folder above it, from `configs` (by folder URI). */
export function governingConfig(uri: string, configs: ReadonlyMap<string, FileAnalysis>): FileAnalysis | undefined {
  if (!configs.size) return undefined;
  let end = uri.lastIndexOf('/');
  while (end >= 0) {
    const hit = configs.get(uri.slice(0, end + 1));
    if (hit) return hit;
    end = uri.lastIndexOf('/', end - 1);
  }
  return undefined;
}

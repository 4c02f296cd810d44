// Kustomizations: which files kustomize applies together. A kustomization.yaml's `resources`
// (files and folders, relative paths; `bases` is their old name) and `components` gather the
// files of several folders into one build; each folder named there holds a kustomization of its
// own. Read from the files' text (no IO); the workspace index resolves the paths against the
// files it holds. Used by nad/duplicate (index/nadCrossChecks.ts; docs/namespaces.md).
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

export interface KustomizationEntry {
  /** The relative path as written. */
  path: string;
  /** Offsets of the entry in the kustomization file. */
  range: [number, number];
  /** A `components` entry: its resources join the including kustomization's own list. */
  component: boolean;
}

export interface Kustomization {
  entries: KustomizationEntry[];
  /** `kind: Component`: its resources are added to the kustomization that names it. */
  isComponent: boolean;
  /** Transformations that change the ids of everything the kustomization gathers. */
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
}

/** The file names kustomize looks for in a folder (it refuses a folder with more than one). */
const FILE_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function isKustomizationUri(uri: string): boolean {
  return FILE_NAMES.has(uri.slice(uri.lastIndexOf('/') + 1));
}

/** A remote base (git or HTTP URL): not in the workspace. */
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//i;

/** The kustomization a file's text declares, or undefined when it is not one (or not YAML). */
export function readKustomization(text: string): Kustomization | undefined {
  const doc = parseDocument(text, { logLevel: 'silent', uniqueKeys: false });
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const str = (key: string): string | undefined => {
    const v = root.get(key, true);
    return isScalar(v) && typeof v.value === 'string' && v.value !== '' ? v.value : undefined;
  };
  const kind = str('kind');
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') return undefined;
  // A Flux Kustomization (kustomize.toolkit.fluxcd.io) in a file of that name is an object, not a
  // kustomization: kustomize's own apiVersion is kustomize.config.k8s.io/*, or none.
  const apiVersion = str('apiVersion');
  if (apiVersion !== undefined && !apiVersion.startsWith('kustomize.config.k8s.io/')) return undefined;
  const entries: KustomizationEntry[] = [];
  for (const [key, component] of [
    ['resources', false],
    ['bases', false],
    ['components', true],
  ] as const) {
    const list = root.get(key, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
      const path = item.value.trim();
      if (path === '' || REMOTE.test(path)) continue;
      entries.push({ path, range: [item.range[0], item.range[1]], component });
    }
  }
  return {
    entries,
    isComponent: kind === 'Component',
    namespace: str('namespace'),
    namePrefix: str('namePrefix'),
    nameSuffix: str('nameSuffix'),
  };
}

/** The folder of a URI, without the trailing '/'. */
export const folderOf = (uri: string): string => uri.slice(0, uri.lastIndexOf('/'));

/**
 * `rel` (a kustomization path) resolved against the folder URI `dir`, as a decoded URI without a
 * trailing '/' (compare with `decodedUri`). Absolute paths stay absolute within the URI's scheme.
 */
export function resolveEntry(dir: string, rel: string): string {
  const d = decodedUri(dir);
  const schemeEnd = d.indexOf('://');
  const pathStart = schemeEnd < 0 ? 0 : d.indexOf('/', schemeEnd + 3);
  const prefix = pathStart < 0 ? d : d.slice(0, pathStart);
  const base = pathStart < 0 ? [] : d.slice(pathStart).split('/');
  const parts = rel.startsWith('/') ? rel.split('/') : [...base, ...rel.split('/')];
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `${prefix}/${out.join('/')}`;
}

export function decodedUri(uri: string): string {
  try {
    return decodeURIComponent(uri).replace(/\/+$/, '');
  } catch {
    return uri.replace(/\/+$/, '');
  }
}

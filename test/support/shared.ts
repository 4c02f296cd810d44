// Where the tests find the shared facts: the real-manifest corpus and the seed article live in a
// `shared` folder beside the repository (`../shared`), or wherever MULTUS_SHARED points. Tests that
// need them skip with a named reason when they are absent, so a bare clone runs green.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run compiled from out/test/<dir>/). */
export const ROOT = path.resolve(__dirname, '../../..');

/** The shared folder: $MULTUS_SHARED, else `../shared` relative to the repository root. */
export const SHARED = process.env.MULTUS_SHARED
  ? path.resolve(process.env.MULTUS_SHARED)
  : path.resolve(ROOT, '../shared');

/** Real manifests: valid/ (must check with zero errors), invalid/, and SOURCES.tsv describing them. */
export const CORPUS = path.join(SHARED, 'corpus');

/** The seed article (a Markdown file with the YAML it shows). */
export const SEED = path.join(SHARED, 'seed');

const HINT = 'set MULTUS_SHARED to the shared folder to run it';

/** `false` when the corpus is present, else the reason to give node:test's `skip`. */
export const corpusSkip: string | false = fs.existsSync(path.join(CORPUS, 'SOURCES.tsv'))
  ? false
  : `needs the shared corpus, not found at ${CORPUS} (${HINT})`;

/** `false` when the seed article is present, else the reason to give node:test's `skip`. */
export const seedSkip: string | false =
  fs.existsSync(SEED) && fs.readdirSync(SEED).some((f) => f.endsWith('.md'))
    ? false
    : `needs the shared seed article, not found at ${SEED} (${HINT})`;

/**
 * The seed article's manifests: its YAML blocks (the `[...]` elisions dropped) as two files, the
 * NADs and the CephCluster. Undefined when the seed is absent (see seedSkip).
 */
export function seedManifests(): Record<string, string> | undefined {
  if (seedSkip) return undefined;
  const md = fs.readFileSync(
    path.join(
      SEED,
      fs.readdirSync(SEED).find((f) => f.endsWith('.md'))!,
    ),
    'utf8',
  );
  const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) =>
    m[1]
      .split('\n')
      .filter((l) => l.trim() !== '[...]')
      .join('\n'),
  );
  return { 'seed-nads.yaml': blocks[0], 'seed-cluster.yaml': blocks[1] };
}

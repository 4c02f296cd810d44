// Shared vocabulary of the core. Nothing here imports LSP or VS Code.
import type { RuleId, RuleSeverity } from './rules';

export type { RuleId, Severity } from './rules';

/** A related place, e.g. the other NAD of a duplicate pair. Offsets are in that file's text. */
export interface RelatedLocation {
  uri: string;
  start: number;
  end: number;
  message: string;
}

interface JsonProblemFields {
  message: string;
  start: number;
  end: number;
  /** Machine-readable detail for quick fixes (e.g. `{ suggestion: 'vlanId' }`). */
  data?: Record<string, unknown>;
}

interface ProblemFields extends JsonProblemFields {
  related?: RelatedLocation[];
}

/**
 * One finding. `start`/`end` are UTF-16 offsets into the checked file's text (the same unit as
 * the `yaml` package's ranges and LSP positions). `code` is a catalog id and, as emitted by the
 * checks, `severity` one the catalog states for it (core/rules.ts); finalizeProblems (analyze.ts)
 * then applies the user's per-rule severity.
 */
export type Problem = { [C in RuleId]: ProblemFields & { code: C; severity: RuleSeverity<C> } }[RuleId];

/**
 * A finding inside an embedded JSON text: offsets are into the decoded JSON string, not the file.
 * The NAD checker maps them to file offsets through the scalar's offset map.
 */
export type JsonProblem = { [C in RuleId]: JsonProblemFields & { code: C; severity: RuleSeverity<C> } }[RuleId];

/** Builds a finding from an id and severity that are type variables (the literal form needs no helper). */
export function problem<C extends RuleId>(
  code: C,
  severity: RuleSeverity<C>,
  fields: ProblemFields,
): Extract<Problem, { code: C }> {
  return { code, severity, ...fields } as unknown as Extract<Problem, { code: C }>;
}

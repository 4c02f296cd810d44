// Shared vocabulary of the core. Nothing here imports LSP or VS Code.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A related place, e.g. the other NAD of a duplicate pair. Offsets are in that file's text. */
export interface RelatedLocation {
  uri: string;
  start: number;
  end: number;
  message: string;
}

/**
 * One finding. `start`/`end` are UTF-16 offsets into the checked file's text (the same unit as
 * the `yaml` package's ranges and LSP positions).
 */
export interface Problem {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** Machine-readable detail for quick fixes (e.g. `{ suggestion: 'vlanId' }`). */
  data?: Record<string, unknown>;
  related?: RelatedLocation[];
}

/**
 * A finding inside an embedded JSON text: offsets are into the decoded JSON string, not the file.
 * The NAD checker maps them to file offsets through the scalar's offset map.
 */
export interface JsonProblem {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  data?: Record<string, unknown>;
}

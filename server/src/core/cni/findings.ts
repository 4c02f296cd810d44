// Collects the CNI rules' findings: catalog id, severity, a message that says what is wrong and how
// to fix it, the JSON span, and `data` for quick fixes.
import type { Node } from 'jsonc-parser';
import type { JsonProblem, Severity } from '../types';
import { spanOf, type Span } from './jsonNodes';

export class Findings {
  readonly problems: JsonProblem[] = [];

  add(code: string, severity: Severity, message: string, at: Node | Span, data?: Record<string, unknown>): void {
    const span = 'offset' in at ? spanOf(at) : at;
    this.problems.push({ code, severity, message, start: span.start, end: span.end, ...(data ? { data } : {}) });
  }

  error(code: string, message: string, at: Node | Span, data?: Record<string, unknown>): void {
    this.add(code, 'error', message, at, data);
  }

  warning(code: string, message: string, at: Node | Span, data?: Record<string, unknown>): void {
    this.add(code, 'warning', message, at, data);
  }

  info(code: string, message: string, at: Node | Span, data?: Record<string, unknown>): void {
    this.add(code, 'info', message, at, data);
  }
}

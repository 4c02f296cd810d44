// Collects the CNI rules' findings: catalog id, severity, a message that says what is wrong and how
// to fix it, the JSON span, and `data` for quick fixes. The id's type admits only the ids the
// catalog (core/rules.ts) states at that severity.
import type { Node } from 'jsonc-parser';
import type { RuleAt, RuleId, RuleSeverity } from '../rules';
import { problem, type JsonProblem } from '../types';
import { spanOf, type Span } from './jsonNodes';

export class Findings {
  readonly problems: JsonProblem[] = [];

  add<C extends RuleId>(
    code: C,
    severity: RuleSeverity<C>,
    message: string,
    at: Node | Span,
    data?: Record<string, unknown>,
  ): void {
    const span = 'offset' in at ? spanOf(at) : at;
    this.problems.push(
      problem(code, severity, { message, start: span.start, end: span.end, ...(data ? { data } : {}) }),
    );
  }

  error(code: RuleAt<'error'>, message: string, at: Node | Span, data?: Record<string, unknown>): void {
    this.add(code, 'error', message, at, data);
  }

  warning(code: RuleAt<'warning'>, message: string, at: Node | Span, data?: Record<string, unknown>): void {
    this.add(code, 'warning', message, at, data);
  }

  info(code: RuleAt<'info'>, message: string, at: Node | Span, data?: Record<string, unknown>): void {
    this.add(code, 'info', message, at, data);
  }
}

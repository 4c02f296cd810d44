// Core <-> LSP type conversions. The only place that knows both vocabularies.
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver';
import type { FileAnalysis } from '../core/analyze';
import { DIAGNOSTIC_SOURCE } from '../core/product';
import { ruleDocUrl } from '../core/rules';
import type { LineIndex } from '../core/text/lineIndex';
import type { Problem, Severity } from '../core/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function toDiagnostic(
  p: Problem,
  analysis: FileAnalysis,
  lineIndexOf: (uri: string) => LineIndex | undefined,
): Diagnostic {
  const d: Diagnostic = {
    range: toRange(analysis.lines, p.start, p.end),
    severity: SEVERITY[p.severity],
    code: p.code,
    codeDescription: { href: ruleDocUrl(p.code) },
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
  };
  if (p.code === 'nad/unused') d.tags = [DiagnosticTag.Unnecessary];
  if (p.data) d.data = p.data;
  if (p.related?.length) {
    d.relatedInformation = p.related.flatMap((r) => {
      const lines = lineIndexOf(r.uri);
      return lines ? [{ location: { uri: r.uri, range: toRange(lines, r.start, r.end) }, message: r.message }] : [];
    });
  }
  return d;
}

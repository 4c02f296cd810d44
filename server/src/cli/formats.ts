// Output formats of `check`: text for people, JSON for scripts, SARIF 2.1.0 for code-scanning UIs.
import { RULES, ruleDocUrl } from '../core/rules';
import type { Severity } from '../core/types';

export interface CliDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export function formatText(diags: CliDiagnostic[], fileCount: number): string {
  const lines = diags.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
  const count = (s: Severity) => diags.filter((d) => d.severity === s).length;
  lines.push(
    `${fileCount} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info') + count('hint')} note(s).`,
  );
  return lines.join('\n') + '\n';
}

export function formatJson(diags: CliDiagnostic[], fileCount: number): string {
  return JSON.stringify({ files: fileCount, diagnostics: diags }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(diags: CliDiagnostic[], version: string): string {
  const used = new Set(diags.map((d) => d.code));
  const rules = RULES.filter((r) => used.has(r.id)).map((r) => ({
    id: r.id,
    shortDescription: { text: r.summary },
    helpUri: ruleDocUrl(r.id),
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
  }));
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const results = diags.map((d) => ({
    ruleId: d.code,
    ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: d.file.split('\\').join('/') },
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'multus-networks',
            version,
            informationUri: 'https://github.com/multus-networks/multus-networks',
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

// A cluster's diagrams as Markdown (```mermaid blocks under headings): the CLI's default output and
// the preview's "Save as Markdown".
import { markdownText } from './escape';
import type { ClusterFlow } from './model';

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** `file` is shown after the cluster title (e.g. a workspace-relative path); omitted when empty. */
export function flowMarkdown(flow: ClusterFlow, file?: string, level = 2): string {
  const h = '#'.repeat(Math.max(1, Math.min(5, level)));
  const parts = [`${h} ${markdownText(flow.title)}${file ? ` (${markdownText(file)})` : ''}\n`];
  // The problems, once (the diagrams only draw their networks in red).
  const problems = flow.model.problems;
  if (problems.length)
    parts.push(problems.map((p) => `- ${SEVERITY_WORD[p.severity]}: ${markdownText(p.message)}\n`).join(''));
  for (const d of flow.diagrams) parts.push(`${h}# ${markdownText(d.title)}\n\n\`\`\`mermaid\n${d.mermaid}\`\`\`\n`);
  return parts.join('\n');
}

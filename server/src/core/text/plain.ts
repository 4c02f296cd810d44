// Plain text from the little Markdown our own prose uses (rule summaries, schema descriptions), for
// the places that show text as it is: LSP diagnostic messages, SARIF `text` fields.

/** Code spans lose their backticks: "`spec.config` is empty" → "spec.config is empty". */
export const plainText = (s: string): string => s.replace(/`([^`]*)`/g, '$1');

// Every LSP feature beyond diagnostics registers here: one file per feature under lsp/.
import { registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import { registerDefinition } from './definition';
import { registerFlow } from './flow';
import { registerHover } from './hover';
import { registerReferences } from './references';
import { registerRename } from './rename';
import type { FeatureRegistration } from './context';

export const FEATURES: FeatureRegistration[] = [
  registerDefinition,
  registerReferences,
  registerRename,
  registerCompletion,
  registerHover,
  registerCodeActions,
  registerFlow,
];

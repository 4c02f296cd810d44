// Every LSP feature beyond diagnostics registers here: one file per feature under lsp/.
import { registerDefinition } from './definition';
import { registerReferences } from './references';
import { registerRename } from './rename';
import type { FeatureRegistration } from './server';

export const FEATURES: FeatureRegistration[] = [registerDefinition, registerReferences, registerRename];

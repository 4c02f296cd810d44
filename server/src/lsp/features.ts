// Every LSP feature beyond diagnostics registers here: one file per feature under lsp/.
import type { FeatureRegistration } from './server';

export const FEATURES: FeatureRegistration[] = [];

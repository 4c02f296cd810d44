// The validators compiled at build time (scripts/compile-validators.mjs): ajv's code generation for
// the CNI and Rook schemas was the largest single cost of a cold start. Entry points (CLI, language
// server) call installPrecompiledValidators() once; without it the same validators are compiled at
// run time from the same schemas and options (precompiledValidators.test.ts): only speed differs.
import type { ValidateFunction } from 'ajv';
import { usePrecompiledValidators } from './cni/schemaRegistry';
import * as cni from './cni/validators.generated';
import { usePrecompiledNetworkValidator } from './rook/networkSchema';
import network from './rook/networkValidator.generated';

export function installPrecompiledValidators(): void {
  const exported = cni as unknown as Record<string, ValidateFunction> & { VALIDATOR_IDS: Record<string, string> };
  usePrecompiledValidators(new Map(Object.entries(exported.VALIDATOR_IDS).map(([name, id]) => [id, exported[name]])));
  usePrecompiledNetworkValidator(network as unknown as ValidateFunction);
}

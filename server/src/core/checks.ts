// The checks the product runs, as one value: the CLI, the language server and the tests pass it to
// Workspace (or its `local` list to analyzeFile). Nothing is registered by importing a module, so
// which checks run never depends on import order.
import type { Checks } from './workspace';
import { checkNadsAcrossFiles } from './index/nadCrossChecks';
import { checkAnnotationSyntax, checkAnnotationTargets } from './index/refChecks';
import { checkChartValues } from './rook/chartValues';
import { checkSelectorsAcrossFiles } from './rook/crossChecks';
import { checkDuplicateClusters } from './rook/duplicateClusters';
import { checkClusterNetworks } from './rook/networkChecks';

export const ALL_CHECKS: Checks = {
  local: [checkClusterNetworks, checkDuplicateClusters, checkChartValues, checkAnnotationSyntax],
  crossFile: [checkSelectorsAcrossFiles, checkAnnotationTargets, checkNadsAcrossFiles],
};

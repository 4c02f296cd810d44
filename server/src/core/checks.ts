// Registers every file-local and cross-file check family. Importing this module once is enough.
import { registerLocalCheck } from './analyze';
import './precompiled';
import { checkNadsAcrossFiles } from './index/nadCrossChecks';
import { checkAnnotationSyntax, checkAnnotationTargets } from './ref/refChecks';
import { checkSelectorsAcrossFiles } from './rook/crossChecks';
import { checkChartValues } from './rook/chartValues';
import { checkClusterNetworks } from './rook/networkChecks';
import { registerCrossFileCheck } from './workspace';

registerLocalCheck(checkClusterNetworks);
registerLocalCheck(checkChartValues);
registerLocalCheck(checkAnnotationSyntax);
registerCrossFileCheck(checkSelectorsAcrossFiles);
registerCrossFileCheck(checkAnnotationTargets);
registerCrossFileCheck(checkNadsAcrossFiles);

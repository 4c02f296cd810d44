// Quick fixes in the configuration file (.multus-networks.yaml): a misspelt setting, limit or rule
// id replaced by its did-you-mean. Not safe (the meaning changes: a rule that did nothing now applies),
// so `check --fix` leaves them to --unsafe-fixes and the editor offers them one by one.
import { singleFileChange } from '../../edits';
import type { Fix, FixProvider } from './types';

const didYouMean: FixProvider = (ctx, problem) => {
  const suggestion = problem.data?.suggestion;
  if (typeof suggestion !== 'string') return [];
  const text = ctx.analysis.text;
  let { start, end } = problem;
  // A quoted key: replace what is inside the quotes (ids and keys need no escaping).
  const q = text[start];
  if ((q === '"' || q === "'") && end - start >= 2 && text[end - 1] === q) {
    start++;
    end--;
  }
  const fix: Fix = {
    title: `Change to "${suggestion}"`,
    kind: 'quickfix',
    problem,
    isPreferred: true,
    change: singleFileChange(ctx.uri, [{ start, end, newText: suggestion }]),
  };
  return [fix];
};

export const CONFIG_FIXES: Record<string, FixProvider> = {
  'config/unknown-key': didYouMean,
  'config/unknown-rule': didYouMean,
};

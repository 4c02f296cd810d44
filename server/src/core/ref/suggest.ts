// Kept for the importers of the old path: the engine and its policy live in core/text/suggest.ts.
export { closest, editDistance } from '../text/suggest';

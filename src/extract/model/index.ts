/**
 * The extractor's fitted models, as one value: the committed ones (weights.ts, written by
 * `npm run train:extract`) by default; the evaluation passes models fitted without the
 * pages it scores.
 */
import type { TreeModel } from './trees.ts';
import { WEIGHTS } from './weights.ts';

export interface ExtractorModel {
  /** Is this line part of the article? Gradient-boosted trees over model/line-features.ts. */
  body: TreeModel;
}

export const DEFAULT_MODEL: ExtractorModel = WEIGHTS;

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
  /** Which candidate line is the headline: one weight per feature of model/headline-features.ts (model/choice.ts). */
  headline: readonly number[];
  /** Which printed date is the publication date: one weight per feature of model/date-features.ts. */
  date: readonly number[];
  /** Which name on the page is the publisher's, or none: one weight per feature of model/source-features.ts. */
  source: readonly number[];
}

export const DEFAULT_MODEL: ExtractorModel = WEIGHTS;

/** Written by `npm run train:split -- <dataset-dir>... --write`; do not edit by hand. One weight per feature of features.ts (`whether` also weighs the `where` score). */
import type { StoryModel } from './index.ts';

export const STORY_MODEL: StoryModel = {
  where: [
    1.419, // bias
    -5.375, // localTf
    -4.845, // middleTf
    -1.51, // wholeTf
    5.18, // localDip
    4.807, // middleDip
    -0.195, // level
    0.377, // gain
    -2.448, // namesSeen
    -1.723, // namesShared
    0.923, // complete
    0.501, // newsLead
    0.415, // leadLength
    -0.19, // functionWord
    -1.647, // quoted
    0.601, // previousClosed
    -0.899, // heading
    -0.191, // afterHeading
    -0.533, // headingShare
    0.155, // smallSide
    -0.213, // candidates
  ],
  whether: [
    -7.755, // bias
    0.916, // localTf
    -0.227, // middleTf
    -2.3, // wholeTf
    -0.953, // localDip
    1.183, // middleDip
    -0.036, // level
    1.236, // gain
    0.766, // namesSeen
    -0.976, // namesShared
    -0.427, // complete
    0.703, // newsLead
    0.661, // leadLength
    0.353, // functionWord
    -0.001, // quoted
    0.231, // previousClosed
    -0.495, // heading
    0.506, // afterHeading
    -1.226, // headingShare
    2.614, // smallSide
    0.676, // candidates
    2.249, // where
  ],
  minScore: 1.25,
};

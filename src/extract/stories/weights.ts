/** Written by `npm run train:split -- <dataset-dir>... --write`; do not edit by hand. One weight per feature of features.ts (`whether` also weighs the `where` score). */
import type { StoryModel } from './index.ts';

export const STORY_MODEL: StoryModel = {
  where: [
    1.737, // bias
    -4.165, // localTf
    -3.608, // middleTf
    0.557, // wholeTf
    5.26, // localDip
    5.281, // middleDip
    1.095, // level
    0.418, // gain
    -2.771, // namesSeen
    -2.708, // namesShared
    0.941, // complete
    0.647, // leadLength
    -0.309, // functionWord
    -1.755, // quoted
    0.688, // previousClosed
    -0.768, // heading
    -0.123, // afterHeading
    -0.86, // headingShare
    -0.384, // smallSide
    -0.323, // candidates
  ],
  whether: [
    -8.083, // bias
    1.342, // localTf
    0.263, // middleTf
    -2.996, // wholeTf
    -0.775, // localDip
    1.075, // middleDip
    0.567, // level
    2.007, // gain
    0.033, // namesSeen
    -2.017, // namesShared
    -0.128, // complete
    0.804, // leadLength
    -0.156, // functionWord
    0, // quoted
    0.196, // previousClosed
    -0.946, // heading
    0.554, // afterHeading
    -1.985, // headingShare
    3.04, // smallSide
    0.871, // candidates
    1.72, // where
  ],
  minScore: 1.25,
};

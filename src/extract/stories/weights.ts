/** Written by `npm run train:split -- <dataset-dir>... --write`; do not edit by hand. One weight per feature of features.ts (`whether` also weighs the `where` score). */
import type { StoryModel } from './index.ts';

export const STORY_MODEL: StoryModel = {
  where: [
    1.978, // bias
    -3.916, // localTf
    -3.731, // localIdf
    -2.975, // middleTf
    0.74, // wholeTf
    -1.18, // wholeIdf
    4.853, // localDip
    4.46, // middleDip
    0.937, // level
    0.294, // gain
    -2.514, // namesSeen
    -2.349, // namesShared
    0.801, // complete
    0.552, // leadLength
    -0.395, // functionWord
    -1.72, // quoted
    0.665, // previousClosed
    -0.943, // heading
    -0.07, // afterHeading
    -0.667, // headingShare
    -0.263, // smallSide
    -0.348, // candidates
  ],
  whether: [
    -8.376, // bias
    1.286, // localTf
    0.168, // localIdf
    0.501, // middleTf
    -2.227, // wholeTf
    -2.11, // wholeIdf
    -0.316, // localDip
    1.161, // middleDip
    0.97, // level
    1.561, // gain
    0.763, // namesSeen
    -1.359, // namesShared
    0.673, // complete
    0.431, // leadLength
    -0.644, // functionWord
    -0.002, // quoted
    0.169, // previousClosed
    -0.661, // heading
    0.953, // afterHeading
    -1.732, // headingShare
    2.715, // smallSide
    0.792, // candidates
    1.846, // where
  ],
  minScore: 1,
};

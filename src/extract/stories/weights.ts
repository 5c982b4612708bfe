/** Written by `npm run train:split -- <dataset-dir>... --write`; do not edit by hand. One weight per feature of features.ts (`whether` also weighs the `where` score). */
import type { StoryModel } from './index.ts';

export const STORY_MODEL: StoryModel = {
  where: [
    1.734, // bias
    -4.16, // localTf
    -3.594, // middleTf
    0.574, // wholeTf
    5.267, // localDip
    5.284, // middleDip
    1.107, // level
    0.425, // gain
    -2.787, // namesSeen
    -2.705, // namesShared
    0.93, // complete
    0.434, // newsLead
    0.616, // leadLength
    -0.289, // functionWord
    -1.753, // quoted
    0.681, // previousClosed
    -0.769, // heading
    -0.131, // afterHeading
    -0.852, // headingShare
    -0.361, // smallSide
    -0.326, // candidates
  ],
  whether: [
    -8.218, // bias
    1.342, // localTf
    0.232, // middleTf
    -2.887, // wholeTf
    -0.792, // localDip
    1.085, // middleDip
    0.55, // level
    1.995, // gain
    0.059, // namesSeen
    -2.009, // namesShared
    -0.138, // complete
    0.365, // newsLead
    0.701, // leadLength
    -0.157, // functionWord
    -0.001, // quoted
    0.215, // previousClosed
    -0.868, // heading
    0.617, // afterHeading
    -1.976, // headingShare
    3.068, // smallSide
    0.887, // candidates
    1.743, // where
  ],
  minScore: 1.75,
};

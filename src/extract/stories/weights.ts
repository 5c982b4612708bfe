/** Written by `npm run train:split -- <dataset-dir>... --write`; do not edit by hand. One weight per feature of features.ts (`whether` also weighs the `where` score). */
import type { StoryModel } from './index.ts';

export const STORY_MODEL: StoryModel = {
  where: [
    1.872, // bias
    -4.603, // localTf
    -3.279, // middleTf
    0.444, // wholeTf
    5.289, // localDip
    4.513, // middleDip
    0.686, // level
    0.398, // gain
    -2.675, // namesSeen
    -2.522, // namesShared
    0.963, // complete
    0.617, // leadLength
    -0.399, // functionWord
    -1.698, // quoted
    0.663, // previousClosed
    -0.855, // heading
    -0.079, // afterHeading
    -0.705, // headingShare
    -0.353, // smallSide
    -0.359, // candidates
  ],
  whether: [
    -7.175, // bias
    1.229, // localTf
    0.157, // middleTf
    -2.81, // wholeTf
    -0.531, // localDip
    1.258, // middleDip
    0.697, // level
    1.945, // gain
    0.089, // namesSeen
    -1.764, // namesShared
    -0.233, // complete
    0.191, // leadLength
    -0.328, // functionWord
    -0.01, // quoted
    0.379, // previousClosed
    -0.724, // heading
    0.565, // afterHeading
    -1.735, // headingShare
    2.582, // smallSide
    0.735, // candidates
    1.833, // where
  ],
  minScore: 0.75,
};

/** Written by `tsx scripts/train-headline.ts <dataset-dir> --write`; do not edit by hand. One weight per feature of headline-features.ts. */
export const HEADLINE_WEIGHTS: readonly number[] = [
  -0.535, // near
  -0.9, // distance
  1.515, // metaAfter
  1.322, // metaNext
  0.386, // metaBefore
  -0.112, // nameNext
  0.598, // proseNext
  -0.211, // afterChrome
  1.245, // menuBefore
  0.067, // repeated
  -0.225, // titleCase
  0.098, // allCaps
  -1.17, // fullStop
  -0.761, // prose
  1.143, // length
  -0.549, // long
  -1.538, // short
  2.254, // overlap
  -0.848, // nameShaped
  0.104, // question
  0.05, // digits
  -0.216, // trailing
  -0.401, // rank
  1.021, // colon
];

/** Written by `tsx scripts/train-headline.ts <dataset-dir> --write`; do not edit by hand. One weight per feature of headline-features.ts. */
export const HEADLINE_WEIGHTS: readonly number[] = [
  -0.675, // near
  -0.872, // distance
  1.575, // metaAfter
  1.224, // metaNext
  0.329, // metaBefore
  -0.17, // nameNext
  0.748, // proseNext
  -0.265, // afterChrome
  1.158, // menuBefore
  0.238, // repeated
  -0.245, // titleCase
  0.124, // allCaps
  -1.161, // fullStop
  -0.689, // prose
  1.251, // length
  -0.524, // long
  -1.515, // short
  2.441, // overlap
  -0.849, // nameShaped
  0.145, // question
  0.001, // digits
  -0.191, // trailing
  -0.403, // rank
  0.842, // colon
];

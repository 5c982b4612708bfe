/** Written by `tsx scripts/train-headline.ts <dataset-dir> --write`; do not edit by hand. One weight per feature of headline-features.ts. */
export const HEADLINE_WEIGHTS: readonly number[] = [
  -0.927, // near
  -0.893, // distance
  1.502, // metaAfter
  1.253, // metaNext
  0.428, // metaBefore
  -0.252, // nameNext
  0.583, // proseNext
  -0.015, // afterChrome
  1.372, // menuBefore
  0.168, // repeated
  -0.261, // titleCase
  -0.073, // allCaps
  -1.168, // fullStop
  -0.818, // prose
  1.335, // length
  -0.53, // long
  -1.489, // short
  2.338, // overlap
  -0.862, // nameShaped
  0.118, // question
  -0.007, // digits
  -0.236, // trailing
  -0.421, // rank
  0.777, // colon
];

/**
 * Scoring with gradient-boosted decision trees, the form the extractor's line model is
 * stored in (fitted by scripts/lib/gbdt.ts; see scripts/train-extract.ts).
 *
 * A model is a starting log-odds and a list of small trees. Each tree is a flat list of
 * nodes, four numbers a node: a split `[feature, threshold, left, right]` sends a row
 * whose feature is at most the threshold to node `left`, any other to node `right`; a
 * leaf is `[-1, value, 0, 0]`. The row's score is the start plus the value of the leaf
 * it reaches in every tree: the log-odds that the line belongs to the article.
 */

export interface TreeModel {
  /** Log-odds before any tree. */
  base: number;
  /** The trees, four numbers a node, the root first. */
  trees: readonly (readonly number[])[];
}

/** The model's log-odds for the row of `stride` features starting at `offset` in `features`. */
export function treeScore(model: TreeModel, features: Float64Array, offset: number): number {
  let score = model.base;
  for (const tree of model.trees) {
    let node = 0;
    for (;;) {
      const feature = tree[node] as number;
      if (feature < 0) {
        score += tree[node + 1] as number;
        break;
      }
      node = (features[offset + feature] as number) <= (tree[node + 1] as number) ? (tree[node + 2] as number) : (tree[node + 3] as number);
    }
  }
  return score;
}

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

/** A model packed into typed arrays for scoring: one entry per node of every tree, in order. */
interface PackedTrees {
  base: number;
  /** Index of each tree's root. */
  roots: Int32Array;
  /** Feature of a split, or -1 for a leaf. */
  feature: Int16Array;
  /** Threshold of a split, or the value of a leaf. */
  value: Float64Array;
  /** Children of a split (absolute node indices). */
  left: Int32Array;
  right: Int32Array;
}

const PACKED = new WeakMap<TreeModel, PackedTrees>();

/** Pack a model once (scoring walks typed arrays rather than arrays of numbers). */
function pack(model: TreeModel): PackedTrees {
  let packed = PACKED.get(model);
  if (packed === undefined) {
    const total = model.trees.reduce((sum, tree) => sum + tree.length / 4, 0);
    packed = { base: model.base, roots: new Int32Array(model.trees.length), feature: new Int16Array(total), value: new Float64Array(total), left: new Int32Array(total), right: new Int32Array(total) };
    let offset = 0;
    model.trees.forEach((tree, t) => {
      packed!.roots[t] = offset;
      for (let node = 0; node < tree.length / 4; node++) {
        packed!.feature[offset + node] = tree[node * 4] as number;
        packed!.value[offset + node] = tree[node * 4 + 1] as number;
        packed!.left[offset + node] = offset + (tree[node * 4 + 2] as number) / 4;
        packed!.right[offset + node] = offset + (tree[node * 4 + 3] as number) / 4;
      }
      offset += tree.length / 4;
    });
    PACKED.set(model, packed);
  }
  return packed;
}

/** The model's log-odds for the row of features starting at `offset` in `features`. */
export function treeScore(model: TreeModel, features: Float64Array, offset: number): number {
  const { base, roots, feature, value, left, right } = pack(model);
  let score = base;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t] as number;
    let f = feature[node] as number;
    while (f >= 0) {
      node = (features[offset + f] as number) <= (value[node] as number) ? (left[node] as number) : (right[node] as number);
      f = feature[node] as number;
    }
    score += value[node] as number;
  }
  return score;
}

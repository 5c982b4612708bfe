/**
 * Choosing one candidate among a page's lines (the headline, the publication date, the
 * publisher): each candidate's score is the weighted sum of its features (a conditional
 * logit, fitted by scripts/lib/choice.ts), and the best scored wins.
 */

/** The weighted sum of the features. */
export function choiceScore(features: readonly number[], weights: readonly number[]): number {
  let score = 0;
  for (let k = 0; k < features.length; k++) score += (features[k] as number) * (weights[k] ?? 0);
  return score;
}

/** Index of the best scored candidate, or -1 when there is none; the first wins a tie. */
export function bestChoice(candidates: readonly (readonly number[])[], weights: readonly number[]): number {
  let best = -1;
  let bestScore = -Infinity;
  candidates.forEach((features, i) => {
    const score = choiceScore(features, weights);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

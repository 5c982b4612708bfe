/**
 * A conditional logit: on each page, candidates (lines, dates, names) compete, each
 * scored by a weighted sum of its features, and the page's choice is the best scored
 * (src/extract/model/choice.ts). Fitted by full-batch gradient descent from zero on the
 * log-likelihood of the gold candidates (several may be right: the headline printed
 * twice), with an L2 penalty. Deterministic: same pages, same weights.
 *
 * Training only (scripts/); pages without a gold candidate teach nothing and are skipped.
 */

export interface ChoicePage {
  /** One feature vector per candidate. */
  candidates: readonly (readonly number[])[];
  /** Indices of the right candidates. */
  gold: readonly number[];
}

export interface ChoiceOptions {
  iterations: number;
  learningRate: number;
  /** L2 penalty on the weights. */
  l2: number;
}

export const DEFAULT_CHOICE: ChoiceOptions = { iterations: 3000, learningRate: 0.3, l2: 0.01 };

export function fitChoice(pages: readonly ChoicePage[], featureCount: number, options: ChoiceOptions = DEFAULT_CHOICE): number[] {
  const usable = pages.filter((page) => page.gold.length > 0 && page.candidates.length > 0);
  const w = new Float64Array(featureCount);
  const grad = new Float64Array(featureCount);
  for (let it = 0; it < options.iterations; it++) {
    for (let j = 0; j < featureCount; j++) grad[j] = options.l2 * (w[j] as number);
    for (const page of usable) {
      const scores = page.candidates.map((f) => dot(f, w));
      const max = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - max));
      const total = exp.reduce((a, b) => a + b, 0);
      const goldTotal = page.gold.reduce((sum, c) => sum + (exp[c] as number), 0);
      page.candidates.forEach((f, c) => {
        // d(−log Σ_gold p)/d score_c = p_c − [c ∈ gold] · p_c / Σ_gold p
        const p = (exp[c] as number) / total - (page.gold.includes(c) ? (exp[c] as number) / goldTotal : 0);
        if (p === 0) return;
        for (let j = 0; j < featureCount; j++) grad[j] = (grad[j] as number) + (p * (f[j] as number)) / usable.length;
      });
    }
    for (let j = 0; j < featureCount; j++) w[j] = (w[j] as number) - options.learningRate * (grad[j] as number);
  }
  return [...w].map((v) => Number(v.toFixed(4)));
}

function dot(f: readonly number[], w: Float64Array): number {
  let s = 0;
  for (let j = 0; j < f.length; j++) s += (f[j] as number) * (w[j] as number);
  return s;
}

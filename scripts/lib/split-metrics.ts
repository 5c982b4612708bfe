/**
 * Segmentation measures over block indices. A segmentation is the sorted list of the
 * blocks where stories start, beginning with 0; `n` is the page's block count.
 *
 * - Pk (Beeferman et al. 1999): slide a probe of width k (half the mean true story
 *   length) over the page; an error is a probe whose two ends are in the same story by
 *   one segmentation and in different stories by the other. The share of probes in error.
 * - WindowDiff (Pevzner & Hearst 2002): the same probes; an error is a probe where the two
 *   segmentations count a different number of boundaries inside it.
 * - Boundary precision and recall: a found boundary matches a true one at most
 *   `tolerance` blocks away, each true boundary matched once.
 */

function storyOf(starts: readonly number[], n: number): Int32Array {
  const story = new Int32Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    while (s + 1 < starts.length && (starts[s + 1] as number) <= i) s++;
    story[i] = s;
  }
  return story;
}

/** Half the mean length of the true stories, at least 1. */
export function probeWidth(truth: readonly number[], n: number): number {
  return Math.max(1, Math.round(n / truth.length / 2));
}

export function pk(truth: readonly number[], found: readonly number[], n: number): number {
  const k = probeWidth(truth, n);
  if (n <= k) return 0;
  const t = storyOf(truth, n);
  const f = storyOf(found, n);
  let errors = 0;
  for (let i = 0; i + k < n; i++) if ((t[i] === t[i + k]) !== (f[i] === f[i + k])) errors++;
  return errors / (n - k);
}

export function windowDiff(truth: readonly number[], found: readonly number[], n: number): number {
  const k = probeWidth(truth, n);
  if (n <= k) return 0;
  const t = storyOf(truth, n);
  const f = storyOf(found, n);
  let errors = 0;
  // The boundaries between i and i + k are the difference of story numbers.
  for (let i = 0; i + k < n; i++) if ((t[i + k] as number) - (t[i] as number) !== (f[i + k] as number) - (f[i] as number)) errors++;
  return errors / (n - k);
}

/** Matched boundaries (story starts other than 0), found and true counts. */
export function boundaryMatches(truth: readonly number[], found: readonly number[], tolerance: number): { matched: number; found: number; truth: number } {
  const open = truth.slice(1);
  let matched = 0;
  for (const b of found.slice(1)) {
    let best = -1;
    for (let j = 0; j < open.length; j++) {
      const d = Math.abs((open[j] as number) - b);
      if (d <= tolerance && (best < 0 || d < Math.abs((open[best] as number) - b))) best = j;
    }
    if (best >= 0) {
      matched++;
      open.splice(best, 1);
    }
  }
  return { matched, found: found.length - 1, truth: truth.length - 1 };
}

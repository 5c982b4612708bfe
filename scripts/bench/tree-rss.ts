/**
 * The resident memory of a process and all its descendants together, sampled: the build
 * extracts in processes of its own (src/pipeline/extract-process.ts), whose memory
 * /usr/bin/time does not add to the command's (it reports the largest process's peak).
 * Linux /proc; elsewhere the sample is 0.
 */
import { readFileSync } from 'node:fs';

/** How often the tree is sampled: a peak shorter than this can be missed (the command's own peak is still /usr/bin/time's). */
export const TREE_SAMPLE_MS = 50;

/** Sample `pid`'s tree until `stop()`, which returns the largest sum seen (kB). */
export function sampleTreeRss(pid: number): { stop: () => number } {
  let peakKb = 0;
  const sample = () => {
    peakKb = Math.max(peakKb, treeRssKb(pid));
  };
  const timer = setInterval(sample, TREE_SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return peakKb;
    },
  };
}

function treeRssKb(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const next = stack.pop()!;
    try {
      total += Number(/^VmRSS:\s*(\d+)/m.exec(readFileSync(`/proc/${next}/status`, 'utf8'))?.[1] ?? 0);
      for (const child of readFileSync(`/proc/${next}/task/${next}/children`, 'utf8').trim().split(/\s+/)) if (child !== '') stack.push(Number(child));
    } catch {
      // Gone meanwhile, or not Linux.
    }
  }
  return total;
}

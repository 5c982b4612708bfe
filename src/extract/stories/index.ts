/**
 * Story segmentation: where one story ends and the next begins in an article body.
 */
import type { Block } from '../markdown.ts';
import { GAP_FEATURES, readPage, segmentFeatures, type PageTerms } from './features.ts';
import { MIN_STORY_BLOCKS } from './settings.ts';
import { stopwordsFor } from './terms.ts';

export interface StoryInput {
  blocks: readonly Block[];
  language?: string;
}

export interface SegmentOptions {
  weights: readonly number[];
  /** Log-odds a gap needs to become a story start. */
  minScore: number;
}

export type GapRows = (a: number, b: number) => { gap: number; features: number[] }[];

export function pageRows(page: PageTerms): GapRows {
  const memo = new Map<number, { gap: number; features: number[] }[]>();
  const n = page.blocks.length + 1;
  return (a, b) => {
    const key = a * n + b;
    let rows = memo.get(key);
    if (rows === undefined) {
      rows = segmentFeatures(page, a, b, MIN_STORY_BLOCKS);
      memo.set(key, rows);
    }
    return rows;
  };
}

/** Split [a, b) at its most likely story start while that start's probability reaches the threshold. */
export function decode(rows: GapRows, n: number, weights: readonly number[], minScore: number): number[] {
  const starts: number[] = [0];
  const stack: [number, number][] = [[0, n]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    let best: { gap: number; score: number } | undefined;
    for (const { gap, features } of rows(a, b)) {
      const score = features.reduce((s, x, k) => s + x * (weights[k] ?? 0), 0);
      if (best === undefined || score > best.score) best = { gap, score };
    }
    if (best === undefined || best.score < minScore) continue;
    starts.push(best.gap);
    stack.push([a, best.gap], [best.gap, b]);
  }
  return starts.sort((x, y) => x - y);
}

export function findStories(input: StoryInput, options: SegmentOptions): number[] {
  if (input.blocks.length < 2 * MIN_STORY_BLOCKS) return [0];
  const page = readPage(input.blocks, stopwordsFor(input.language));
  return decode(pageRows(page), input.blocks.length, options.weights, options.minScore);
}

export { GAP_FEATURES };

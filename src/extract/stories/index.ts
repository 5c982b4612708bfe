/**
 * Story segmentation: where one story ends and the next begins in an article body.
 */
import type { Block } from '../markdown.ts';
import { GAP_FEATURES, readPage, segmentFeatures, type PageTerms } from './features.ts';
import { isNewsLead, type LeadShape } from './lead.ts';
import { DIGEST_MIN_LATER_LEADS, MIN_STORY_BLOCKS, MIN_STORY_WORDS } from './settings.ts';
import { stopwordsFor } from './terms.ts';
import { STORY_MODEL } from './weights.ts';

export interface StoryInput {
  blocks: readonly Block[];
  language?: string;
}

/**
 * The fitted model. `where` scores each gap of a segment (the best one is where the
 * segment would split); `whether` scores that best gap — its features and its `where`
 * score — and the segment splits there when the score reaches `minScore`.
 */
export interface StoryModel {
  where: readonly number[];
  whether: readonly number[];
  /** Log-odds the best gap needs to become a story start. */
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

/** The gap of [a, b) that `where` scores highest, with its features and score. */
export function bestGap(rows: GapRows, a: number, b: number, where: readonly number[]): { gap: number; features: number[]; score: number } | undefined {
  let best: { gap: number; features: number[]; score: number } | undefined;
  for (const { gap, features } of rows(a, b)) {
    const score = dot(features, where);
    if (best === undefined || score > best.score) best = { gap, features, score };
  }
  return best;
}

/** The inputs of `whether`: the best gap's features and its `where` score. */
export function whetherInputs(best: { features: number[]; score: number }): number[] {
  return [...best.features, best.score];
}

/** Split [a, b) at its best gap while `whether` accepts it, then each part the same way. */
export function decode(rows: GapRows, n: number, model: StoryModel): number[] {
  const starts: number[] = [0];
  const stack: [number, number][] = [[0, n]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const best = bestGap(rows, a, b, model.where);
    if (best === undefined || dot(whetherInputs(best), model.whether) < model.minScore) continue;
    starts.push(best.gap);
    stack.push([a, best.gap], [best.gap, b]);
  }
  return starts.sort((x, y) => x - y);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) * ((b[k] as number | undefined) ?? 0);
  return s;
}

export function findStories(input: StoryInput, model: StoryModel = STORY_MODEL): number[] {
  if (input.blocks.length < 2 * MIN_STORY_BLOCKS) return [0];
  const page = readPage(input.blocks, stopwordsFor(input.language), input.language);
  return storyStarts(page, pageRows(page), model);
}

/** The model's story starts, joined with a digest's leads when the page is one. */
export function storyStarts(page: PageTerms, rows: GapRows, model: StoryModel): number[] {
  const found = decode(rows, page.blocks.length, model);
  const leads = digestLeads(page);
  if (leads === undefined) return found;
  const apart = found.filter((g) => leads.every((lead) => Math.abs(lead - g) >= MIN_STORY_BLOCKS));
  return [...leads, ...apart].sort((x, y) => x - y);
}

/**
 * A digest — stories printed one after another, each opening with a news lead, none with
 * a headline (as articles/004 is) — shows in its first block and at least
 * `DIGEST_MIN_LATER_LEADS` later blocks shaped as news leads, each far enough from the
 * last to leave a story between them. Stories on one subject share their words, so the
 * leads are the evidence here, not the change of words. The starts, or undefined.
 */
export function digestLeads(page: PageTerms): number[] | undefined {
  const n = page.blocks.length;
  if (n === 0 || !isNewsLead(page.shapes[0] as LeadShape)) return undefined;
  const leads = [0];
  for (let i = MIN_STORY_BLOCKS; i <= n - MIN_STORY_BLOCKS; i++) {
    const last = leads.at(-1) as number;
    if (!isNewsLead(page.shapes[i] as LeadShape) || i - last < MIN_STORY_BLOCKS) continue;
    if ((page.wordsBefore[i] as number) - (page.wordsBefore[last] as number) < MIN_STORY_WORDS) continue;
    if ((page.wordsBefore[n] as number) - (page.wordsBefore[i] as number) < MIN_STORY_WORDS) continue;
    leads.push(i);
  }
  return leads.length > DIGEST_MIN_LATER_LEADS ? leads : undefined;
}

export { GAP_FEATURES };

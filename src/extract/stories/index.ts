/**
 * Story segmentation: where one story ends and the next begins in an article body.
 *
 *   findStories({ blocks, language }) → [0, 14, 29, 38, 51]   (block indices; [0] = one story)
 *
 * Pure: blocks in, indices out. How it decides (features.ts has each signal):
 *   1. Each segment — the whole body first — is scored gap by gap by `where`: lexical
 *      cohesion of the text before and after the gap at three scales (TextTiling's local
 *      windows, a short story's worth, the whole segment), how far the local cohesion
 *      dips below each side's own level (so a listicle whose items never share words
 *      is not a row of stories), the change of names and years, and the lead's shape.
 *   2. `whether` judges the best gap — its features and its `where` score — and the
 *      segment splits there when the score reaches `minScore`; each part is then
 *      looked at the same way. Both are logistic models fitted by `npm run
 *      train:split` (weights.ts) on development pages built by joining articles.
 *   3. A digest — stories on one subject printed one after another, as news-in-brief and
 *      "more on this" pages are — shares its words from story to story, so cohesion
 *      never dips; what it shows is its leads. When the first block and at least
 *      `DIGEST_MIN_LATER_LEADS` later ones, a story's length apart, open like news leads
 *      (lead.ts `isNamedNewsLead`), every such lead starts a story, beside what the
 *      model found.
 *
 * Called by `extractStories()` (src/extract/index.ts) with the body's blocks and the
 * record's language, unless the front matter says `split: false` or names the page
 * (`title`, `slug`); records.ts makes one record per story (part / parts, a headline
 * derived from its lead, its own date and slug). A page of one story (`[0]`) keeps
 * `extract()`'s record unchanged. The build still calls `extract()`.
 */
import type { Block } from '../markdown.ts';
import { readPage, segmentFeatures, type PageTerms } from './features.ts';
import { DIGEST_MIN_LATER_LEADS, MIN_STORY_BLOCKS, MIN_STORY_WORDS } from './settings.ts';
import { stopwordsFor } from './terms.ts';
import { STORY_MODEL } from './weights.ts';

/** What the segmenter needs: the body as the extractor made it, and its language when known. */
export interface StoryInput {
  /** The body's blocks in order (body.ts `readBody`). */
  blocks: readonly Block[];
  /** BCP 47 language of the body: picks the stopword list (the extractor's, language.ts) and allows the English news-lead shape. Without it, no stopwords are dropped. */
  language?: string;
  /**
   * Indices of the blocks that a caption or photo credit stood just before (body.ts sets
   * those lines aside as `captions`). A story found one block from such a place starts
   * there instead: stories are often divided by their photos. A caption alone never
   * starts a story (004 has a photo credit in the middle of one).
   */
  captionsBefore?: ReadonlySet<number>;
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

/** The features of every gap of segment [a, b), computed once per segment. */
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
  const starts = storyStarts(page, pageRows(page), model);
  return input.captionsBefore === undefined ? starts : snapToCaptions(starts, input.captionsBefore);
}

/** Move each story start (but the first) onto a caption one block away, unless one is already at the start. */
export function snapToCaptions(starts: readonly number[], captionsBefore: ReadonlySet<number>): number[] {
  return starts.map((start, k) => {
    if (k === 0 || captionsBefore.has(start)) return start;
    const previous = starts[k - 1] as number;
    const next = starts[k + 1] ?? Infinity;
    for (const moved of [start - 1, start + 1]) {
      if (captionsBefore.has(moved) && moved - previous >= MIN_STORY_BLOCKS && next - moved >= MIN_STORY_BLOCKS) return moved;
    }
    return start;
  });
}

/** The model's story starts for a page read once (`readPage`), its gap rows memoised (`pageRows`), joined with a digest's leads when the page is one. */
export function storyStarts(page: PageTerms, rows: GapRows, model: StoryModel): number[] {
  const found = decode(rows, page.blocks.length, model);
  const leads = digestLeads(page);
  if (leads === undefined) return found;
  const apart = found.filter((g) => leads.every((lead) => Math.abs(lead - g) >= MIN_STORY_BLOCKS));
  return [...leads, ...apart].sort((x, y) => x - y);
}

/**
 * The story starts of a digest: its first block and every later news lead naming its
 * subject (lead.ts `isNamedNewsLead`) that
 * leaves a story's length (`MIN_STORY_BLOCKS`, `MIN_STORY_WORDS`) before and after it,
 * when there are at least `DIGEST_MIN_LATER_LEADS` of those; otherwise undefined.
 */
export function digestLeads(page: PageTerms): number[] | undefined {
  const n = page.blocks.length;
  if (page.namedNewsLead[0] !== true) return undefined;
  const words = page.wordsBefore;
  const leads = [0];
  for (let i = MIN_STORY_BLOCKS; i <= n - MIN_STORY_BLOCKS; i++) {
    const last = leads.at(-1) as number;
    if (!page.namedNewsLead[i] || i - last < MIN_STORY_BLOCKS) continue;
    if ((words[i] as number) - (words[last] as number) < MIN_STORY_WORDS || (words[n] as number) - (words[i] as number) < MIN_STORY_WORDS) continue;
    leads.push(i);
  }
  return leads.length > DIGEST_MIN_LATER_LEADS ? leads : undefined;
}

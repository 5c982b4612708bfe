/**
 * The evidence at each gap between two blocks, as numbers a linear model weighs.
 *
 * Gap g is the place before block g: a new story would start at block g. Evidence is
 * measured inside a segment [a, b) of the page (the whole page first, then each part
 * after a split), between the text before g and the text from g on.
 */
import type { Block } from '../markdown.ts';
import { isNamedNewsLead, isNewsLead, leadShape, type LeadShape } from './lead.ts';
import { blockText, readTerms, type BlockTerms } from './terms.ts';
import { endsLikeSentence } from '../segment.ts';
import { HEADING_MAX_WORDS, LEAD_FULL_WORDS, LOCAL_WINDOW_TERMS, MIDDLE_WINDOW_TERMS, MIN_STORY_WORDS } from './settings.ts';

/** The features of a gap, in the order of the weights (weights.ts). */
export const GAP_FEATURES = [
  /** 1: the model's intercept. */
  'bias',
  /** Cosine of the content words of about `LOCAL_WINDOW_TERMS` words on each side (TextTiling): a new story shares few words with the end of the last. */
  'localTf',
  /** The same over about `MIDDLE_WINDOW_TERMS` words: a short story against a short story. */
  'middleTf',
  /** The same over the whole segment on each side: different stories have different vocabularies as a whole. */
  'wholeTf',
  /** Mean local cosine of the gaps inside each side minus the local cosine here: a dip below the text's own level (a listicle's items are always apart). */
  'localDip',
  /** The same dip at the middle scale. */
  'middleDip',
  /** That mean local cosine itself: how tightly this text holds together. */
  'level',
  /** Log-likelihood gain per word of two word distributions over one (Dirichlet–multinomial, as in Utiyama & Isahara 2001). */
  'gain',
  /** Share of the names in the first blocks after the gap that the text before already named. */
  'namesSeen',
  /** Names both sides mention, over the names of the side with fewer: a new story has new people and places. */
  'namesShared',
  /** The block after the gap opens with a complete sentence and a capital: a lead. */
  'complete',
  /** It is a news lead (English: a named subject and an event in the present perfect, lead.ts): 4–8 % of the development articles open with one, 1–2 % of their later paragraphs. */
  'newsLead',
  /** Words of that first sentence, up to `LEAD_FULL_WORDS`: leads are long sentences. */
  'leadLength',
  /** It opens with a stopword ("It", "But", "The"): leaning on what came before. */
  'functionWord',
  /** It opens with a quotation mark or a dash: a quote continues a story. */
  'quoted',
  /** The block before ends a sentence: a story ends on a full stop. */
  'previousClosed',
  /** The block after is heading-like: a listicle's item or a subheading, not a headline-less story. */
  'heading',
  /** The block before is heading-like: the text after a subheading belongs to it. */
  'afterHeading',
  /** Share of heading-like blocks in the segment: a listicle or a guide, whose sections are not stories. */
  'headingShare',
  /** log of the smaller side's content words: evidence over a short side is weaker. */
  'smallSide',
  /** log of the gaps in the segment: the best of many gaps is high by chance. */
  'candidates',
] as const;
export type GapFeature = (typeof GAP_FEATURES)[number];
const LOCAL_DIP = GAP_FEATURES.indexOf('localDip');
const MIDDLE_DIP = GAP_FEATURES.indexOf('middleDip');
const LEVEL = GAP_FEATURES.indexOf('level');

/** A page read once: each block's terms as ids, its names as ids, its lead shape. */
export interface PageTerms {
  blocks: readonly Block[];
  /** Term ids of block i, each as often as it occurs. */
  tokens: Int32Array[];
  /** Name ids of block i, each once. */
  names: Int32Array[];
  shapes: LeadShape[];
  /** Block i is a news lead (lead.ts `isNewsLead`). */
  newsLead: boolean[];
  /** …and its subject names someone or something (lead.ts `isNamedNewsLead`): a digest's leads. */
  namedNewsLead: boolean[];
  /** What `readTerms` found in each block. */
  read: BlockTerms[];
  language?: string;
  /** Block i ends a sentence (or is not a paragraph). */
  closed: boolean[];
  /** Block i is a heading, or a short line without final punctuation that stands where one would. */
  headingLike: boolean[];
  /** Words of the blocks before block i (prefix sums, n + 1 entries). */
  wordsBefore: Int32Array;
  vocabulary: number;
  nameCount: number;
}

export function readPage(blocks: readonly Block[], stopwords: ReadonlySet<string>, language?: string): PageTerms {
  const termIds = new Map<string, number>();
  const known = new Map<string, number>();
  const read: BlockTerms[] = blocks.map((block) => readTerms(blockText(block), stopwords, termIds, known));
  const wordsBefore = new Int32Array(blocks.length + 1);
  read.forEach((block, i) => {
    wordsBefore[i + 1] = (wordsBefore[i] as number) + block.words;
  });
  const tokens = read.map((block) => Int32Array.from(block.tokens));
  // A capitalised word that opens a sentence is a name when the page writes it capitalised inside one too.
  const nameIds = new Map<string, number>();
  for (const block of read) for (const name of block.names) if (!nameIds.has(name)) nameIds.set(name, nameIds.size);
  const names = read.map((block) => {
    const ids = new Set<number>();
    for (const name of block.names) ids.add(nameIds.get(name) as number);
    for (const opener of block.openers) {
      const id = nameIds.get(opener);
      if (id !== undefined) ids.add(id);
    }
    return Int32Array.from(ids);
  });
  const shapes = blocks.map((b, i) => leadShape(b, read[i] as BlockTerms, stopwords));
  const newsLead = blocks.map((b, i) => isNewsLead(b, shapes[i] as LeadShape, read[i] as BlockTerms, language));
  return {
    blocks,
    tokens,
    names,
    shapes,
    newsLead,
    // The stricter test only where the looser one holds (a news lead in a hundred paragraphs).
    namedNewsLead: newsLead.map((lead, i) => lead && isNamedNewsLead(blocks[i] as Block, shapes[i] as LeadShape, read[i] as BlockTerms, language, (word) => nameIds.has(word.toLowerCase()))),
    read,
    language,
    closed: blocks.map((b) => b.kind !== 'paragraph' || CLOSED.test(b.text)),
    headingLike: blocks.map((b, i) => b.kind === 'heading' || (b.kind === 'paragraph' && (read[i] as BlockTerms).words <= HEADING_MAX_WORDS && !endsLikeSentence(b.text))),
    wordsBefore,
    vocabulary: termIds.size,
    nameCount: nameIds.size,
  };
}

/**
 * Features of every gap g in [a, b) that leaves at least `minBlocks` blocks and
 * `MIN_STORY_WORDS` words on each side, in order. Cost: each scale's windows slide over
 * the segment once, so a few passes over its tokens.
 */
export function segmentFeatures(page: PageTerms, a: number, b: number, minBlocks: number): { gap: number; features: number[] }[] {
  const out: { gap: number; features: number[] }[] = [];
  if (b - a < 2 * minBlocks) return out;
  const left = sweep(page, a, b, 1);
  const right = sweep(page, a, b, -1);
  const whole = left[b - a] as Side;
  const scales = [
    new SlidingPair(page, a, b, LOCAL_WINDOW_TERMS),
    new SlidingPair(page, a, b, MIDDLE_WINDOW_TERMS),
    new SlidingPair(page, a, b, Infinity),
  ];
  const names = new NameSides(page, a, b);
  const candidates = Math.max(1, b - a - 2 * minBlocks + 1);
  let headings = 0;
  for (let i = a; i < b; i++) if (page.headingLike[i]) headings++;
  const headingShare = headings / (b - a);
  // Local cosine at every gap, for each side's own level of cohesion.
  const local = new Float64Array(b - a);
  const middle = new Float64Array(b - a);
  for (let g = a + 1; g < b; g++) {
    for (const scale of scales) scale.advance(g);
    names.move(g - 1);
    local[g - a] = (scales[0] as SlidingPair).cosine();
    middle[g - a] = (scales[1] as SlidingPair).cosine();
    if (g < a + minBlocks || g > b - minBlocks) continue;
    if ((page.wordsBefore[g] as number) - (page.wordsBefore[a] as number) < MIN_STORY_WORDS) continue;
    if ((page.wordsBefore[b] as number) - (page.wordsBefore[g] as number) < MIN_STORY_WORDS) continue;
    const A = left[g - a] as Side;
    const B = right[b - g] as Side;
    const shape = page.shapes[g] as LeadShape;
    out.push({
      gap: g,
      features: [
        1,
        ...scales.map((scale) => scale.cosine()),
        0,
        0,
        0,
        whole.tokens === 0 ? 0 : (A.logLikelihood + B.logLikelihood - whole.logLikelihood) / whole.tokens,
        names.seenAfter(g, b),
        names.shared(),
        shape.complete && shape.capital ? 1 : 0,
        page.newsLead[g] ? 1 : 0,
        Math.min(shape.words, LEAD_FULL_WORDS) / LEAD_FULL_WORDS,
        shape.functionWord ? 1 : 0,
        shape.quoted ? 1 : 0,
        page.closed[g - 1] ? 1 : 0,
        page.headingLike[g] ? 1 : 0,
        page.headingLike[g - 1] ? 1 : 0,
        headingShare,
        Math.log1p(Math.min(A.tokens, B.tokens)) / Math.log(1000),
        Math.log(candidates),
      ],
    });
  }
  // How far the cosines at g lie below the mean cosine of the gaps inside A and inside B.
  for (const [values, index] of [[local, LOCAL_DIP], [middle, MIDDLE_DIP]] as const) {
    const prefix = new Float64Array(b - a + 1);
    for (let k = 1; k < b - a; k++) prefix[k + 1] = (prefix[k] as number) + (values[k] as number);
    for (const row of out) {
      const k = row.gap - a;
      const insideA = k - 1;
      const insideB = b - a - k - 1;
      const meanA = insideA > 0 ? ((prefix[k] as number) - (prefix[1] as number)) / insideA : undefined;
      const meanB = insideB > 0 ? ((prefix[b - a] as number) - (prefix[k + 1] as number)) / insideB : undefined;
      const level = meanA === undefined ? (meanB ?? 0) : meanB === undefined ? meanA : (meanA + meanB) / 2;
      row.features[index] = level - (values[k] as number);
      if (index === LOCAL_DIP) row.features[LEVEL] = level;
    }
  }
  return out;
}

/**
 * Two windows of term counts on either side of a gap — the last blocks before it
 * and the first blocks from it, each grown to at least `size` terms (or to the segment's
 * edge) — with their dot product and norms kept up to date as the gap moves right, so
 * each block enters and leaves each window once.
 */
class SlidingPair {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private dot = 0;
  private normX = 0;
  private normY = 0;
  /** Window X is blocks [xStart, g), window Y is [g, yEnd). */
  private xStart: number;
  private yEnd: number;
  private xCount = 0;
  private yCount = 0;

  constructor(
    private readonly page: PageTerms,
    a: number,
    private readonly b: number,
    private readonly size: number,
  ) {
    this.x = new Float64Array(page.vocabulary);
    this.y = new Float64Array(page.vocabulary);
    this.xStart = a;
    this.yEnd = a;
    this.fillY();
  }

  /** Move the gap to g (from g − 1): block g − 1 leaves Y for X. */
  advance(g: number): void {
    this.change(g - 1, this.y, this.x);
    this.yCount -= (this.page.tokens[g - 1] as Int32Array).length;
    this.xCount += (this.page.tokens[g - 1] as Int32Array).length;
    if (this.yEnd < g) this.yEnd = g;
    this.fillY();
    // Drop X's oldest block while the rest still holds `size` terms.
    while (this.xStart < g - 1 && this.xCount - (this.page.tokens[this.xStart] as Int32Array).length >= this.size) {
      this.xCount -= (this.page.tokens[this.xStart] as Int32Array).length;
      this.change(this.xStart, this.x, undefined);
      this.xStart++;
    }
  }

  cosine(): number {
    return this.normX <= 1e-9 || this.normY <= 1e-9 ? 0 : Math.max(0, this.dot) / Math.sqrt(this.normX * this.normY);
  }

  private fillY(): void {
    while (this.yEnd < this.b && this.yCount < this.size) {
      this.change(this.yEnd, undefined, this.y);
      this.yCount += (this.page.tokens[this.yEnd] as Int32Array).length;
      this.yEnd++;
    }
  }

  /** Take block i's words out of `from` (if any) and put them into `to` (if any). */
  private change(i: number, from: Float64Array | undefined, to: Float64Array | undefined): void {
    const { x, y } = this;
    for (const id of this.page.tokens[i] as Int32Array) {
      if (from !== undefined) this.add(from, id, -1, from === x ? y : x, from === x);
      if (to !== undefined) this.add(to, id, 1, to === x ? y : x, to === x);
    }
  }

  private add(vector: Float64Array, id: number, d: number, other: Float64Array, isX: boolean): void {
    const v = vector[id] as number;
    this.dot += d * (other[id] as number);
    if (isX) this.normX += 2 * v * d + d * d;
    else this.normY += 2 * v * d + d * d;
    vector[id] = v + d;
  }
}

/** Name counts on both sides of the gap, with the number of names both sides mention. */
class NameSides {
  private readonly before: Int32Array;
  private readonly after: Int32Array;
  private distinctBefore = 0;
  private distinctAfter = 0;
  private both = 0;

  constructor(
    private readonly page: PageTerms,
    from: number,
    to: number,
  ) {
    this.before = new Int32Array(page.nameCount);
    this.after = new Int32Array(page.nameCount);
    for (let i = from; i < to; i++) for (const id of page.names[i] as Int32Array) if (bump(this.after, id, 1) === 1) this.distinctAfter++;
  }

  /** Block i moves from after the gap to before it. */
  move(i: number): void {
    for (const id of this.page.names[i] as Int32Array) {
      const wasBoth = (this.before[id] as number) > 0 && (this.after[id] as number) > 0;
      if (bump(this.before, id, 1) === 1) this.distinctBefore++;
      if (bump(this.after, id, -1) === 0) this.distinctAfter--;
      const isBoth = (this.before[id] as number) > 0 && (this.after[id] as number) > 0;
      this.both += (isBoth ? 1 : 0) - (wasBoth ? 1 : 0);
    }
  }

  /** Names both sides mention, over the distinct names of the side with fewer (1 when a side names nobody). */
  shared(): number {
    const smaller = Math.min(this.distinctBefore, this.distinctAfter);
    return smaller === 0 ? 1 : this.both / smaller;
  }

  /** Share of the names in the first blocks from g that the text before g mentions (1 when they name nobody). */
  seenAfter(g: number, b: number): number {
    let total = 0;
    let hits = 0;
    for (let i = g, k = 0; i < b && k < NAME_WINDOW_BLOCKS; i++, k++) {
      for (const id of this.page.names[i] as Int32Array) {
        total++;
        if ((this.before[id] as number) > 0) hits++;
      }
    }
    return total === 0 ? 1 : hits / total;
  }
}
/** The names a new story opens with are looked for in its first few blocks. */
const NAME_WINDOW_BLOCKS = 4;

/** A paragraph that ends with final punctuation, maybe inside closing quotes. */
const CLOSED = /[.!?。！？]["'”’»)]*$/u;

/** Add to a count and return the new count. */
function bump(counts: Int32Array, id: number, by: number): number {
  const value = (counts[id] as number) + by;
  counts[id] = value;
  return value;
}

interface Side {
  tokens: number;
  /** Log marginal likelihood of the side's words under a Dirichlet(1)–multinomial over the page vocabulary. */
  logLikelihood: number;
}

/**
 * The word statistics of [a, a + k) for every k (direction 1), or of [b − k, b) (direction
 * −1), in one pass: a term seen c − 1 times among m words so far adds log(c / (m + V))
 * (the Dirichlet–multinomial's sequential form; the order of the words does not matter).
 */
function sweep(page: PageTerms, a: number, b: number, direction: 1 | -1): Side[] {
  const counts = new Int32Array(page.vocabulary);
  const V = page.vocabulary;
  const sides: Side[] = [{ tokens: 0, logLikelihood: 0 }];
  let m = 0;
  let ll = 0;
  for (let k = 0; k < b - a; k++) {
    const i = direction === 1 ? a + k : b - 1 - k;
    for (const id of page.tokens[i] as Int32Array) {
      const c = bump(counts, id, 1);
      ll += Math.log(c / (m + V));
      m++;
    }
    sides.push({ tokens: m, logLikelihood: ll });
  }
  return sides;
}

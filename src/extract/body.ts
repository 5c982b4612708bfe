/**
 * The body: the article's lines (article-lines.ts), classified block by block.
 *
 * Which lines belong to the article is the body model's decision; these rules only say
 * what each kept line is. They are tried in order at each line — table, fact box, pull
 * quote, list, captions, paragraph, subheading — and the first that claims the line wins.
 * A line the model left out between the article's paragraphs is kept as a caption when it
 * has a caption's shape, and dropped otherwise.
 */
import type { PageFacts, Role } from './header.ts';
import type { Block } from './markdown.ts';
import { parallelRun, type Region } from './region.ts';
import { claimFactBox, claimList, claimPullQuote, claimTable, isSubheading, type Claim } from './rules/blocks.ts';
import { isCaptionShaped, isCredit, isGalleryCaption, isLabelledCaption } from './rules/captions.ts';
import { isBoxMarker } from './rules/chrome.ts';
import { normalise, type Line } from './segment.ts';
import { BLANK_SEPARATED_RATIO, PARALLEL_LIST_MIN_ITEMS, REPEATED_LINE_MIN_COUNT } from './settings.ts';

export interface Body {
  blocks: Block[];
  captions: string[];
}

type Rule = (lines: readonly Line[], i: number, end: number) => Claim | undefined;
const BLOCK_RULES: readonly Rule[] = [claimTable, claimFactBox, claimPullQuote, claimList];

/**
 * Classify the article's lines. `keep` marks the lines the body model kept
 * (article-lines.ts): each becomes part of a block (table, fact box, pull quote, list,
 * paragraph, subheading) or a caption; a line it left out is at most a caption. `skip`
 * holds normalised texts already used in the header (the headline, the standfirst).
 *
 * Three hand rules veto what the model keeps, for chrome too rare in the development
 * pages for the model to learn and plain to the eye (each has its fixture test; on the
 * development sets they change body F1 by less than 0.002): a chrome line (a newsletter
 * box, share buttons; rules/chrome.ts), the headlines of a link box up to the next prose
 * line, and an unpunctuated line repeated three times or more (alt text).
 */
export function readBody(facts: PageFacts, region: Region, roles: (Role | undefined)[], skip: ReadonlySet<string>, keep: Uint8Array): Body {
  const { lines } = facts;
  const blocks: Block[] = [];
  const captions: string[] = [];
  const skipLengths = new Set([...skip].map((text) => text.length));
  const blankSeparated = usesBlankLines(lines.slice(region.start, region.end + 1));
  // Inside a link box ("Related articles" and its headlines) until the text resumes with prose.
  let inBox = false;
  for (let i = region.start; i <= region.end; ) {
    const line = lines[i] as Line;
    if (isBoxMarker(line)) inBox = true;
    else if (line.prose) inBox = false;
    if ((skipLengths.has(line.text.length) && skip.has(normalise(line.text))) || inBox || facts.isChrome(i) || isRepeated(facts, line)) {
      i++;
      continue;
    }
    if (keep[i] === 0) {
      if (isCaption(lines, i, blankSeparated, i === region.start)) {
        captions.push(line.text);
        roles[i] = 'caption';
      }
      i++;
      continue;
    }
    const claimed = BLOCK_RULES.reduce<Claim | undefined>((found, rule) => found ?? rule(lines, i, region.end), undefined) ?? claimParallelList(lines, i, region.end);
    const claim = claimed !== undefined && keep.subarray(i, i + claimed.length).every((k) => k === 1) ? claimed : undefined;
    if (claim) {
      blocks.push(claim.block);
      for (let k = i; k < i + claim.length; k++) roles[k] = 'body';
      i += claim.length;
      continue;
    }
    if (isCaption(lines, i, blankSeparated, i === region.start)) {
      captions.push(line.text);
      roles[i] = 'caption';
    } else {
      blocks.push({ kind: !line.prose && !line.tabbed && isSubheading(lines, i) ? 'heading' : 'paragraph', text: line.text });
      roles[i] = 'body';
    }
    i++;
  }
  return { blocks, captions };
}


/**
 * An unpunctuated line found `REPEATED_LINE_MIN_COUNT` times or more on the page: an
 * image's alt text or a label. (Sentences may repeat: an interview asks each guest the
 * same questions.)
 */
function isRepeated(facts: PageFacts, line: Line): boolean {
  return !line.prose && !line.terminal && (facts.occurrences.get(line.text.toLowerCase()) ?? 0) >= REPEATED_LINE_MIN_COUNT;
}

/** Credits, labelled captions, and (on blank-separated pages) caption-shaped lines glued on top of a paragraph. */
function isCaption(lines: readonly Line[], i: number, blankSeparated: boolean, first: boolean): boolean {
  const line = lines[i] as Line;
  if (isCredit(line) || isGalleryCaption(line)) return true;
  if (!first && isLabelledCaption(line)) return true;
  if (!blankSeparated || !isCaptionShaped(line) || line.blankAfter) return false;
  // Glued to the next line, which is a paragraph or another glued caption.
  for (let j = i + 1; j < lines.length; j++) {
    const next = lines[j] as Line;
    if (next.prose) return true;
    if (!isCaptionShaped(next) || next.blankAfter) return false;
  }
  return false;
}

/** Do the prose lines of this span have blank lines between them? */
function usesBlankLines(lines: readonly Line[]): boolean {
  const prose = lines.filter((line) => line.prose);
  if (prose.length === 0) return false;
  return prose.filter((line) => line.blankAfter).length / prose.length >= BLANK_SEPARATED_RATIO;
}

/** Unbulleted items that share a punctuation skeleton (region.ts `parallelRun`): one list. */
function claimParallelList(lines: readonly Line[], i: number, end: number): Claim | undefined {
  const run = Math.min(parallelRun(lines, i), end - i + 1);
  if (run < PARALLEL_LIST_MIN_ITEMS) return undefined;
  return { block: { kind: 'list', items: lines.slice(i, i + run).map((line) => line.text) }, length: run };
}

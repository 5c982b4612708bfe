/**
 * The body model's features: what is known about each line of a page.
 *
 * The model (model/body-model.ts, fitted by `npm run train:extract`) decides for every
 * line whether it belongs to the article. It sees what a reader sees at a glance: the
 * line's own shape (length, stopword share in the page's language, sentence punctuation,
 * capitals, digits, chrome vocabulary, date and byline shape), the same of the lines
 * around it, how much running text surrounds it, and where it stands against the densest
 * run of prose on the page (region.ts, the hand-made max-sum span this model refines).
 *
 * All features are numbers of about unit scale; a page's features are one row-major
 * Float64Array, `LINE_FEATURES.length` numbers a line.
 */
import { isEmbedAttribution } from '../dates.ts';
import { LineFlag, type PageFacts } from '../header.ts';
import { parallelRun, type Region } from '../region.ts';
import { isCredit, isLabelledCaption } from '../rules/captions.ts';
import { isAllCaps, type Line } from '../segment.ts';
import { PARALLEL_LIST_MIN_ITEMS } from '../settings.ts';

/** The shape of one line, on its own. */
const OWN = [
  'chars', // log(1 + characters)
  'words', // log(1 + word tokens)
  'stopwords', // share of tokens that are stopwords of the page's language
  'terminal', // ends like a sentence
  'colonEnd', // ends with a colon (a label, a lead-in to a list)
  'titleCase',
  'allCaps',
  'lowerStart', // starts with a lower-case letter (a wrapped line, a continuation)
  'digitStart',
  'bullet', // starts with a bullet or arrow
  'digits', // share of characters that are digits
  'punctuation', // share of characters that are neither letters, digits nor spaces
  'capitals', // share of letters that are capitals
  'sentences', // sentence ends inside the line, per word
  'commas', // commas per word
  'separators', // | • · between items, as menus and meta lines have (at most 5, / 5)
  'link', // a URL, an e-mail address or a handle
  'chrome', // the chrome vocabulary of rules/chrome.ts (share, sign in, cookies …)
  'box', // a link-box header ("Related articles")
  'end', // a comments marker ("Leave a comment")
  'crumb', // a breadcrumb or "You are here" trail
  'date', // a date line
  'timestamp', // "2 hours ago"
  'byline', // "By Ann Example"
  'prose', // reads as running text (segment.ts)
  'blankBefore',
  'blankAfter',
  'repeated', // the same text elsewhere on the page
  'tabbed', // a table row
  'caption', // a credit, a gallery caption or a labelled caption
  'list', // one of three or more lines of the same punctuation (an unbulleted list)
  'cjk', // measured in characters
  'question', // ends with a question mark
  'quoted', // opens with a quotation mark
  'wordLength', // mean characters per word / 10
  'copyright', // ©, "all rights reserved"
  'handScore', // the hand-made region score of the line / 1000
] as const;

/** What the model sees of a neighbour. */
const NEIGHBOUR = ['chars', 'stopwords', 'terminal', 'prose', 'chrome', 'titleCase', 'date', 'blankBefore'] as const;
const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2] as const;

/** Where the line stands on the page and what surrounds it. */
const CONTEXT = [
  'position', // line index / lines on the page
  'inRegion', // inside the densest run of prose
  'beforeRegion', // lines before it / 10, at most 5
  'afterRegion', // lines after it / 10, at most 5
  'proseBefore', // share of the page's prose characters above the line
  'proseAfter', // share below it
  'pageLines', // log(1 + lines on the page)
  'prose3', // share of prose among the three lines on each side
  'prose10', // among the ten on each side
  'chars3', // mean log length of the three lines on each side
  'chrome5', // share of chrome lines among the five on each side
  'meta3', // date or byline lines among the three on each side
  'blank3', // share of blank-line breaks among the three on each side
  'afterEnd', // a comments marker ("Leave a comment", "12 comments") stands above the line
  'shortRun', // log(1 + the run of lines that are not prose this line is in); 0 for prose
  'proseRun', // log(1 + the run of prose lines this line is in); 0 for other lines
  'relativeLength', // characters / the page's median prose line, at most 3
  'inBox', // below a link-box header ("Related articles") and no prose line since: the box's headlines
  'repeats', // log(1 + how often the text occurs on the page): alt text and labels repeat
] as const;

export const LINE_FEATURES: readonly string[] = [
  ...OWN,
  ...NEIGHBOUR_OFFSETS.flatMap((offset) => NEIGHBOUR.map((name) => `${name}@${offset > 0 ? '+' : ''}${offset}`)),
  ...CONTEXT,
];

const OWN_COUNT = OWN.length;
const STRIDE = LINE_FEATURES.length;
const OWN_INDEX = Object.fromEntries(OWN.map((name, i) => [name, i])) as Record<(typeof OWN)[number], number>;
const NEIGHBOUR_INDEX = NEIGHBOUR.map((name) => OWN_INDEX[name]);
/** Mean log length of a missing neighbour (above the first line, below the last): an empty line. */
const MISSING = 0;
/** Context windows, in lines on each side. */
const NEAR = 3;
const FAR = 10;
const CHROME_WINDOW = 5;
/** Distances to the region are counted in tens of lines, up to this many tens. */
const REGION_DISTANCE_CAP = 5;
/** A line of hand score is scaled by this (a long paragraph scores about 1,000). */
const HAND_SCORE_SCALE = 1000;

const BULLET = /^[•·▪▸►▶→✓✔☐■□◦‣⁃*>-]\s?/u;
const LINK = /https?:\/\/|www\.|\S@\S|(?:^|\s)@\w/u;
const COPYRIGHT = /©|\(c\)\s*\d{4}|all rights reserved|copyright/iu;
const QUOTE_START = /^["“„«‘'‚]/u;
const SEPARATOR = /\s[|•·]\s/gu;
const SENTENCE_INSIDE = /[.!?。！？]["'”’)]?\s+(?=\S)/gu;

/** The features of every line: `lines.length × LINE_FEATURES.length`, row-major. */
export function lineFeatures(facts: PageFacts, region: Region): Float64Array {
  const { lines } = facts;
  const n = lines.length;
  const own = new Float64Array(n * OWN_COUNT);
  const proseChars = new Float64Array(n + 1);
  const inList = listMembers(lines);
  for (let i = 0; i < n; i++) {
    ownFeatures(facts, i, inList[i] === 1, own.subarray(i * OWN_COUNT, (i + 1) * OWN_COUNT));
    const line = lines[i] as Line;
    proseChars[i + 1] = (proseChars[i] as number) + (line.prose ? line.text.length : 0);
  }
  const totalProse = proseChars[n] as number;
  const runs = runLengths(lines);
  const medianProse = median(lines.filter((line) => line.prose).map((line) => line.text.length));
  let endAbove = 0;
  let inBox = 0;
  const out = new Float64Array(n * STRIDE);
  const at = (i: number, feature: number) => own[i * OWN_COUNT + feature] as number;
  const windowMean = (i: number, radius: number, feature: number) => {
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - radius); j <= Math.min(n - 1, i + radius); j++) {
      if (j === i) continue;
      sum += at(j, feature);
      count++;
    }
    return count === 0 ? 0 : sum / count;
  };
  for (let i = 0; i < n; i++) {
    const row = i * STRIDE;
    out.set(own.subarray(i * OWN_COUNT, (i + 1) * OWN_COUNT), row);
    let k = row + OWN_COUNT;
    for (const offset of NEIGHBOUR_OFFSETS) {
      const j = i + offset;
      for (const feature of NEIGHBOUR_INDEX) out[k++] = j >= 0 && j < n ? at(j, feature) : MISSING;
    }
    out[k++] = n <= 1 ? 0 : i / (n - 1);
    out[k++] = i >= region.start && i <= region.end ? 1 : 0;
    out[k++] = i < region.start ? Math.min(REGION_DISTANCE_CAP, (region.start - i) / 10) : 0;
    out[k++] = i > region.end ? Math.min(REGION_DISTANCE_CAP, (i - region.end) / 10) : 0;
    out[k++] = totalProse === 0 ? 0 : (proseChars[i] as number) / totalProse;
    out[k++] = totalProse === 0 ? 0 : (totalProse - (proseChars[i + 1] as number)) / totalProse;
    out[k++] = Math.log1p(n);
    out[k++] = windowMean(i, NEAR, OWN_INDEX.prose);
    out[k++] = windowMean(i, FAR, OWN_INDEX.prose);
    out[k++] = windowMean(i, NEAR, OWN_INDEX.chars);
    out[k++] = windowMean(i, CHROME_WINDOW, OWN_INDEX.chrome);
    out[k++] = windowMean(i, NEAR, OWN_INDEX.date) + windowMean(i, NEAR, OWN_INDEX.byline);
    out[k++] = windowMean(i, NEAR, OWN_INDEX.blankBefore);
    out[k++] = endAbove;
    const line = lines[i] as Line;
    out[k++] = line.prose ? 0 : Math.log1p(runs[i] as number);
    out[k++] = line.prose ? Math.log1p(runs[i] as number) : 0;
    out[k++] = medianProse === 0 ? 0 : Math.min(3, line.text.length / medianProse);
    if (at(i, OWN_INDEX.box) === 1) inBox = 1;
    else if (line.prose) inBox = 0;
    out[k++] = inBox;
    out[k++] = Math.log1p(facts.occurrences.get(line.text.toLowerCase()) ?? 1);
    if (at(i, OWN_INDEX.end) === 1) endAbove = 1;
  }
  return out;
}

/** The line's own features, written into `into`. */
function ownFeatures(facts: PageFacts, i: number, inList: boolean, into: Float64Array): void {
  const line = facts.lines[i] as Line;
  const { text, words } = line;
  let digits = 0;
  let punctuation = 0;
  let letters = 0;
  let capitals = 0;
  let commas = 0;
  for (let c = 0; c < text.length; c++) {
    const code = text.charCodeAt(c);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 44) commas++;
    const kind = caseOf(code);
    if (kind !== NO_CASE) {
      letters++;
      if (kind === CAPITAL) capitals++;
    } else if (code !== 32 && !(code >= 48 && code <= 57) && code < 0x3000) punctuation++;
  }
  const length = Math.max(1, text.length);
  const wordCount = Math.max(1, words);
  const first = text[0] ?? '';
  const dated = facts.date(i) !== undefined;
  const chrome = facts.chromeLine(i);
  const flags = facts.flags(i);
  // In the order of OWN (a test checks the count).
  let k = 0;
  into[k++] = Math.log1p(text.length); // chars
  into[k++] = Math.log1p(words); // words
  into[k++] = line.stopwordRatio; // stopwords
  into[k++] = line.terminal ? 1 : 0; // terminal
  into[k++] = text.endsWith(':') ? 1 : 0; // colonEnd
  into[k++] = line.titleCase ? 1 : 0; // titleCase
  into[k++] = isAllCaps(text) ? 1 : 0; // allCaps
  into[k++] = first !== first.toUpperCase() ? 1 : 0; // lowerStart
  into[k++] = /^\d/u.test(text) ? 1 : 0; // digitStart
  into[k++] = BULLET.test(text) ? 1 : 0; // bullet
  into[k++] = digits / length; // digits
  into[k++] = punctuation / length; // punctuation
  into[k++] = letters === 0 ? 0 : capitals / letters; // capitals
  into[k++] = (text.match(SENTENCE_INSIDE)?.length ?? 0) / wordCount; // sentences
  into[k++] = commas / wordCount; // commas
  into[k++] = Math.min(5, text.match(SEPARATOR)?.length ?? 0) / 5; // separators
  into[k++] = LINK.test(text) ? 1 : 0; // link
  into[k++] = chrome ? 1 : 0; // chrome
  into[k++] = flags & LineFlag.Box ? 1 : 0; // box
  into[k++] = flags & LineFlag.End ? 1 : 0; // end
  into[k++] = flags & LineFlag.Trail ? 1 : 0; // crumb
  into[k++] = dated ? 1 : 0; // date
  into[k++] = flags & LineFlag.Timestamp ? 1 : 0; // timestamp
  into[k++] = facts.byline(i) !== undefined ? 1 : 0; // byline
  into[k++] = line.prose ? 1 : 0; // prose
  into[k++] = line.blankBefore ? 1 : 0; // blankBefore
  into[k++] = line.blankAfter ? 1 : 0; // blankAfter
  into[k++] = (facts.occurrences.get(text.toLowerCase()) ?? 0) > 1 ? 1 : 0; // repeated
  into[k++] = line.tabbed ? 1 : 0; // tabbed
  into[k++] = flags & LineFlag.Gallery || isCredit(line) || isLabelledCaption(line) || isEmbedAttribution(text) ? 1 : 0; // caption
  into[k++] = inList ? 1 : 0; // list
  into[k++] = line.cjk ? 1 : 0; // cjk
  into[k++] = /\?["'”’)]?$/u.test(text) ? 1 : 0; // question
  into[k++] = QUOTE_START.test(text) ? 1 : 0; // quoted
  into[k++] = (line.cjk ? 1 : text.length / wordCount) / 10; // wordLength
  into[k++] = COPYRIGHT.test(text) ? 1 : 0; // copyright
  into[k++] = Math.max(-2, Math.min(2, facts.handScore(i) / HAND_SCORE_SCALE)); // handScore
}

/** 1 for each line of a run of `PARALLEL_LIST_MIN_ITEMS` or more lines of one punctuation skeleton (region.ts `parallelRun`). */
function listMembers(lines: readonly Line[]): Uint8Array {
  const member = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; ) {
    const run = parallelRun(lines, i);
    if (run >= PARALLEL_LIST_MIN_ITEMS) member.fill(1, i, i + run);
    i += Math.max(1, run);
  }
  return member;
}

/** For each line, the length of the run of lines around it that share its `prose` flag. */
function runLengths(lines: readonly Line[]): Int32Array {
  const runs = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && (lines[j] as Line).prose === (lines[i] as Line).prose) j++;
    runs.fill(j - i, i, j);
    i = j;
  }
  return runs;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** What a UTF-16 code unit is: a letter in lower case, a capital, or neither (digits, marks, CJK, punctuation). */
const NO_CASE = 0;
const LOWER = 1;
const CAPITAL = 2;
const UNSEEN = 3;
const CASES = new Uint8Array(0x10000).fill(UNSEEN);

function caseOf(code: number): number {
  let kind = CASES[code] as number;
  if (kind === UNSEEN) {
    const ch = String.fromCharCode(code);
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    kind = lower === upper ? NO_CASE : ch === upper ? CAPITAL : LOWER;
    CASES[code] = kind;
  }
  return kind;
}

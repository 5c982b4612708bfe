/**
 * Photo captions and credits.
 *
 * - a credit: a short line that starts with "Photo", "Image", "Foto"… ("Photo Reuters"),
 *   or a line that ends with a picture agency ("… Leonhard Foeger / Reuters file");
 * - a labelled caption: an all-capitals label and a colon ("THE LEADER: Kim …");
 * - a glued caption: on pages whose paragraphs are separated by blank lines, a line
 *   without final punctuation that sits right on top of a paragraph (no blank line),
 *   as the text under a picture does when copied.
 */
import type { Line } from '../segment.ts';
import { CAPTION_LABEL_MAX_WORDS, CAPTION_MIN_WORDS, CREDIT_MAX_WORDS, CREDIT_NAME_MAX_WORDS, CREDIT_STARTS, PICTURE_AGENCIES } from '../settings.ts';

const CREDIT_START = new RegExp(`^(?:${CREDIT_STARTS.join('|')})\\b\\s*(?:credit\\s*)?[:/©]?\\s*\\S`, 'iu');
const AGENCY_END = new RegExp(`(?:/|\\(|©|\\||photo:?|foto:?)\\s*(?:${PICTURE_AGENCIES.join('|')})(?:\\s*(?:/\\s*)?(?:${PICTURE_AGENCIES.join('|')}))*\\)?$`, 'iu');
/** Each capitalised word ends at spaces before the next one or at the colon: one way to read a line, so a long run of capitals cannot make the regex backtrack for ever. */
const LABEL = /^((?:\p{Lu}[\p{Lu}'’.-]*(?:\s+(?=\p{Lu})|(?=:))){1,8}):\s+\S/u;

/** A caption that ends with its credit in brackets: "… (Image: Agency)", "… (Photo: Ann Example)". */
const CREDIT_END = new RegExp(`\\((?:${CREDIT_STARTS.join('|')})\\s*(?:credit\\s*)?:[^()]{1,60}\\)$`, 'iu');
/**
 * A caption that ends with its credit, unbracketed: "… 2026. | Photo by Ann Example", "…
 * for the holidays Credit: Apple" — the word, "by" or a colon, then a name of at most
 * `CREDIT_NAME_MAX_WORDS` capitalised words and nothing after it.
 */
const CREDIT_TAIL = new RegExp(`(?:^|\\s|\\|)(?:${CREDIT_STARTS.map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`).join('|')})(?:\\s+by|\\s*:)\\s+\\p{Lu}[\\p{L}.'’&-]*(?:\\s+\\p{Lu}[\\p{L}.'’&-]*){0,${CREDIT_NAME_MAX_WORDS - 1}}$`, 'u');

/** A photo credit line ("Photo Reuters", "Image: AFP", "… / AP file", "… (Image: AFP)"). */
export function isCredit(line: Line): boolean {
  if (!line.terminal && (CREDIT_END.test(line.text) || CREDIT_TAIL.test(line.text))) return true;
  if (line.prose && !AGENCY_END.test(line.text)) return false;
  if (line.words <= CREDIT_MAX_WORDS && CREDIT_START.test(line.text) && !line.terminal) return true;
  return !line.terminal && AGENCY_END.test(line.text);
}

/** "THE LEADER: Kim Jong-un is hailed …": an all-capitals label, a colon, a description. */
export function isLabelledCaption(line: Line): boolean {
  const label = line.text.match(LABEL)?.[1];
  if (!label) return false;
  const words = label.trim().split(/\s+/).length;
  return words <= CAPTION_LABEL_MAX_WORDS && /\p{Lu}{2}/u.test(label);
}

/** A sentence-like line without final punctuation: the shape of a caption (or a subheading). */
export function isCaptionShaped(line: Line): boolean {
  return !line.prose && !line.terminal && line.words >= CAPTION_MIN_WORDS && line.stopwordRatio > 0 && !line.titleCase;
}

/** "1of4A shopper looks at …", "3 of 12 The crowd …": a caption of a photo gallery, led by its counter. */
export function isGalleryCaption(line: Line): boolean {
  const match = line.text.match(GALLERY_COUNTER);
  return match !== null && Number(match[1]) <= Number(match[2]);
}
const GALLERY_COUNTER = /^(\d{1,3})\s?of\s?(\d{1,3})\s?(?=\p{Lu})/u;

/**
 * The base slug of an article: its title, transliterated and hyphenated by
 * @sindresorhus/slugify, cut at a word boundary. Scripts slugify cannot transliterate
 * (Hangul, Chinese, Japanese, Thai, …) keep their own letters, lower-cased: a readable
 * URL such as `/articles/북한-대사관-습격/` (percent-encoded in feeds and the sitemap).
 * A title without letters or digits (emoji only) falls back to the file name, then to
 * "article": the slug is never empty. The build makes slugs unique across files.
 */
import slugify from '@sindresorhus/slugify';
import { SLUG_PATTERN } from '../slug-pattern.ts';
import { SLUG_MAX_CHARS } from './settings.ts';

export function makeSlug(title: string, file: string): string {
  const stem = fileStem(file);
  // slugify drops the letters it cannot transliterate and would keep only the digits of "항구 여객선, 90년 만에": own letters first.
  const order = (text: string) => (UNTRANSLITERATED.test(text) ? [ownLetters(text), slugify(text)] : [slugify(text), ownLetters(text)]);
  for (const candidate of [...order(title), ...order(stem)]) {
    const slug = cut(candidate);
    if (slug !== '' && SLUG_PATTERN.test(slug)) return slug;
  }
  return 'article';
}

/**
 * Runs of letters and digits joined by hyphens, lower-cased. Words with combining marks
 * (Devanagari, Thai vowel signs) give nothing: dropping the marks would garble them, and
 * the slug pattern does not allow them; the file name is used instead.
 */
function ownLetters(text: string): string {
  const words = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? [];
  return words.some((word) => /\p{M}/u.test(word)) ? '' : words.join('-');
}

/** Cut at the last hyphen before the limit (in characters, not UTF-16 units), so no word is broken. */
function cut(slug: string): string {
  const chars = Array.from(slug);
  if (chars.length <= SLUG_MAX_CHARS) return slug;
  const head = chars.slice(0, SLUG_MAX_CHARS + 1);
  const hyphen = head.lastIndexOf('-');
  return (hyphen > 0 ? head.slice(0, hyphen) : chars.slice(0, SLUG_MAX_CHARS)).join('').replace(/-+$/, '');
}

/** Scripts slugify leaves out. */
const UNTRANSLITERATED = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]*$/, '');
}

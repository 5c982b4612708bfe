/**
 * The base slug of an article: its title, transliterated and hyphenated by
 * @sindresorhus/slugify, cut at a word boundary. Never empty: the file name, then
 * "article", are the fallbacks. The build makes slugs unique across files.
 */
import slugify from '@sindresorhus/slugify';
import { SLUG_PATTERN } from '../record.ts';
import { SLUG_MAX_CHARS } from './settings.ts';

export function makeSlug(title: string, file: string): string {
  for (const candidate of [title, fileStem(file)]) {
    const slug = cut(slugify(candidate));
    if (slug !== '' && SLUG_PATTERN.test(slug)) return slug;
  }
  return 'article';
}

/** Cut at the last hyphen before the limit, so no word is broken. */
function cut(slug: string): string {
  if (slug.length <= SLUG_MAX_CHARS) return slug;
  const head = slug.slice(0, SLUG_MAX_CHARS + 1);
  const hyphen = head.lastIndexOf('-');
  return (hyphen > 0 ? head.slice(0, hyphen) : slug.slice(0, SLUG_MAX_CHARS)).replace(/-+$/, '');
}

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]*$/, '');
}

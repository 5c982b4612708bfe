/**
 * URL segments for source (publisher) pages: `/sources/<slug>/`.
 *
 * `@sindresorhus/slugify` transliterates Latin, Cyrillic, Greek, Arabic, … to ASCII.
 * Scripts it cannot transliterate (Chinese, Devanagari, …) would give an empty slug, so
 * those keep their own letters instead (the same alphabet the article slugs allow);
 * a name with no letters or digits at all gets a short hash. Every slug is unique:
 * the later name in name order gets `-2`, `-3`, ….
 */
import { createHash } from 'node:crypto';
import slugify from '@sindresorhus/slugify';
import { isWindowsReservedName } from '../slugs.ts';

/** Keeps URLs and folder names short; publisher names are rarely longer. */
const MAX_SLUG_LENGTH = 80;

export function sourceSlug(name: string): string {
  let slug = slugify(name);
  if (slug === '') {
    slug = (name.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []).join('-');
  }
  slug = Array.from(slug).slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
  if (slug === '') slug = `source-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;
  if (isWindowsReservedName(slug)) slug = `${slug}-source`;
  return slug;
}

/** One slug per name, in the order given; duplicates get a numeric suffix. */
export function uniqueSourceSlugs(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = sourceSlug(name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}

/**
 * Unique slugs across the archive.
 *
 * The extractor gives each record a base slug from its headline. Two articles may share
 * a headline; both are kept, the later file (in path order) gets `-2`, `-3`, …, so the
 * slugs are stable as long as the set of files is. Names that Windows reserves for
 * devices (`con`, `nul`, `com1`, …) get a suffix so the site can be copied anywhere.
 */
import type { ArticleRecord } from './record.ts';

const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

export function assignUniqueSlugs(records: ArticleRecord[]): ArticleRecord[] {
  const taken = new Set<string>();
  return records.map((record) => {
    let base = record.slug.toLowerCase();
    if (WINDOWS_RESERVED.test(base)) base = `${base}-article`;
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug === record.slug ? record : { ...record, slug };
  });
}

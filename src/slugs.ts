/**
 * Unique slugs across the archive.
 *
 * The extractor gives each record a base slug from its headline. Two articles may share
 * a headline; both are kept, the later file (in path order) gets `-2`, `-3`, …, so the
 * slugs are stable as long as the set of files is. Names that Windows reserves for
 * devices (`con`, `nul`, `com1`, …) get a suffix so the site can be copied anywhere.
 */
import type { ArticleRecord } from './record.ts';

/** Device names Windows reserves in every folder (COM¹–COM³ too); a folder with such a name cannot be copied there. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[\d¹²³]|lpt[\d¹²³])$/iu;

/** True for a URL segment that Windows cannot use as a folder name (`con`, `nul`, `com1`, …). */
export function isWindowsReservedName(segment: string): boolean {
  return WINDOWS_RESERVED.test(segment);
}

export function assignUniqueSlugs(records: ArticleRecord[]): ArticleRecord[] {
  const taken = new Set<string>();
  /** Per base, the suffix to try next: 10,000 files with one headline stay linear. */
  const nextSuffix = new Map<string, number>();
  return records.map((record) => {
    // Lower-casing can add a combining mark (`İ` → `i̇`), which the slug alphabet does not allow.
    let base = record.slug.toLowerCase().replace(/\p{M}/gu, '');
    if (isWindowsReservedName(base)) base = `${base}-article`;
    let slug = base;
    for (let n = nextSuffix.get(base) ?? 2; taken.has(slug); n++) {
      slug = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
    }
    taken.add(slug);
    return slug === record.slug ? record : { ...record, slug };
  });
}

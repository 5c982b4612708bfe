/**
 * Unique slugs across the archive.
 *
 * The extractor gives each record a base slug from its headline. Two articles may share
 * a headline; both are kept, and the earlier published keeps the slug: the later ones
 * get `-2`, `-3`, … in date order (then path order, then page order for the stories of
 * one page; undated ones after the dated). So the day's new articles, which come last,
 * never move an older article's address, whatever their file names. Names that Windows
 * reserves for devices (`con`, `nul`, `com1`, …) get a suffix so the site can be copied
 * anywhere.
 */
import { makeSlug } from './extract/slug.ts';
import type { ArticleRecord } from './record.ts';
import { compareCodeUnits } from './site/code-units.ts';

/** Device names Windows reserves in every folder (COM¹–COM³ too); a folder with such a name cannot be copied there. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[\d¹²³]|lpt[\d¹²³])$/iu;

/** True for a URL segment that Windows cannot use as a folder name (`con`, `nul`, `com1`, …). */
export function isWindowsReservedName(segment: string): boolean {
  return WINDOWS_RESERVED.test(segment);
}

/** The records with their slugs made unique, in the order given. */
export function assignUniqueSlugs(records: ArticleRecord[]): ArticleRecord[] {
  /** slug → the file of the article that has it. */
  const taken = new Map<string, string>();
  /** Per base, the suffix to try next: 10,000 files with one headline stay linear. */
  const nextSuffix = new Map<string, number>();
  const unique = new Array<ArticleRecord>(records.length);
  for (const i of publicationOrder(records)) unique[i] = uniqueSlug(records[i]!);
  return unique;

  function uniqueSlug(record: ArticleRecord): ArticleRecord {
    // Lower-casing can add a combining mark (`İ` → `i̇`), which the slug alphabet does not allow.
    let base = record.slug.toLowerCase().replace(/\p{M}/gu, '');
    if (isWindowsReservedName(base)) base = `${base}-article`;
    let slug = base;
    for (let n = nextSuffix.get(base) ?? 2; taken.has(slug); n++) {
      slug = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
    }
    const holder = taken.get(base);
    taken.set(slug, record.file);
    if (slug === record.slug) return record;
    // A slug the front matter asked for (not the headline's) is the archivist's choice: say where the article went instead.
    const asked = holder !== undefined && record.slug !== makeSlug(record.title, record.file);
    return { ...record, slug, ...(asked ? { warnings: [...record.warnings, `front matter: slug "${base}" is taken by ${holder}; this article is at /articles/${slug}/`] } : {}) };
  }
}

/** The records' places by date (undated last), then file path, then place in the page. */
function publicationOrder(records: readonly ArticleRecord[]): number[] {
  return records
    .map((_, i) => i)
    .sort((a, b) => {
      const x = records[a]!;
      const y = records[b]!;
      return (x.date === undefined ? 1 : 0) - (y.date === undefined ? 1 : 0) || compareCodeUnits(x.date ?? '', y.date ?? '') || compareCodeUnits(x.file, y.file) || (x.part ?? 0) - (y.part ?? 0) || a - b;
    });
}

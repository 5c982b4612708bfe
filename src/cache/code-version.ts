/**
 * Versions of the code, as hashes, for cache keys.
 *
 * A cached record is only as good as the code that made it: any change to the read,
 * extract or render stages (or to the record schema, the tool's version or the locked
 * dependency versions) must make every cached record stale. Hashing the source files
 * themselves catches an edit during development that does not bump the version.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCodeUnits } from '../site/code-units.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What an extracted record depends on: read → extract → Markdown rendering, the schema, and what is derived from the body with it (excerpt, similar and search profiles). */
export const EXTRACT_CODE = [
  'src/read',
  'src/extract',
  'src/render',
  'src/record.ts',
  'src/slug-pattern.ts',
  'src/pipeline/extract-one.ts',
  'src/site/excerpt.ts',
  'src/site/similar-profile.ts',
  'src/search/document-store.ts',
  'src/search/plain-text.ts',
  'src/search/profile.ts',
  'src/search/tokenize.ts',
  'package.json',
  'package-lock.json',
];
/** What a rendered page depends on besides its data: templates, styles, the site stage, Eleventy. */
export const RENDER_CODE = ['templates', 'public', 'src/site', 'package.json', 'package-lock.json'];
/** What the "similar articles" lists a build keeps for the next (src/site/similar.ts `SimilarMemory`) are made by: a memory of other code is not used. */
export const SIMILAR_CODE = ['src/site/similar.ts'];
/** What the search assets depend on besides the data (which topics have a page decides the topic filter's values). */
export const SEARCH_CODE = ['src/search', 'src/site/topics.ts', 'src/site/memo.ts', 'src/site/code-units.ts', 'package.json', 'package-lock.json'];

/**
 * Everything a build's output is made of: a build that finds these, the options and the
 * input as the last one left them skips the work (src/build.ts). The whole code, so
 * that a change to any stage (the slugs, the build's own steps) is never skipped.
 */
export const BUILD_CODE = ['src', 'templates', 'public', 'package.json', 'package-lock.json'];

const memo = new Map<string, string>();

/** sha256 over the relative paths and contents of every file below `entries` (files or folders), in path order. */
export function codeVersion(entries: readonly string[], root = PROJECT_ROOT): string {
  const memoKey = `${root}\0${entries.join('\0')}`;
  const known = memo.get(memoKey);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  for (const entry of entries) {
    for (const file of listFiles(path.join(root, entry))) {
      hash.update(path.relative(root, file).split(path.sep).join('/'));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  const version = hash.digest('hex');
  memo.set(memoKey, version);
  return version;
}

/** Forget the memoized versions: `serve` calls this when a file below src/, templates/ or public/ changes. */
export function forgetCodeVersions(): void {
  memo.clear();
}

function listFiles(target: string): string[] {
  let entries;
  try {
    entries = readdirSync(target, { withFileTypes: true, recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return [target];
    if (code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort(compareCodeUnits);
}

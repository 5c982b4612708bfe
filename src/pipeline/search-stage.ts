/**
 * The search stage, remembered: when the articles are what they were for the previous
 * output (same fingerprint, same search code), its search files are linked from there;
 * otherwise `writeSearchAssets` (src/search) writes them afresh.
 *
 * The search stage writes into a folder of its own inside the temporary site, and its
 * files are then moved into place: that is how the build learns which files it wrote,
 * whatever the search stage's layout (one index or many shards).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { codeVersion, SEARCH_CODE } from '../cache/code-version.ts';
import { writeSearchAssets } from '../search/index.ts';
import type { BodySource, SiteData } from '../site/types.ts';
import { linkOrCopy } from '../output-folder.ts';

const STAGING = '.search-staging';

export async function searchStage(
  data: SiteData,
  temp: string,
  articlesFingerprint: string,
  previous: { dir: string; search?: { fingerprint: string; files: string[] } } | undefined,
  bodyOf?: BodySource,
  options: { lunrIndex?: boolean } = {},
): Promise<{ fingerprint: string; files: string[]; reused: boolean }> {
  const fingerprint = createHash('sha1').update(codeVersion(SEARCH_CODE)).update('\0').update(articlesFingerprint).update(`\0${options.lunrIndex}`).digest('hex');
  if (previous?.search?.fingerprint === fingerprint) {
    try {
      await Promise.all(previous.search.files.map((file) => linkOrCopy(path.join(previous.dir, file), path.join(temp, file))));
      return { fingerprint, files: previous.search.files, reused: true };
    } catch {
      // A file is missing: write them all again (writeSearchAssets replaces any that were linked).
      await Promise.all(previous.search.files.map((file) => rm(path.join(temp, file), { force: true })));
    }
  }
  const staging = path.join(temp, STAGING);
  await writeSearchAssets(data, staging, bodyOf, options);
  const files = (await readdir(staging, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(staging, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  for (const file of files) {
    await mkdir(path.dirname(path.join(temp, file)), { recursive: true });
    await rename(path.join(staging, file), path.join(temp, file));
  }
  await rm(staging, { recursive: true, force: true });
  return { fingerprint, files, reused: false };
}

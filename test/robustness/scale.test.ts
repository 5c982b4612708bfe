/**
 * The two ends of the scale: an empty folder (a valid, empty archive) and 10,000 files
 * (tiny ones, so the suite stays fast; a third share one headline, the worst case for
 * unique slugs).
 */
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { build } from '../../src/build.ts';
import { articleSlugs, listFiles, readSiteFile, runCli, strayBeside, tempDir } from './helpers.ts';

const MANY = 10_000;
const PER_FOLDER = 500;

describe('scale', () => {
  test('an empty input folder: exit code 0 (also with --strict), a valid empty archive', async () => {
    const input = await tempDir('empty-in');
    const output = path.join(await tempDir('empty-out'), 'site');
    const run = await runCli(['build', '--input', input, '--output', output, '--strict'], { cwd: await tempDir('empty-cwd') });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^news-archive: built 0 article\(s\), \d+ page\(s\) into /m);
    const files = listFiles(output);
    for (const page of ['index.html', '404.html', 'archive/index.html', 'sources/index.html', 'search/index.html', 'feed.xml', 'feed.json', 'sitemap.xml']) {
      assert.ok(files.includes(page), page);
    }
    assert.deepEqual(articleSlugs(files), []);
    assert.deepEqual((JSON.parse(readSiteFile(output, 'feed.json')) as { items: unknown[] }).items, []);
    assert.match(readSiteFile(output, 'feed.xml'), /<feed [^>]*>[\s\S]*<\/feed>\s*$/);
    for (const file of files.filter((f) => f.startsWith('search/') && f.endsWith('.json'))) JSON.parse(readSiteFile(output, file));
  });

  test(`${MANY.toLocaleString('en')} files: every one built, slugs distinct and in file order`, async () => {
    const input = await tempDir('many-in');
    for (let folder = 0; folder < MANY / PER_FOLDER; folder++) {
      const dir = path.join(input, `batch-${String(folder).padStart(2, '0')}`);
      await mkdir(dir);
      await Promise.all(
        Array.from({ length: PER_FOLDER }, (_, i) => {
          const n = folder * PER_FOLDER + i;
          const headline = n % 3 === 0 ? 'Ferry notice for the island' : `Ferry notice number ${n} for the island`;
          return writeFile(path.join(dir, `${String(n).padStart(5, '0')}.txt`), `${headline}\n\n${1 + (n % 28)} May ${2000 + (n % 20)}\n\nThe ferry ${n} will not sail on Tuesday because of the storm, the harbour office said.\n`);
        }),
      );
    }
    const output = path.join(await tempDir('many-out'), 'site');
    const result = await build({ input, output, cache: false });
    assert.deepEqual(result.errors, []);
    assert.equal(result.articles, MANY);
    const slugs = articleSlugs(listFiles(output));
    assert.equal(slugs.length, MANY);
    // The 3,334 files with one headline: the first in path order keeps it, the rest count up.
    const shared = slugs.filter((s) => /^ferry-notice-for-the-island(?:-\d+)?$/.test(s));
    assert.equal(shared.length, Math.ceil(MANY / 3));
    assert.ok(shared.includes('ferry-notice-for-the-island') && shared.includes(`ferry-notice-for-the-island-${Math.ceil(MANY / 3)}`));
    const sitemap = readSiteFile(output, 'sitemap.xml');
    assert.equal((sitemap.match(/<loc>[^<]*\/articles\/[^<]*<\/loc>/g) ?? []).length, MANY);
    assert.deepEqual(strayBeside(output), []);
    // 20,000 files and more: not left behind in the temporary folder.
    await Promise.all([rm(input, { recursive: true, force: true }), rm(path.dirname(output), { recursive: true, force: true })]);
  });
});

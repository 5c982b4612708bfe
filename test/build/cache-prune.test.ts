/**
 * Pruning the record cache (src/cache/record-cache.ts `prune`, src/cache/usage.ts): a
 * build of one archive keeps what any archive built in the last month uses, the size cap
 * removes the least recently used entries first, two builds at once into one cache leave
 * each other's entries, and `news-archive cache` shows and clears the folder.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { build } from '../../src/build.ts';
import { DiskRecordCache, FRESH_ENTRY_MS, listEntries, PRUNE_INTERVAL_MS, type Extracted } from '../../src/cache/record-cache.ts';
import { USED_LIST_MAX_AGE_MS, type UsedList } from '../../src/cache/usage.ts';
import { extractOne } from '../../src/pipeline/extract-one.ts';
import { generateArticle } from '../../scripts/generate-corpus.ts';
import { PROJECT_ROOT, snapshotFolder, tempDir } from '../helpers/site-files.ts';

const run = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'bin', 'news-archive.js');
const SEED = 11;
/** Archive A: many articles; archive B: a sample of a few others. */
const MANY = 30;
const FEW = 3;
const HOUR = 3600 * 1000;

async function writeArticles(dir: string, from: number, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = from; i < from + count; i++) {
    const { file, text } = generateArticle(i, SEED);
    await writeFile(path.join(dir, file), text);
    files.push(file);
  }
  return files;
}

/** Set every file of the cache's records and used lists `ms` back in time: as if the builds so far ran that long ago. */
function age(cacheDir: string, ms: number): void {
  const when = new Date(Date.now() - ms);
  for (const part of ['records', 'used']) {
    const dir = path.join(cacheDir, part);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), when, when);
    }
  }
}

function assertSameFolder(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  assert.deepEqual([...actual.keys()], [...expected.keys()], 'the same files');
  for (const [file, bytes] of expected) assert.ok(actual.get(file)!.equals(bytes), `${file} differs`);
}

const entryKeys = (cacheDir: string) => new Set(listEntries(path.join(cacheDir, 'records')).map((e) => e.key));

describe('two archives built with one cache', () => {
  test('build A (many), build B (few), build A again: nothing of A is extracted again, and its site is byte-identical', async () => {
    const root = await tempDir('two-archives');
    const [a, b, cacheDir] = [path.join(root, 'a'), path.join(root, 'b'), path.join(root, 'cache')];
    await writeArticles(a, 0, MANY);
    await writeArticles(b, 1000, FEW);
    const outA = path.join(root, 'out-a', '_site');
    assert.equal((await build({ input: a, output: outA, cacheDir })).work!.extracted, MANY);
    const siteA = snapshotFolder(outA);
    // A was built this morning: its entries are no longer fresh, only its list keeps them.
    age(cacheDir, 2 * HOUR);
    assert.equal((await build({ input: b, output: path.join(root, 'out-b', '_site'), cacheDir })).work!.extracted, FEW);
    assert.equal(entryKeys(cacheDir).size, MANY + FEW, 'both archives\' entries are kept');
    // A's output is gone: only the cache can spare its extraction.
    await rm(path.join(root, 'out-a'), { recursive: true, force: true });
    assert.equal((await build({ input: a, output: outA, cacheDir })).work!.extracted, 0);
    assertSameFolder(snapshotFolder(outA), siteA);
  });

  test('an entry no list names goes (the old version of an edited article), and so do the entries of an archive not built for a month', async () => {
    const root = await tempDir('stale-entries');
    const [a, b, cacheDir] = [path.join(root, 'a'), path.join(root, 'b'), path.join(root, 'cache')];
    const files = await writeArticles(a, 0, MANY);
    await writeArticles(b, 1000, FEW);
    const outA = path.join(root, 'out-a', '_site');
    const outB = path.join(root, 'out-b', '_site');
    await build({ input: a, output: outA, cacheDir });
    const before = entryKeys(cacheDir);
    const edited = path.join(a, files[4]!);
    await writeFile(edited, (await readFile(edited, 'utf8')).replace(/\n\nShare on Facebook/, ' One more sentence.\n\nShare on Facebook'));
    await build({ input: a, output: outA, cacheDir });
    assert.equal(entryKeys(cacheDir).size, MANY + 1, 'the old version is fresh: kept for now');
    age(cacheDir, 2 * HOUR);
    await build({ input: b, output: outB, cacheDir });
    const after = entryKeys(cacheDir);
    assert.equal(after.size, MANY + FEW, 'the old version is gone');
    assert.equal([...before].filter((key) => !after.has(key)).length, 1);
    // A month and a day later, B is built again (changed): A's list has expired, and its entries go with it.
    age(cacheDir, USED_LIST_MAX_AGE_MS + 24 * HOUR);
    await writeArticles(b, 2000, 1);
    await build({ input: b, output: outB, cacheDir });
    assert.equal(entryKeys(cacheDir).size, FEW + 1);
    assert.equal(readdirSync(path.join(cacheDir, 'used')).length, 1, 'A\'s list is deleted');
  });

  test('an edit when a prune is due: the prune (in its thread, beside the last stages) takes the old version only after the search index was brought up to date from it', async () => {
    const root = await tempDir('prune-beside');
    const [a, cacheDir] = [path.join(root, 'a'), path.join(root, 'cache')];
    const files = await writeArticles(a, 0, MANY);
    const output = path.join(root, 'out', '_site');
    await build({ input: a, output, cacheDir });
    const before = entryKeys(cacheDir);
    // The archive was built two hours ago (its entries and the last prune): a prune is due, and the edited article's old version is stale as soon as no list names it.
    age(cacheDir, 2 * HOUR);
    const edited = path.join(a, files[4]!);
    await writeFile(edited, (await readFile(edited, 'utf8')).replace(/\n\nShare on Facebook/, ' One more sentence.\n\nShare on Facebook'));
    const result = await build({ input: a, output, cacheDir });
    // The search update reads the old version's terms to take them out: a prune before it would have made the build write the index anew.
    assert.equal(result.work!.searchUpdated, true, 'the search index was brought up to date');
    const after = entryKeys(cacheDir);
    assert.equal(after.size, MANY, 'the old version is gone');
    assert.deepEqual([...before].filter((key) => !after.has(key)).length, 1);
    const clean = path.join(root, 'clean', '_site');
    await build({ input: a, output: clean, cache: false });
    assertSameFolder(snapshotFolder(output), snapshotFolder(clean));
  });

  test('within PRUNE_INTERVAL_MS of a prune a build skips the next, unless its writes may pass half the cap', async () => {
    const root = await tempDir('prune-interval');
    const [a, cacheDir] = [path.join(root, 'a'), path.join(root, 'cache')];
    const files = await writeArticles(a, 0, FEW);
    const output = path.join(root, 'out', '_site');
    const edit = async (n: number) => {
      const file = path.join(a, files[0]!);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/\n\nShare on Facebook/, ` Edit ${n}.\n\nShare on Facebook`));
    };
    assert.ok('prune cache' in (await build({ input: a, output, cacheDir })).stages, 'the first build prunes');
    // An entry no list names, written two hours ago: the next prune removes it.
    const stale = path.join(cacheDir, 'records', 'ff', `${'f'.repeat(64)}.json`);
    const plant = async () => {
      await mkdir(path.dirname(stale), { recursive: true });
      await writeFile(stale, '[]');
      const then = new Date(Date.now() - 2 * HOUR);
      utimesSync(stale, then, then);
    };
    await plant();
    await edit(1);
    const skipped = await build({ input: a, output, cacheDir });
    assert.equal(skipped.work!.extracted, 1);
    assert.ok(!('prune cache' in skipped.stages), 'no prune a moment after one');
    assert.ok(existsSync(stale), 'so the stale entry is still there');
    // The last prune was longer ago than the interval.
    const marker = path.join(cacheDir, 'records', 'pruned');
    const longAgo = new Date(Date.now() - PRUNE_INTERVAL_MS - 1000);
    utimesSync(marker, longAgo, longAgo);
    await edit(2);
    assert.ok('prune cache' in (await build({ input: a, output, cacheDir })).stages);
    assert.ok(!existsSync(stale), 'the stale entry is gone');
    // A moment after that prune, a build whose writes pass half a small cap prunes too.
    await plant();
    await edit(3);
    assert.ok('prune cache' in (await build({ input: a, output, cacheDir, cacheMaxBytes: 1024 })).stages);
    assert.ok(!existsSync(stale));
  });

  test('a build that finds nothing changed marks its list as used now, and writes it when the cache has none (a cache from before the lists)', async () => {
    const root = await tempDir('touch-list');
    const [a, cacheDir] = [path.join(root, 'a'), path.join(root, 'cache')];
    await writeArticles(a, 0, FEW);
    const output = path.join(root, 'out', '_site');
    await build({ input: a, output, cacheDir });
    age(cacheDir, 2 * HOUR);
    const listFile = () => path.join(cacheDir, 'used', readdirSync(path.join(cacheDir, 'used'))[0]!);
    const before = statSync(listFile()).mtimeMs;
    assert.equal((await build({ input: a, output, cacheDir })).work!.extracted, 0);
    assert.ok(statSync(listFile()).mtimeMs > before + HOUR, 'touched');
    await rm(path.join(cacheDir, 'used'), { recursive: true });
    await build({ input: a, output, cacheDir });
    assert.equal((JSON.parse(await readFile(listFile(), 'utf8')) as { keys: string[] }).keys.length, FEW);
  });

  test('two builds at once into one cache: both sites are right, and neither takes the other\'s entries', async () => {
    const root = await tempDir('concurrent-builds');
    const [a, b, cacheDir] = [path.join(root, 'a'), path.join(root, 'b'), path.join(root, 'cache')];
    await writeArticles(a, 0, MANY);
    await writeArticles(b, 1000, FEW);
    // Clean builds to compare with.
    const clean = async (input: string, name: string) => {
      const output = path.join(root, `clean-${name}`, '_site');
      await build({ input, output, cache: false });
      return snapshotFolder(output);
    };
    const [cleanA, cleanB] = [await clean(a, 'a'), await clean(b, 'b')];
    // Entries of an earlier day, named by no list: each build's prune removes them while the other build writes its own.
    const stale = new DiskRecordCache(cacheDir);
    const value = extracted();
    for (let i = 0; i < 50; i++) await stale.put(i.toString(16).padStart(64, 'f'), value);
    age(cacheDir, 2 * HOUR);
    const cli = (input: string, output: string) => run(process.execPath, [CLI, 'build', '--input', input, '--output', output, '--cache-dir', cacheDir]);
    const outA = path.join(root, 'out-a', '_site');
    const outB = path.join(root, 'out-b', '_site');
    const [ranA, ranB] = await Promise.all([cli(a, outA), cli(b, outB)]);
    assert.match(ranA.stdout, new RegExp(`extracted ${MANY} of ${MANY}`));
    assert.match(ranB.stdout, new RegExp(`extracted ${FEW} of ${FEW}`));
    assertSameFolder(snapshotFolder(outA), cleanA);
    assertSameFolder(snapshotFolder(outB), cleanB);
    assert.equal(entryKeys(cacheDir).size, MANY + FEW, 'the stale entries are gone, both archives\' kept');
    // Into new folders: every record comes from the cache.
    assert.equal((await build({ input: a, output: path.join(root, 'again-a', '_site'), cacheDir })).work!.extracted, 0);
    assert.equal((await build({ input: b, output: path.join(root, 'again-b', '_site'), cacheDir })).work!.extracted, 0);
  });
});

/** One real entry's value (a file of one story). */
function extracted(): Extracted[] {
  const outcome = extractOne('a.txt', new TextEncoder().encode('A headline\n\nA first paragraph of the body, long enough to be one.'));
  assert.ok(outcome.ok);
  return outcome.value;
}

describe('the size cap', () => {
  test('removes the least recently used entries first, never a fresh one', async () => {
    const root = await tempDir('size-cap');
    const cacheDir = path.join(root, 'cache');
    const cache = new DiskRecordCache(cacheDir);
    const value = extracted();
    const key = (i: number) => i.toString(16).padStart(64, '0');
    for (let i = 1; i <= 6; i++) await cache.put(key(i), value);
    age(cacheDir, 5 * HOUR);
    const size = listEntries(path.join(cacheDir, 'records'))[0]!.size;
    const now = Date.now();
    // Three archives, last built three, two and one and a half hours ago.
    const lists: UsedList[] = [
      { input: '/x', output: '/x-out', keys: [key(1), key(2)], time: now - 3 * HOUR },
      { input: '/y', output: '/y-out', keys: [key(3), key(4)], time: now - 2 * HOUR },
      { input: '/z', output: '/z-out', keys: [key(5), key(6), key(2)].reverse(), time: now - 1.5 * HOUR },
    ];
    assert.deepEqual(await cache.prune({ lists, maxBytes: 6 * size, now }), { removed: 0, entries: 6, bytes: 6 * size }, 'under the cap: all named, all kept');
    // Key 2 is also named by the newest list: its last use is that list's.
    assert.deepEqual(await cache.prune({ lists, maxBytes: 5 * size, now }), { removed: 1, entries: 5, bytes: 5 * size });
    assert.deepEqual([...entryKeys(cacheDir)].sort(), [2, 3, 4, 5, 6].map(key));
    // A fresh entry (just written, named by no list) is never removed, even over the cap.
    await cache.put(key(7), value);
    assert.deepEqual(await cache.prune({ lists, maxBytes: 3 * size, now }), { removed: 3, entries: 3, bytes: 3 * size });
    assert.deepEqual([...entryKeys(cacheDir)].sort(), [5, 6, 7].map(key).sort(), 'the least recently used went first: 3 and 4, then 2');
    assert.equal((await cache.prune({ lists, maxBytes: 0, now: now + 2 * FRESH_ENTRY_MS })).entries, 0, 'once nothing is fresh, a zero cap removes everything');
  });

  test('--cache-max-size: a build removes the other archives\' least recently used entries, not its own', async () => {
    const root = await tempDir('size-cap-build');
    const [a, b, cacheDir] = [path.join(root, 'a'), path.join(root, 'b'), path.join(root, 'cache')];
    await writeArticles(a, 0, MANY);
    await writeArticles(b, 1000, FEW);
    await build({ input: a, output: path.join(root, 'out-a', '_site'), cacheDir });
    age(cacheDir, 2 * HOUR);
    await run(process.execPath, [CLI, 'build', '--input', b, '--output', path.join(root, 'out-b', '_site'), '--cache-dir', cacheDir, '--cache-max-size', '1KiB', '--quiet']);
    const left = listEntries(path.join(cacheDir, 'records'));
    assert.equal(left.length, FEW, 'only B\'s entries (fresh) are left');
  });
});

describe('news-archive cache', () => {
  test('shows the folder, its size and entries, and the archives; --clear deletes it', async () => {
    const root = await tempDir('cache-command');
    const [a, cacheDir] = [path.join(root, 'a'), path.join(root, 'cache')];
    await writeArticles(a, 0, FEW);
    await build({ input: a, output: path.join(root, 'out', '_site'), cacheDir });
    const shown = await run(process.execPath, [CLI, 'cache', '--cache-dir', cacheDir]);
    assert.match(shown.stdout, new RegExp(`cache folder: ${cacheDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    assert.match(shown.stdout, /^size: \d+(\.\d+)? (KiB|MiB) \(records /m);
    assert.match(shown.stdout, new RegExp(`^record entries: ${FEW}$`, 'm'));
    assert.match(shown.stdout, new RegExp(`→ .*out/_site: ${FEW} article file\\(s\\), last built \\d{4}-`));
    const cleared = await run(process.execPath, [CLI, 'cache', '--cache-dir', cacheDir, '--clear']);
    assert.match(cleared.stdout, /deleted the cache at/);
    assert.equal(existsSync(cacheDir), false);
    assert.match((await run(process.execPath, [CLI, 'cache', '--cache-dir', cacheDir])).stdout, /no cache at/);
  });

  test('--cache-max-size takes a size or says what one is', async () => {
    const root = await tempDir('cache-size-flag');
    await assert.rejects(run(process.execPath, [CLI, 'build', '--input', root, '--output', path.join(root, '_site'), '--cache-max-size', 'lots']), (error: { stderr: string }) => {
      assert.match(error.stderr, /a size such as 1GiB/);
      return true;
    });
  });
});

/**
 * The cache and incremental rebuilds: a rebuild writes exactly the bytes a clean build
 * writes, and reuses what did not change.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { build, Builder, DEFAULT_SITE, type BuildResult } from '../../src/build.ts';
import { codeVersion, EXTRACT_CODE } from '../../src/cache/code-version.ts';
import { DiskRecordCache, NO_CACHE, recordKey, recordKeyOf } from '../../src/cache/record-cache.ts';
import { RACY_MS, StatCache } from '../../src/cache/stat-cache.ts';
import { AHEAD_MAX_FILES, bodyFromCache, collectArticles, extractAhead, loadArticles, scanInput, type Scan } from '../../src/pipeline/collect.ts';
import type { ExtractJob } from '../../src/pipeline/extract-pool.ts';
import { extractOne } from '../../src/pipeline/extract-one.ts';
import { spareFolder } from '../../src/pipeline/build-state.ts';
import { chunkReader, groupPageCount, groupRuns, renderInThreads } from '../../src/pipeline/render-pool.ts';
import { listSpares } from '../../src/pipeline/spare-files.ts';
import type { ArticleRecord } from '../../src/record.ts';
import { pagesOfGroups } from '../../src/site/listing-pages.ts';
import type { ArticlePage } from '../../src/site/types.ts';
import { toSiteData } from '../../src/site/site-data.ts';
import { generateArticle } from '../../scripts/generate-corpus.ts';
import { assertPoolExtractsAsMainThread } from '../helpers/extraction.ts';
import { listFiles, PROJECT_ROOT, readSiteFile, snapshotFolder, STORIES_PAGE, tempDir } from '../helpers/site-files.ts';

const run = promisify(execFile);

/** Enough generated articles for several years, sources and pager chains; few enough to build in seconds. */
const ARTICLES = 24;
/** Articles added at once by the command's rebuilds test: enough pages for two render threads. */
const BATCH = 60;
const SEED = 7;

async function writeCorpus(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const { file, text } = generateArticle(i, SEED);
    await writeFile(path.join(dir, file), text);
    files.push(file);
  }
  return files;
}

/** A temporary folder for an archive that is rebuilt: its articles, output and cache folders inside. */
async function archiveFolders(name: string): Promise<{ root: string; input: string; output: string; cacheDir: string }> {
  const root = await tempDir(name);
  return { root, input: path.join(root, 'articles'), output: path.join(root, 'out', '_site'), cacheDir: path.join(root, 'cache') };
}

/** A clean build of `input` (fresh cache, fresh output) to compare a rebuild with. */
async function cleanBuild(input: string, root: string, name: string, options: { searchSegmentDocs?: number } = {}): Promise<Map<string, Buffer>> {
  const output = path.join(root, `clean-${name}`, '_site');
  await build({ input, output, cache: false, ...options });
  return snapshotFolder(output);
}

function assertSameFolder(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  assert.deepEqual([...actual.keys()], [...expected.keys()], 'the same files');
  for (const [file, bytes] of expected) assert.ok(actual.get(file)!.equals(bytes), `${file} differs from a clean build`);
}

describe('incremental rebuilds', () => {
  let root: string;
  let input: string;
  let output: string;
  let cacheDir: string;
  let files: string[];
  let first: BuildResult;
  const rebuild = () => build({ input, output, cacheDir });

  before(async () => {
    ({ root, input, output, cacheDir } = await archiveFolders('incremental'));
    files = await writeCorpus(input);
    first = await rebuild();
  });

  test('a cold build extracts and renders everything', () => {
    assert.equal(first.files, ARTICLES);
    // Generated bodies are random words, which the story segmenter may cut into several stories: each one a page.
    assert.ok(first.articles >= ARTICLES);
    assert.deepEqual(first.work, { extracted: ARTICLES, renderedArticlePages: first.articles, searchReused: false });
  });

  test('nothing changed: nothing is extracted or rendered again, and the site is byte-identical', async () => {
    const before = snapshotFolder(output);
    const again = await rebuild();
    assert.deepEqual(again.work, { extracted: 0, renderedArticlePages: 0, searchReused: true });
    assertSameFolder(snapshotFolder(output), before);
  });

  test('one body changed: that file is extracted again, and the site is what a clean build writes', async () => {
    const file = path.join(input, files[5]!);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/\n\nShare on Facebook/, ' An unmistakable added sentence.\n\nShare on Facebook'));
    const result = await rebuild();
    assert.equal(result.work!.extracted, 1);
    assert.ok(result.work!.renderedArticlePages < ARTICLES, 'unchanged pages are not rendered again');
    assert.equal(result.work!.searchReused, false);
    assert.equal(result.work!.searchUpdated, true, 'the index is brought up to date, not written anew');
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'body'));
    const pages = listFiles(output).filter((f) => /^articles\/[^/]+\/index\.html$/.test(f));
    assert.ok(pages.some((f) => readSiteFile(output, f).includes('An unmistakable added sentence.')), 'the new text is in the site');
  });

  test('words of a body swapped, replaced and a paragraph cut (the search index changes only where they were): same bytes as a clean build', async () => {
    const file = path.join(input, files[6]!);
    const paragraphs = (await readFile(file, 'utf8')).split('\n\n');
    const body = paragraphs.findIndex((p) => p.split(' ').length > 40);
    const words = paragraphs[body]!.split(' ');
    [words[3], words[4]] = [words[4]!, words[3]!];
    paragraphs[body] = words.join(' ');
    await writeFile(file, paragraphs.join('\n\n'));
    let result = await rebuild();
    assert.equal(result.work!.searchUpdated, true);
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'swapped'));
    words[10] = 'zeppelinade';
    paragraphs[body] = words.join(' ');
    await writeFile(file, paragraphs.join('\n\n'));
    result = await rebuild();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'replaced'));
    await writeFile(file, paragraphs.filter((_, i) => i !== body).join('\n\n'));
    await rebuild();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'cut'));
  });

  test('a date changed (the article moves in the archive order and its neighbours change): same bytes as a clean build', async () => {
    const file = path.join(input, files[9]!);
    await writeFile(file, `---\ndate: 1990-01-02\n---\n${await readFile(file, 'utf8')}`);
    await rebuild();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'date'));
  });

  test('a headline changed (the neighbours show it in their pagers): same bytes as a clean build', async () => {
    const file = path.join(input, files[12]!);
    await writeFile(file, `---\ntitle: A headline set by the archivist\n---\n${await readFile(file, 'utf8')}`);
    const result = await rebuild();
    assert.ok(result.work!.renderedArticlePages >= 3, 'the page and its two neighbours');
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'title'));
  });

  test('a language set by the archivist (the page is in it, and its neighbours mark its title in their pagers): same bytes as a clean build', async () => {
    const file = path.join(input, files[15]!);
    await writeFile(file, `---\nlanguage: pt\n---\n${await readFile(file, 'utf8')}`);
    const result = await rebuild();
    assert.ok(result.work!.renderedArticlePages >= 3, 'the page and its two neighbours');
    const site = snapshotFolder(output);
    assert.ok([...site].some(([name, bytes]) => name.endsWith('index.html') && bytes.toString().includes('<span class="pager-title" lang="pt">')), 'a neighbour marks the title');
    assertSameFolder(site, await cleanBuild(input, root, 'language'));
  });

  test('a file added and another removed: same bytes as a clean build', async () => {
    await rm(path.join(input, files[3]!));
    const { file, text } = generateArticle(ARTICLES + 1, SEED);
    await writeFile(path.join(input, file), text);
    await rebuild();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'added'));
  });

  test('a file renamed: same bytes as a clean build (its page and source text are written again)', async () => {
    const from = path.join(input, files[7]!);
    const to = path.join(input, `renamed-${files[7]!}`);
    await rename(from, to);
    const result = await rebuild();
    assert.equal(result.work!.extracted, 1, 'the key names the path');
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'renamed'));
    await rename(to, from);
  });

  test('an undated article added, then removed (the year pages link to the undated page only when there is one): same bytes as a clean build', async () => {
    const undated = path.join(input, 'zz-undated.txt');
    await writeFile(undated, ['A report that names no date anywhere on its page', '', ...generateArticle(90, SEED).text.split('\n').filter((line) => line.length > 200)].join('\n\n'));
    const added = await rebuild();
    assert.ok(added.warnings.some((w) => w.file === 'zz-undated.txt'), 'it is undated');
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'undated-added'));
    await rm(undated);
    await rebuild();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'undated-removed'));
  });

  test('a source renamed (its page goes, another comes) and the newest article changed (home, feeds): same bytes as a clean build', async () => {
    const file = path.join(input, files[1]!);
    await writeFile(file, `---\nsource: A Publisher Nobody Else Has\ndate: 2031-05-06\n---\n${await readFile(file, 'utf8')}`);
    await rebuild();
    assert.ok(listFiles(output).some((f) => f.startsWith('sources/a-publisher-nobody-else-has/')));
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'source'));
  });

  test('the day\'s articles added, newer than all (the index appends their postings): same bytes as a clean build', async () => {
    for (let i = 0; i < 3; i++) {
      const { file, text } = generateArticle(ARTICLES + 10 + i, SEED, { date: new Date(Date.UTC(2032, 2, 3)) });
      await writeFile(path.join(input, file), text);
    }
    const result = await rebuild();
    assert.equal(result.work!.searchUpdated, true);
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'day'));
  });

  test('an output folder replaced by something else is not trusted: every page is rendered', async () => {
    const other = path.join(root, 'other', '_site');
    await build({ input, output: other, cache: false });
    // Both folders exist at once, so the one now at `output` has another inode.
    await rename(output, `${output}-old`);
    await rename(other, output);
    await rm(`${output}-old`, { recursive: true });
    const result = await rebuild();
    assert.equal(result.work!.renderedArticlePages, result.articles, 'a folder the manifest does not describe: every page rendered');
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'replaced'));
  });

  test('serve: a changed page is rewritten in place first, then the full rebuild matches a clean build', async () => {
    const builder = new Builder({ input, output, cacheDir }, { persistent: true });
    await builder.build();
    const file = path.join(input, files[15]!);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n\nShare on Facebook/, ' Previewed words.\n\nShare on Facebook'));
    assert.equal((await builder.preview([file])).pages, 1, 'told which file changed, as serve does');
    assert.equal((await builder.preview()).pages, 1, 'or finding it by looking at every file');
    const pages = listFiles(output).filter((f) => f.endsWith('/index.html') && f.startsWith('articles/'));
    assert.ok(pages.some((f) => readSiteFile(output, f).includes('Previewed words.')), 'the page shows the new text before the full rebuild');
    const result = await builder.build();
    assert.equal(result.work!.extracted, 0, 'extracted once, by the preview');
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'serve'));
  });

  test('serve: a change previewed and undone before the rebuild: the rebuild puts the page back (the preview marked it unknown)', async () => {
    const builder = new Builder({ input, output, cacheDir }, { persistent: true });
    await builder.build();
    const file = path.join(input, files[16]!);
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/\n\nShare on Facebook/, ' Words taken back.\n\nShare on Facebook'));
    assert.equal((await builder.preview([file])).pages, 1);
    const marked = readdirSync(path.join(cacheDir, 'outputs')).filter((name) => name.endsWith('.dirty.json'));
    assert.equal(marked.length, 1, 'the preview names its page in a file beside the state');
    await writeFile(file, original);
    await builder.build();
    assert.ok(!listFiles(output).some((f) => f.endsWith('/index.html') && readSiteFile(output, f).includes('Words taken back.')), 'the previewed words are gone');
    assert.deepEqual(readdirSync(path.join(cacheDir, 'outputs')).filter((name) => name.endsWith('.dirty.json')), [], 'the full build retires the list');
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'serve-undone'));
  });
});

/**
 * The invented page of three stories (test/fixtures/stories) and versions of it with
 * fewer: the lines of the stories left out, or the page kept whole by its front matter.
 */
function storyPages(): Record<'three' | 'two' | 'one' | 'whole', string> {
  const three = readFileSync(STORIES_PAGE, 'utf8');
  const lines = three.split('\n');
  const at = (start: string) => lines.findIndex((line) => line.startsWith(start));
  const [race, bridge, end] = [at('Cyclists'), at('Engineers'), at('Share this page')];
  return {
    three,
    two: [...lines.slice(0, bridge), ...lines.slice(end)].join('\n'),
    one: [...lines.slice(0, race), ...lines.slice(end)].join('\n'),
    whole: `---\nsplit: false\n---\n${three}`,
  };
}

describe('incremental rebuilds of a search index in two segments', () => {
  // Blocks of 8 documents: the generated corpus (24 files, some of several stories) fills a few, and the day's articles cross into the next.
  const SEGMENT_DOCS = 8;
  let root: string;
  let input: string;
  let output: string;
  let cacheDir: string;
  let files: string[];
  const rebuild = () => build({ input, output, cacheDir, searchSegmentDocs: SEGMENT_DOCS });
  const clean = (name: string) => cleanBuild(input, root, name, { searchSegmentDocs: SEGMENT_DOCS });
  const manifest = () => JSON.parse(readSiteFile(output, 'search/manifest.json')) as { docCount: number; segments: Array<{ start: number; chunks: string[] }> };
  /** Inode of each file of the first segment's chunks: a file left in place keeps it. */
  const firstSegmentFiles = () => new Map(listFiles(output).filter((f) => /^search\/(terms|positions)\//.test(f)).map((f) => [f, statSync(path.join(output, f)).ino]));
  let day = 0;
  const addDay = async (count: number) => {
    day++;
    for (let i = 0; i < count; i++) {
      const { file, text } = generateArticle(1000 + day * 10 + i, SEED, { date: new Date(Date.UTC(2033, 0, day)) });
      await writeFile(path.join(input, file), text);
    }
  };

  before(async () => {
    ({ root, input, output, cacheDir } = await archiveFolders('incremental-segments'));
    files = await writeCorpus(input);
    await rebuild();
  });

  /** A search document's day, from its file (undefined: undated). */
  const dayOf = (doc: number) => (JSON.parse(readSiteFile(output, `search/docs/${doc}.json`)) as { date?: string }).date?.slice(0, 10);
  /** The cut is the last multiple of the block, moved back to the first document of the day before it. */
  const assertCut = () => {
    const { docCount, segments } = manifest();
    const multiple = Math.floor(docCount / SEGMENT_DOCS) * SEGMENT_DOCS;
    const cut = segments[1]!.start;
    assert.equal(segments.length, 2);
    assert.equal(segments[0]!.start, 0);
    assert.ok(cut <= multiple, `the cut ${cut} is not past the multiple ${multiple}`);
    for (let doc = cut; doc < multiple; doc++) assert.equal(dayOf(doc), dayOf(multiple - 1), `document ${doc} is of the day before the multiple`);
    if (cut > 0 && cut < multiple) assert.notEqual(dayOf(cut - 1), dayOf(cut), 'the cut falls between two days');
    return cut;
  };

  test('the cold build cuts the documents at the last multiple of the block (moved back to the first of that day), and is what a clean build writes', async () => {
    const { segments } = manifest();
    assertCut();
    assert.ok(segments[0]!.chunks.length > 0);
    assertSameFolder(snapshotFolder(output), await clean('segments-cold'));
  });

  test('the day\'s articles within the block change only the second segment; past it, the first takes the second in: each rebuild is what a clean build writes', async () => {
    let crossed = 0;
    let within = 0;
    while (crossed < 2) {
      const before = manifest();
      const firstBefore = firstSegmentFiles();
      await addDay(1);
      const result = await rebuild();
      assert.equal(result.work!.searchUpdated, true, 'brought up to date, not written anew');
      const after = manifest();
      if (after.segments[1]!.start === before.segments[1]!.start) {
        within++;
        assert.deepEqual(after.segments[0], before.segments[0]);
        assert.deepEqual(firstSegmentFiles(), firstBefore, 'the first segment\'s files are left in place');
      } else {
        crossed++;
        assertCut();
        assert.ok(after.segments[1]!.start > before.segments[1]!.start);
      }
      assertSameFolder(snapshotFolder(output), await clean(`segments-day-${day}`));
    }
    assert.ok(within > 0, 'some days stayed within a block');
  });

  test('a second batch of the newest day, numbered among the first (the day crosses a multiple of the block): the first segment is left as it was, and the rebuild is what a clean build writes', async () => {
    // A day of articles past the next multiple: the cut moves back to its first one.
    const count = SEGMENT_DOCS - (manifest().docCount % SEGMENT_DOCS) + 2;
    await addDay(count);
    await rebuild();
    const cut = assertCut();
    assert.equal(dayOf(cut), dayOf(manifest().docCount - 1), 'the second segment holds the whole day');
    const before = manifest();
    const firstBefore = firstSegmentFiles();
    // More articles of the same day: their slugs sort among the first batch's, so documents of that day take other numbers.
    for (let i = 0; i < 3; i++) {
      const { file, text } = generateArticle(5000 + day * 10 + i, SEED, { date: new Date(Date.UTC(2033, 0, day)) });
      await writeFile(path.join(input, file), text);
    }
    const result = await rebuild();
    assert.equal(result.work!.searchUpdated, true, 'brought up to date, not written anew');
    const after = manifest();
    assert.equal(assertCut(), cut, 'the cut stays before the day');
    assert.deepEqual(after.segments[0], before.segments[0]);
    assert.deepEqual(firstSegmentFiles(), firstBefore, 'the first segment\'s files are left in place');
    assertSameFolder(snapshotFolder(output), await clean('segments-second-batch'));
  });

  test('an old article edited (the first segment), an older one added (every number after it moves), and the newest removed (the cut moves back): each rebuild is what a clean build writes', async () => {
    const file = path.join(input, files[2]!);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n\nShare on Facebook/, ' A zeppelinade sentence for the first segment.\n\nShare on Facebook'));
    await rebuild();
    assertSameFolder(snapshotFolder(output), await clean('segments-edit'));
    const { file: older, text } = generateArticle(2000, SEED, { date: new Date(Date.UTC(1999, 5, 1)) });
    await writeFile(path.join(input, older), text);
    await rebuild();
    assertSameFolder(snapshotFolder(output), await clean('segments-older'));
    const newest = readdirSync(input).filter((f) => f.startsWith('article-001')).sort().reverse();
    const before = manifest().segments[1]!.start;
    for (const name of newest) {
      await rm(path.join(input, name));
      await rebuild();
      if (manifest().segments[1]!.start < before) break;
    }
    assert.ok(manifest().segments[1]!.start < before, 'the cut moved back');
    assertSameFolder(snapshotFolder(output), await clean('segments-removed'));
  });
});

describe('incremental rebuilds of a page of several stories', () => {
  let root: string;
  let input: string;
  let output: string;
  let cacheDir: string;
  const pages = storyPages();
  const rebuild = () => build({ input, output, cacheDir });
  /** The article folders of the stories page: each story's slug, and whether it holds source.txt. */
  const storyFolders = () => {
    const files = listFiles(output);
    return files
      .filter((f) => /^articles\/[^/]+\/index\.html$/.test(f) && readSiteFile(output, f).includes('>news-in-brief.txt</a>'))
      .map((f) => `${f.split('/')[1]}${files.includes(f.replace('index.html', 'source.txt')) ? ' +source' : ''}`)
      .sort();
  };

  before(async () => {
    ({ root, input, output, cacheDir } = await archiveFolders('incremental-stories'));
    await writeCorpus(input);
    await writeFile(path.join(input, 'news-in-brief.txt'), pages.three);
    await rebuild();
  });

  test('the page builds to three stories; its count changes on edit (3 → 2 → 1 → 3) and by front matter (split: false): each rebuild is what a clean build writes', async () => {
    assert.deepEqual(storyFolders(), [
      'cyclists-from-nineteen-countries-have-gathered-in-dunmore-for-the-mountain-race',
      'engineers-have-closed-the-harwick-swing-bridge-after-divers-found-cracks-in-one',
      'volunteers-in-millbrook-have-reopened-the-town-library-three-years-after-a-flood +source',
    ]);
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'stories-3'));
    const file = path.join(input, 'news-in-brief.txt');
    let previous = { count: 3, articles: (await rebuild()).articles };
    for (const [version, count] of [['two', 2], ['one', 1], ['three', 3], ['whole', 1], ['three', 3]] as const) {
      await writeFile(file, pages[version]);
      const result = await rebuild();
      // A version met before comes from the record cache.
      assert.ok(result.work!.extracted <= 1, version);
      assert.equal(storyFolders().length, count, `${version}: ${count} stories`);
      assert.equal(result.articles - previous.articles, count - previous.count, `${version}: the archive's article count follows`);
      assert.equal(storyFolders().filter((f) => f.endsWith('+source')).length, 1, `${version}: one source text`);
      assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, `stories-${version}-${count}`));
      previous = { count, articles: result.articles };
    }
  });

  test('the page renamed, then removed: same bytes as a clean build', async () => {
    await rename(path.join(input, 'news-in-brief.txt'), path.join(input, 'brief-renamed.txt'));
    const renamed = await rebuild();
    assert.equal(renamed.work!.extracted, 1, 'the key names the path');
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'stories-renamed'));
    await rename(path.join(input, 'brief-renamed.txt'), path.join(input, 'news-in-brief.txt'));
    await rebuild();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'stories-back'));
    await rm(path.join(input, 'news-in-brief.txt'));
    await rebuild();
    assert.deepEqual(storyFolders(), []);
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'stories-removed'));
    await writeFile(path.join(input, 'news-in-brief.txt'), pages.three);
    await rebuild();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'stories-added'));
  });

  test('serve: an edit inside a story rewrites the three pages in place first; a change of the story count waits for the full rebuild, which matches a clean build', async () => {
    const builder = new Builder({ input, output, cacheDir }, { persistent: true });
    await builder.build();
    const file = path.join(input, 'news-in-brief.txt');
    await writeFile(file, pages.three.replace('at no charge.', 'at no charge, and previewed.'));
    assert.equal((await builder.preview([file])).pages, 3, 'the story edited and its two siblings (they share the page)');
    assert.ok(listFiles(output).some((f) => f.endsWith('/index.html') && readSiteFile(output, f).includes('previewed.')));
    await builder.build();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'stories-serve-edit'));
    await writeFile(file, pages.two);
    assert.deepEqual(await builder.preview([file]), { pages: 0, reason: 'news-in-brief.txt holds another number of stories' });
    await builder.build();
    assertSameFolder(snapshotFolder(output), await cleanBuild(input, root, 'stories-serve-count'));
  });
});

describe('the record cache', () => {
  test('--no-cache neither reads nor writes the cache folder', async () => {
    const root = await tempDir('no-cache');
    const input = path.join(root, 'articles');
    await writeCorpus(input);
    const cacheDir = path.join(root, 'cache');
    const result = await build({ input, output: path.join(root, '_site'), cache: false, cacheDir });
    assert.equal(result.work!.extracted, ARTICLES);
    assert.equal(existsSync(cacheDir), false);
  });

  test('an unchanged article is taken from the cache, not extracted again', async () => {
    const root = await tempDir('cache-hit');
    const input = path.join(root, 'articles');
    const [file] = await writeCorpus(input);
    const cacheDir = path.join(root, 'cache');
    await build({ input, output: path.join(root, '_site'), cacheDir });
    // Plant a different record under the first file's key: a build that trusts the cache shows it.
    const key = recordKey(file!, await readFile(path.join(input, file!)));
    const cache = new DiskRecordCache(cacheDir);
    const [entry] = (await cache.get(key))!;
    await cache.put(key, [{ ...entry!, record: { ...entry!.record, title: 'Planted in the cache' } }]);
    // Into another folder: the first one is up to date, and would be left as it is.
    const again = await build({ input, output: path.join(root, 'again', '_site'), cacheDir });
    assert.equal(again.work!.extracted, 0);
    assert.match(readSiteFile(path.join(root, 'again', '_site'), 'index.html'), /Planted in the cache/);
  });

  // Made in one call on the joined text: the same key as a Hash updated part by part (as the code before did), so existing caches stay good.
  test('a record key is the SHA-256 of the code version, the path and the content hash, each after a NUL', () => {
    const file = 'Ljubljana/članek — 1.txt';
    const expected = createHash('sha256').update('v1').update('\0').update(file).update('\0').update('abc123').digest('hex');
    assert.equal(recordKeyOf(file, 'abc123', 'v1'), expected);
  });

  test('the key changes with the bytes, the path and the code version', () => {
    const bytes = new TextEncoder().encode('A headline\n\nA body.');
    const key = recordKey('a.txt', bytes, 'v1');
    assert.notEqual(recordKey('a.txt', new TextEncoder().encode('A headline\n\nA body!'), 'v1'), key);
    assert.notEqual(recordKey('b.txt', bytes, 'v1'), key);
    assert.notEqual(recordKey('a.txt', bytes, 'v2'), key);
    assert.equal(recordKey('a.txt', bytes, 'v1'), key);
  });

  // A module the extractor runs but EXTRACT_CODE leaves out could change without the cached records going stale.
  test('the extractor\'s code version covers every module extract-one.ts imports, at any depth', () => {
    const covered = (file: string) => EXTRACT_CODE.some((entry) => file === entry || file.startsWith(`${entry}/`));
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      // Imports of values (a type-only import runs nothing), and re-exports.
      for (const [, specifier] of source.matchAll(/^(?:import|export) (?!type )[^;]*?from '(\.{1,2}\/[^']+)'/gms)) visit(path.posix.join(path.posix.dirname(file), specifier!));
    };
    visit('src/pipeline/extract-one.ts');
    assert.ok(seen.size > 20, `${seen.size} modules`);
    assert.deepEqual([...seen].filter((file) => !covered(file)), []);
  });

  test('the code version changes when a source file of the extractor changes or is added', async () => {
    const root = await tempDir('code-version');
    await mkdir(path.join(root, 'src/extract'), { recursive: true });
    await writeFile(path.join(root, 'src/extract/a.ts'), 'export const a = 1;');
    await writeFile(path.join(root, 'package.json'), '{"version":"1.0.0"}');
    const v1 = codeVersion(EXTRACT_CODE, root);
    await writeFile(path.join(root, 'package.json'), '{"version":"1.0.1"}');
    const { forgetCodeVersions } = await import('../../src/cache/code-version.ts');
    forgetCodeVersions();
    const v2 = codeVersion(EXTRACT_CODE, root);
    await writeFile(path.join(root, 'src/extract/b.ts'), 'export const b = 2;');
    forgetCodeVersions();
    const v3 = codeVersion(EXTRACT_CODE, root);
    assert.equal(new Set([v1, v2, v3]).size, 3);
  });

  test('worker threads extract exactly what the main thread extracts', async () => {
    await assertPoolExtractsAsMainThread(130, SEED);
  });
});

describe('bodies let go and read back from the cache (a large archive)', () => {
  test('give the same site, byte for byte, cold and warm', async () => {
    const root = await tempDir('bodies');
    const input = path.join(root, 'articles');
    await writeCorpus(input);
    const expected = await cleanBuild(input, root, 'kept');
    const cacheDir = path.join(root, 'cache');
    // A limit of 0 bytes: every body is let go, as it is beyond `BODY_MEMORY_BYTES` of article files.
    const cold = path.join(root, 'cold', '_site');
    await build({ input, output: cold, cacheDir, bodyMemoryBytes: 0 });
    assertSameFolder(snapshotFolder(cold), expected);
    const warm = path.join(root, 'warm', '_site');
    const again = await build({ input, output: warm, cacheDir, bodyMemoryBytes: 0 });
    assert.equal(again.work!.extracted, 0, 'every record from the cache');
    assertSameFolder(snapshotFolder(warm), expected);
  });

  test('a record that went missing from the cache is an error that names the file, not an empty page', async () => {
    const emptied = { keepsRecords: true, get: async () => undefined, getSync: () => undefined, put: async () => {} };
    const extracted = { record: {} as ArticleRecord, bodyHtml: '', excerpt: '', profile: '', search: '', searchText: '' };
    await assert.rejects(bodyFromCache({ file: 'a.txt', key: 'k', extracted }, emptied), /^Error: a\.txt: its record went missing from the cache/);
  });
});

describe('pages rendered in worker threads', () => {
  test('article, year, month, source and topic pages are byte for byte the pages Eleventy writes in one run', async () => {
    const root = await tempDir('render-pool');
    const input = path.join(root, 'articles');
    await writeCorpus(input);
    // An undated article: the year pages link to the undated page.
    await writeFile(path.join(input, 'zz-undated.txt'), ['A report that names no date anywhere on its page', '', ...generateArticle(90, SEED).text.split('\n').filter((line) => line.length > 200)].join('\n\n'));
    // An article in Portuguese: its teasers carry its language (the site's is English).
    cpSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'languages', 'pt-harbour-ferry.txt'), path.join(input, 'pt-harbour-ferry.txt'));
    const output = path.join(root, '_site');
    await build({ input, output, cache: false });
    const records = (await collectArticles(input, NO_CACHE)).articles.map((a) => a.extracted);
    const data = toSiteData(
      records.map((r) => r.record),
      new Map(records.map((r) => [r.record.slug, r.bodyHtml])),
      { ...DEFAULT_SITE, pathPrefix: '/' },
      // Collected records come without their body Markdown: what is derived from it comes with them.
      new Map(records.map((r) => [r.record.slug, { excerpt: r.excerpt, profile: r.profile }])),
    );
    const groups = { years: data.years, months: data.months!, sources: pagesOfGroups(data.sources), topics: pagesOfGroups(data.topics!) };
    assert.ok(groups.years.length > 1 && groups.months.length > 1 && groups.sources.length > 1 && groups.topics.length > 5, 'every kind of group, several runs of each');
    assert.ok(data.undated.length > 0, 'a year page links to the undated articles');
    const pooled = path.join(root, 'pooled');
    const { pages: written, threads } = await renderInThreads(data, pooled, data.articles, groups, { workers: 2, chunk: 5 });
    assert.equal(written, data.articles.length + groupPageCount(groups));
    assert.equal(threads, 2);
    const files = listFiles(pooled);
    assert.equal(files.length, written);
    for (const file of files) assert.equal(readSiteFile(pooled, file), readSiteFile(output, file), file);
  });

  test('year, month, source and topic pages are cut into runs by page count and by teasers', () => {
    const group = (url: string, articles: number) => ({ url, articles: Array.from({ length: articles }) }) as never;
    const runs = groupRuns({ years: [group('y1', 3)], months: [group('m1', 2), group('m2', 1)], sources: [group('s1', 9), group('s2', 1)], topics: [group('t1', 1), group('t2', 1), group('t3', 1)] }, 3, 6);
    const urls = runs.map((run) => [...run.years, ...run.months, ...run.sources, ...run.topics].map((g) => g.url).join(' '));
    // 3 + 2 + 1 = 6 teasers; a page of more than the limit goes alone; then at most 3 pages a run.
    assert.deepEqual(urls, ['y1 m1 m2', 's1', 's2 t1 t2', 't3']);
  });

  test('are cut into runs by page count and by body size, so a run of huge articles stays small', async () => {
    const page = (slug: string, chars: number) => ({ slug, bodyHtml: 'x'.repeat(chars) }) as ArticlePage;
    const slugs = async (reader: ReturnType<typeof chunkReader>) => {
      // Asked for all at once, as the render threads do: the runs still come whole and in order.
      const runs = await Promise.all(Array.from({ length: 6 }, () => reader.take()));
      return runs.filter((run) => run !== undefined).map((run) => run.map((p) => p.slug).join(''));
    };
    const typical = 'abcdefg'.split('').map((s) => page(s, 10));
    assert.deepEqual(await slugs(chunkReader(typical, 3, 1000)), ['abc', 'def', 'g']);
    // 40 + 40 > 60: a new run; a page bigger than the limit goes alone.
    assert.deepEqual(await slugs(chunkReader([page('a', 40), page('b', 40), page('c', 10), page('d', 500), page('e', 1)], 10, 60)), ['a', 'bc', 'd', 'e']);
    // Bodies kept elsewhere are fetched as their runs are made.
    const bare = 'abcd'.split('').map((s) => page(s, 0));
    const bodies = await slugs(chunkReader(bare, 10, 60, async (p) => ({ bodyHtml: p.slug === 'c' ? 'x'.repeat(100) : 'y'.repeat(20), removed: [], captions: [], related: [] })));
    assert.deepEqual(bodies, ['ab', 'c', 'd']);
  });
});

describe('files extracted ahead (before the previous state is read)', () => {
  /** Later than any file of the test was written: every file is old enough to be remembered. */
  const later = () => Date.now() + 10 * RACY_MS;
  /** An extractor that marks what it extracts, and the files it was sent. */
  const markingPool = () => {
    const sent: string[] = [];
    return {
      sent,
      extractAll: async (jobs: ExtractJob[], options: { onOutcome?: (index: number, outcome: ReturnType<typeof extractOne>) => void | Promise<void> } = {}) => {
        // As extract-pool.ts `extractAll`: the outcomes go to `onOutcome` when there is one, else come back in job order.
        const outcomes: ReturnType<typeof extractOne>[] = [];
        for (const [i, job] of jobs.entries()) {
          sent.push(job.file);
          const outcome = extractOne(job.file, typeof job.bytes === 'function' ? await job.bytes() : job.bytes);
          if (outcome.ok) outcome.value = outcome.value.map((story) => ({ ...story, record: { ...story.record, title: `${story.record.title} (ahead)` } }));
          if (options.onOutcome) await options.onOutcome(i, outcome);
          else outcomes.push(outcome);
        }
        return outcomes;
      },
    };
  };

  test('an edited file the cache lacks goes to the extractor after the scan, and the articles take its outcome under the key of its bytes', async () => {
    const root = await tempDir('ahead');
    const input = path.join(root, 'articles');
    const [a, b] = await writeCorpus(input);
    const cache = new DiskRecordCache(path.join(root, 'cache'));
    const stats = await StatCache.load(undefined, input);
    // The first build: every file read and hashed, more than a few: none goes ahead.
    const first = await scanInput(input, stats, { now: later() });
    assert.ok(first.files.length > AHEAD_MAX_FILES);
    assert.equal(extractAhead(first, cache, markingPool()), undefined);
    await loadArticles(first, cache);
    // a edited, b touched (its stat changes, its bytes and their record stay): only a is sent.
    const text = await readFile(path.join(input, a!), 'utf8');
    await writeFile(path.join(input, a!), text.replace('Share on Facebook', 'Share on FACEBOOK'));
    await writeFile(path.join(input, b!), await readFile(path.join(input, b!)));
    const second = await scanInput(input, stats, { now: later() });
    assert.deepEqual(second.files.filter((f) => f.hashed).map((f) => f.file).sort(), [a, b].sort());
    const pool = markingPool();
    const ahead = extractAhead(second, cache, pool);
    assert.deepEqual([...(await ahead!).keys()], [a]);
    const collected = await loadArticles(second, cache, { ahead: ahead! });
    const article = collected.articles.find((x) => x.file === a)!;
    assert.match(article.extracted.record.title, / \(ahead\)$/, 'the outcome sent ahead, not extracted again');
    assert.deepEqual(pool.sent, [a]);
    assert.equal(collected.extractedCount, 1);
    assert.equal(article.fileKey, recordKey(a!, await readFile(path.join(input, a!))));
    // Into the cache under that key, as any extracted record.
    assert.match((await cache.get(article.fileKey))![0]!.record.title, / \(ahead\)$/);
  });
});

describe('the stat cache', () => {
  /** Later than any file of the test was written: every file is old enough to be remembered. */
  const later = () => Date.now() + 10 * RACY_MS;

  test('a file whose stat is unchanged is not read again; a changed one is', async () => {
    const root = await tempDir('stat-cache');
    const input = path.join(root, 'articles');
    const [a, b] = await writeCorpus(input);
    const cacheDir = path.join(root, 'cache');
    const keyOf = (scan: Scan, file: string) => scan.files.find((f) => f.file === file)!.key;
    const stats = await StatCache.load(cacheDir, input);
    const first = await scanInput(input, stats, { now: later() });
    assert.equal(keyOf(first, a!), recordKey(a!, await readFile(path.join(input, a!))));
    // Plant another hash for a's stat: a scan that trusts the stat takes it without reading the file.
    stats.remember(a!, statSync(path.join(input, a!)), 'planted', later());
    await stats.save();
    const reloaded = await StatCache.load(cacheDir, input);
    const second = await scanInput(input, reloaded, { now: later() });
    assert.equal(keyOf(second, a!), recordKeyOf(a!, 'planted'), 'remembered across processes, and trusted');
    assert.equal(keyOf(second, b!), keyOf(first, b!));
    // The same number of bytes, other bytes: the stat changes (times), so the file is read.
    const text = await readFile(path.join(input, a!), 'utf8');
    await writeFile(path.join(input, a!), text.replace('Share on Facebook', 'Share on FACEBOOK'));
    const third = await scanInput(input, reloaded, { now: later() });
    assert.equal(keyOf(third, a!), recordKey(a!, await readFile(path.join(input, a!))));
  });

  test('a file changed just before the scan is not remembered (it could change again within the same clock tick)', async () => {
    const root = await tempDir('stat-racy');
    const input = path.join(root, 'articles');
    const [a] = await writeCorpus(input);
    const cacheDir = path.join(root, 'cache');
    const stats = await StatCache.load(cacheDir, input);
    await scanInput(input, stats);
    await stats.save();
    const reloaded = await StatCache.load(cacheDir, input);
    assert.equal(reloaded.lookup(a!, statSync(path.join(input, a!))), undefined);
  });

  test('a build that finds nothing changed repeats the previous build\'s messages, without reading a record', async () => {
    const root = await tempDir('nothing-changed');
    const input = path.join(root, 'articles');
    await writeCorpus(input);
    await writeFile(path.join(input, 'broken.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    await writeFile(path.join(input, 'undated.txt'), ['A headline with no date anywhere on the page', '', 'A first paragraph of the body, long enough to be one.'].join('\n'));
    const output = path.join(root, 'out', '_site');
    const cacheDir = path.join(root, 'cache');
    const first = await build({ input, output, cacheDir });
    assert.ok(first.errors.some((e) => e.file === 'broken.txt'));
    assert.ok(first.warnings.some((w) => w.file === 'undated.txt'));
    const site = snapshotFolder(output);
    // Without the records, a build that needed one would extract it again.
    await rm(path.join(cacheDir, 'records'), { recursive: true });
    const again = await build({ input, output, cacheDir });
    assert.equal(again.work!.extracted, 0);
    assert.deepEqual([again.articles, again.pages, again.warnings, again.errors], [first.articles, first.pages, first.warnings, first.errors]);
    assertSameFolder(snapshotFolder(output), site);
  });
});

describe('rebuilds through the command', () => {
  test('an edit, the day\'s articles, a batch of many pages (two render threads) and a removal, with the changed pages rendered in a thread beside the search index: each rebuild is what a clean build writes', async () => {
    // The command runs from its bundle, where a rebuild starts a render thread ahead (src/pipeline/render-pool.ts `warmUp`); a build called in the tests does not.
    const root = await tempDir('command-rebuilds');
    const input = path.join(root, 'articles');
    const files = await writeCorpus(input);
    const output = path.join(root, 'out', '_site');
    // Run from another folder, as a user runs it from their archive's: the templates are outside the working folder.
    const cli = (out: string, ...flags: string[]) =>
      run(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'news-archive.js'), 'build', '--input', input, '--output', out, '--cache-dir', path.join(root, 'cache'), '--quiet', ...flags], { cwd: root });
    const assertClean = async (name: string) => {
      const clean = path.join(root, `clean-${name}`, '_site');
      await cli(clean, '--no-cache');
      assertSameFolder(snapshotFolder(output), snapshotFolder(clean));
    };
    await cli(output);
    const edited = path.join(input, files[7]!);
    await writeFile(edited, (await readFile(edited, 'utf8')).replace(/\n\nShare on Facebook/, ' A sentence the command adds.\n\nShare on Facebook'));
    await cli(output);
    assert.ok(listFiles(output).some((f) => f.startsWith('articles/') && readSiteFile(output, f).includes('A sentence the command adds.')), 'the edit shows');
    await assertClean('edit');
    // The files the edit's commit replaced are kept for the next rebuild to write its pages
    // over (src/pipeline/spare-files.ts): filled here with more bytes than any page has, the
    // pages written over them must still be a clean build's bytes.
    const spareDir = spareFolder(path.join(root, 'cache'), output);
    const spares = listSpares(spareDir);
    assert.ok(spares.length > 0, 'the edit\'s replaced files are kept');
    for (const spare of spares) writeFileSync(spare, 'Z'.repeat(300_000));
    const spareInodes = new Set(spares.map((spare) => statSync(spare).ino));
    for (let i = 0; i < 3; i++) {
      const { file, text } = generateArticle(ARTICLES + 20 + i, SEED, { date: new Date(Date.UTC(2032, 2, 4)) });
      await writeFile(path.join(input, file), text);
    }
    await cli(output);
    // (The spares left untaken are removed only after the commit: an inode of one in the output is that spare's.)
    assert.ok(listFiles(output).some((file) => spareInodes.has(statSync(path.join(output, file)).ino)), 'pages written over the spares');
    await assertClean('added');
    // A batch whose pages (its own, its topics', the lists it enters) are enough for a second render thread (render-pool.ts `HELPER_PAGES`).
    for (let i = 0; i < BATCH; i++) {
      const { file, text } = generateArticle(ARTICLES + 40 + i, SEED, { date: new Date(Date.UTC(2032, 2, 5)) });
      await writeFile(path.join(input, file), text);
    }
    const { stdout } = await run(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'news-archive.js'), 'build', '--input', input, '--output', output, '--cache-dir', path.join(root, 'cache')], { cwd: root });
    if (os.availableParallelism() > 1) assert.match(stdout, / in 2 threads/, 'the batch\'s pages rendered in the thread started ahead and a second one');
    await assertClean('batch');
    await rm(path.join(input, files[3]!));
    await cli(output);
    await assertClean('removed');
  });
});

describe('a rebuild after the code changed', () => {
  test('a template, a site module, the "similar articles" code, the extractor and the search code edited in turn: each rebuild is what a clean build writes', async () => {
    const root = await tempDir('code-change');
    // A copy of the project's code, with its packages by a link, to edit without touching the real one.
    const project = path.join(root, 'project');
    for (const entry of ['bin', 'src', 'templates', 'public', 'package.json', 'package-lock.json']) {
      cpSync(path.join(PROJECT_ROOT, entry), path.join(project, entry), { recursive: true });
    }
    symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(project, 'node_modules'));
    const input = path.join(root, 'articles');
    await writeCorpus(input);
    const output = path.join(root, 'out', '_site');
    const cli = (out: string, ...flags: string[]) =>
      run(process.execPath, [path.join(project, 'bin', 'news-archive.js'), 'build', '--input', input, '--output', out, '--cache-dir', path.join(root, 'cache'), '--quiet', ...flags]);
    await cli(output);
    // [file, edit, what the pages then show, whether the site must change]
    const edits: Array<[string, (text: string) => string, RegExp | undefined, boolean?]> = [
      ['templates/_includes/layouts/article.njk', (t) => t.replace('>More like this<', '>Related reading<'), /Related reading/],
      ['src/site/filters.ts', (t) => t.replace('export const WORDS_PER_MINUTE = 230;', 'export const WORDS_PER_MINUTE = 200;'), undefined],
      // Fewer similar articles: the lists the previous build kept are not taken (build-state.ts `similarCode`).
      ['src/site/similar.ts', (t) => t.replace('export const MIN_SIMILARITY = 0.01;', 'export const MIN_SIMILARITY = 0.2;'), undefined, true],
      ['src/extract/index.ts', (t) => `${t}\n// An edit of the extractor's code: every record is extracted again.\n`, undefined],
      ['src/search/bm25.ts', (t) => `${t}\n// An edit of the search code: the index is written again.\n`, undefined],
      // Code of the build itself, outside the extract, site and search stages: every slug changes.
      ['src/slugs.ts', (t) => t.replace('    taken.set(slug, record.file);\n', '    taken.set(slug, record.file);\n    slug = `${slug}-x`;\n'), /\/articles\/[^"/]*-x\//],
    ];
    for (const [file, edit, shows, changes] of edits) {
      const target = path.join(project, file);
      const before = readFileSync(target, 'utf8');
      const site = snapshotFolder(output);
      writeFileSync(target, edit(before));
      assert.notEqual(readFileSync(target, 'utf8'), before, `${file} was edited`);
      await cli(output);
      if (changes) assert.ok([...snapshotFolder(output)].some(([name, bytes]) => !site.get(name)?.equals(bytes)), `${file}: the site changed`);
      const clean = path.join(root, `clean-${path.basename(file)}`, '_site');
      await cli(clean, '--no-cache');
      assertSameFolder(snapshotFolder(output), snapshotFolder(clean));
      if (shows) assert.ok(listFiles(output).some((f) => f.startsWith('articles/') && shows.test(readSiteFile(output, f))), `${file}: the change shows`);
    }
  });
});

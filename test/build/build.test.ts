import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parseQuery } from '../../src/search/query.ts';
import { runSearch } from '../../src/search/search.ts';
import lunr from 'lunr';
import { searchReference } from '../../src/search/reference-index.ts';
import { ShardedIndex, type Clause } from '../../src/search/sharded-index.ts';
import { build, BuildError, type BuildResult } from '../../src/build.ts';
import { articleRecordSchema } from '../../src/record.ts';
import { assignUniqueSlugs } from '../../src/slugs.ts';
import { ARTICLES_DIR, listFiles, PROJECT_ROOT, readSiteFile, snapshotFolder, STORIES_PAGE, tempDir } from '../helpers/site-files.ts';

const run = promisify(execFile);
const ARTICLE_FILES = listFiles(ARTICLES_DIR);
/** The five real files give nine articles: articles/004 is a digest of five stories. */
const REAL_ARTICLES = 9;

describe('build of the five real articles', () => {
  let site: string;
  let result: BuildResult;
  before(async () => {
    site = path.join(await tempDir('build'), '_site');
    result = await build({ input: ARTICLES_DIR, output: site });
  });

  test('builds every article and reports the undated ones', () => {
    assert.equal(result.articles, REAL_ARTICLES);
    assert.deepEqual(result.errors, []);
    const warnedFiles = new Set(result.warnings.map((w) => w.file));
    assert.ok(warnedFiles.has('002_9d754d1cf6b2f4b1.txt'), '002 has no publication date');
    const on004 = result.warnings.filter((w) => w.file === '004_1140f96b4ba25ec5.txt').map((w) => w.message);
    assert.deepEqual(on004, ['printed 5 stories one after another: made an article of each (front matter `split: false` keeps the page whole)', 'no publication date found'], 'each said once for the page');
  });

  test('writes every page of the URL map', () => {
    const files = new Set(listFiles(site));
    for (const page of [
      'index.html',
      '404.html',
      'archive/index.html',
      'archive/2002/index.html',
      'archive/2019/index.html',
      'archive/2021/index.html',
      'sources/index.html',
      'search/index.html',
      'feed.xml',
      'feed.json',
      'sitemap.xml',
      'robots.txt',
      'assets/search.js',
      'search/manifest.json',
    ]) {
      assert.ok(files.has(page), `${page} is missing`);
    }
    const articlePages = [...files].filter((f) => /^articles\/[^/]+\/index\.html$/.test(f));
    assert.equal(articlePages.length, REAL_ARTICLES);
    const sourceTexts = [...files].filter((f) => /^articles\/[^/]+\/source\.txt$/.test(f));
    assert.equal(sourceTexts.length, 5, 'one source text per file');
  });

  test('004, a digest, is five articles, each starting at its own lead and listing the five "From the same page"', () => {
    const leads = [
      'north-korea-has-blown-up-a-joint-liaison-office-with-south-korea-near-the-border',
      'north-korea-has-announced-it-will-cut-off-all-official-communication-channels',
      'south-korea-has-decided-to-quadruple-the-reward-it-pays-defectors-from-north',
      'a-group-of-13-north-korean-restaurant-workers-who-defected-from-china-to-south',
      'south-korea-is-holding-a-rare-hearing-into-the-detention-of-12-north-koreans-who',
    ];
    for (const slug of leads) {
      const html = readSiteFile(site, `articles/${slug}/index.html`);
      const section = /<section class="similar same-page"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
      assert.equal([...section.matchAll(/<li>/g)].length, 5, slug);
      for (const other of leads) if (other !== slug) assert.ok(section.includes(`href="/articles/${other}/"`), `${slug} links ${other}`);
    }
  });

  test('source.txt is the article file, byte for byte', async () => {
    const html = readSiteFile(site, 'articles/n-koreans-storm-spanish-embassy/index.html');
    assert.match(html, /href="\/articles\/n-koreans-storm-spanish-embassy\/source\.txt"/);
    assert.equal(
      readSiteFile(site, 'articles/n-koreans-storm-spanish-embassy/source.txt'),
      readSiteFile(ARTICLES_DIR, '003_6b8b1bf036f0e2c5.txt'),
    );
  });

  test('the article page has the headline in its one h1 and the date in <time>', () => {
    const html = readSiteFile(site, 'articles/cheollima-civil-defence-group-says-it-raided-north-korean-embassy/index.html');
    const h1s = html.match(/<h1[\s>][\s\S]*?<\/h1>/g) ?? [];
    assert.equal(h1s.length, 1);
    assert.match(h1s[0]!, /Cheollima Civil Defence group says it raided North Korean embassy/);
    assert.match(html, /<time[^>]*datetime="2019-03-27"/);
  });

  test('the home page lists dated articles newest first, undated ones after them', () => {
    const html = readSiteFile(site, 'index.html');
    const order = [
      'Czech gov’t foiled Korean arms smuggling plot',
      'Cheollima Civil Defence group says it raided',
      'N Koreans storm Spanish embassy',
      'North Korean defector says he produced drugs',
    ].map((title) => html.indexOf(title));
    assert.ok(order.every((i) => i >= 0), `all titles on the home page: ${order}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.match(html, /Undated/);
  });

  test('the sharded search index answers; "embassy" ranks the two embassy headlines first', async () => {
    const index = await ShardedIndex.open(async (file) => JSON.parse(readSiteFile(site, file)));
    const { hits } = await runSearch(index, parseQuery('embassy'));
    assert.ok(hits.length >= 2);
    const topTwo = hits.slice(0, 2).map((hit) => (JSON.parse(readSiteFile(site, `search/docs/${hit.doc}.json`)) as { title: string }).title).sort();
    assert.deepEqual(topTwo, [
      'Cheollima Civil Defence group says it raided North Korean embassy',
      'N Koreans storm Spanish embassy',
    ]);
  });

  test('search/lunr-index.json: lunr.Index.load takes it, and it ranks each query\'s top ten as the sharded client does', async () => {
    const loaded = lunr.Index.load(JSON.parse(readSiteFile(site, 'search/lunr-index.json')));
    const index = await ShardedIndex.open(async (file) => JSON.parse(readSiteFile(site, file)));
    const slugOf = (doc: number) => (JSON.parse(readSiteFile(site, `search/docs/${doc}.json`)) as { url: string }).url.split('/')[2];
    const queries: Clause[][] = [
      [{ term: 'embassi', presence: 'required' }],
      [{ term: 'north', presence: 'optional' }, { term: 'korea', presence: 'optional' }],
      [{ term: 'korean', presence: 'required' }, { term: 'madrid', presence: 'prohibited' }],
      [{ term: 'emb', presence: 'required', prefix: true }],
      [{ term: 'embasi', presence: 'required', editDistance: 1 }],
      [{ term: 'kim', presence: 'optional' }, { term: 'drug', presence: 'optional' }, { term: 'czech', presence: 'optional' }],
    ];
    for (const clauses of queries) {
      const sharded = (await index.search(clauses)).slice(0, 10).map((hit) => [slugOf(hit.doc), hit.score]);
      const whole = searchReference(loaded, clauses).slice(0, 10).map((result) => [result.ref, result.score]);
      assert.ok(whole.length > 0, JSON.stringify(clauses));
      assert.deepEqual(sharded, whole, JSON.stringify(clauses));
    }
    // And as a script would use it, with lunr's own query parser and search pipeline.
    assert.deepEqual(new Set(loaded.search('embassies').map((r) => r.ref)), new Set(whole(await index.search([{ term: 'embassi', presence: 'required' }]))));
    function whole(hits: { doc: number }[]) {
      return hits.map((hit) => slugOf(hit.doc));
    }
  });

  test('two builds of the same input are byte-identical', async () => {
    const again = path.join(await tempDir('build-again'), 'out');
    await build({ input: ARTICLES_DIR, output: again });
    assert.deepEqual(snapshotFolder(again), snapshotFolder(site));
  });
});

describe('search/lunr-index.json', () => {
  test('is written by default for a small archive, never with lunrIndex: false (--no-lunr-index)', async () => {
    const root = await tempDir('lunr-index');
    await build({ input: ARTICLES_DIR, output: path.join(root, 'default'), cache: false });
    await build({ input: ARTICLES_DIR, output: path.join(root, 'off'), cache: false, lunrIndex: false });
    assert.ok(listFiles(path.join(root, 'default')).includes('search/lunr-index.json'));
    assert.ok(!listFiles(path.join(root, 'off')).includes('search/lunr-index.json'));
  });
});

describe('build with a path prefix', () => {
  test('every internal link and asset starts with the prefix', async () => {
    const site = path.join(await tempDir('prefix'), 'out');
    await build({ input: ARTICLES_DIR, output: site, pathPrefix: '/sub/' });
    for (const file of listFiles(site).filter((f) => f.endsWith('.html'))) {
      const html = readSiteFile(site, file);
      for (const [, url] of html.matchAll(/(?:href|src|action)="(\/[^"]*)"/g)) {
        assert.ok(url!.startsWith('/sub/'), `${file}: ${url} lacks the prefix`);
      }
    }
  });
});

describe('build with bad article files', () => {
  async function archiveWithBadFiles(): Promise<string> {
    const input = await tempDir('bad-input');
    for (const file of ARTICLE_FILES) await copyFile(path.join(ARTICLES_DIR, file), path.join(input, file));
    await writeFile(path.join(input, 'empty.txt'), '');
    await writeFile(path.join(input, 'broken-yaml.txt'), '---\ntitle: [unclosed\n---\nSome text of an article that is long enough to count as a body.\n');
    return input;
  }

  test('a broken file gets a message naming it; the rest of the archive builds', async () => {
    const input = await archiveWithBadFiles();
    const site = path.join(await tempDir('bad-out'), 'out');
    const result = await build({ input, output: site });
    assert.equal(result.articles, REAL_ARTICLES);
    const failed = result.errors.map((e) => e.file).sort();
    assert.deepEqual(failed, ['broken-yaml.txt', 'empty.txt']);
    assert.ok(result.errors.every((e) => e.message.length > 0 && !e.message.includes('\n')));
    assert.equal(listFiles(site).filter((f) => /^articles\/[^/]+\/index\.html$/.test(f)).length, REAL_ARTICLES);
  });

  test('--strict fails and leaves the previous site exactly as it was', async () => {
    const input = await archiveWithBadFiles();
    const site = path.join(await tempDir('strict-out'), 'out');
    await build({ input: ARTICLES_DIR, output: site });
    const before = snapshotFolder(site);
    await assert.rejects(build({ input, output: site, strict: true }), BuildError);
    assert.deepEqual(snapshotFolder(site), before);
    assert.deepEqual(listFiles(path.dirname(site)).filter((f) => !f.startsWith('out/')), [], 'no temporary folder is left');
  });

  test('an empty input folder builds a valid empty archive', async () => {
    const input = await tempDir('empty-input');
    await mkdir(input, { recursive: true });
    const site = path.join(await tempDir('empty-out'), 'out');
    const result = await build({ input, output: site });
    assert.equal(result.articles, 0);
    assert.ok(listFiles(site).includes('index.html'));
  });
});

describe('a page of several stories (test/fixtures/stories: three invented news stories, no headlines)', () => {
  /** Builds `text` as the one file of an archive; its article pages by slug. */
  const buildPage = async (name: string, text: string) => {
    const input = await tempDir(`stories-${name}`);
    await writeFile(path.join(input, 'news-in-brief.txt'), text);
    const site = path.join(await tempDir(`stories-${name}-out`), '_site');
    const result = await build({ input, output: site });
    const pages = new Map(listFiles(site).flatMap((f) => (/^articles\/[^/]+\/index\.html$/.test(f) ? [[f.split('/')[1]!, readSiteFile(site, f)]] : [])));
    return { site, result, pages };
  };
  const sameSpage = (html: string) => /<section class="similar same-page"[\s\S]*?<\/section>/.exec(html)?.[0];

  test('builds to three articles, each with its own page and headline, linking the others "From the same page"; one source text', async () => {
    const { site, result, pages } = await buildPage('three', await readFile(STORIES_PAGE, 'utf8'));
    assert.deepEqual([result.articles, result.files], [3, 1]);
    const slugs = [
      'volunteers-in-millbrook-have-reopened-the-town-library-three-years-after-a-flood',
      'cyclists-from-nineteen-countries-have-gathered-in-dunmore-for-the-mountain-race',
      'engineers-have-closed-the-harwick-swing-bridge-after-divers-found-cracks-in-one',
    ];
    assert.deepEqual([...pages.keys()].sort(), [...slugs].sort());
    slugs.forEach((slug, k) => {
      const list = sameSpage(pages.get(slug)!)!;
      const links = [...list.matchAll(/<a href="\/articles\/([^/]+)\/">/g)].map((m) => m[1]);
      assert.deepEqual(links, slugs.filter((_, j) => j !== k), `${slug}: its siblings in page order`);
      assert.match(list, /<span aria-current="page">[^<]+<\/span> <span class="similar-meta">this article<\/span>/, slug);
      assert.ok(list.indexOf('aria-current') > (k === 0 ? 0 : list.indexOf(`/articles/${slugs[k - 1]}/`)), `${slug}: in its place`);
      assert.match(pages.get(slug)!, new RegExp(`The page held 3 stories; this is story ${k + 1}`));
      assert.ok(pages.get(slug)!.includes(`href="/articles/${slugs[0]}/source.txt"`), `${slug}: the page's source text`);
    });
    assert.deepEqual(listFiles(site).filter((f) => f.endsWith('/source.txt')), [`articles/${slugs[0]}/source.txt`]);
    // Similar articles never list a sibling (they are "From the same page" already): here, no other article is left.
    for (const html of pages.values()) assert.doesNotMatch(html, /<section class="similar" /);
    // Each story is a search document of its own.
    const index = lunr.Index.load(JSON.parse(readSiteFile(site, 'search/lunr-index.json')));
    assert.deepEqual(index.search('glacier').map((r) => r.ref), [slugs[1]]);
    assert.deepEqual(index.search('librarian').map((r) => r.ref), [slugs[0]]);
    assert.deepEqual(index.search('estuary').map((r) => r.ref), [slugs[2]]);
    // Feeds and the sitemap list the stories as articles.
    for (const slug of slugs) for (const file of ['feed.xml', 'feed.json', 'sitemap.xml', 'index.html']) assert.ok(readSiteFile(site, file).includes(`/articles/${slug}/`), `${file}: ${slug}`);
  });

  test('a warning of the page (here its encoding) is said once, not once per story', async () => {
    const input = await tempDir('stories-latin1');
    const text = (await readFile(STORIES_PAGE, 'utf8')).replace('Advertise with us', 'Advertise with us · Café Courier');
    await writeFile(path.join(input, 'news-in-brief.txt'), Buffer.from(text, 'latin1'));
    const result = await build({ input, output: path.join(await tempDir('stories-latin1-out'), '_site') });
    assert.equal(result.articles, 3);
    assert.deepEqual(result.warnings.map((w) => [w.file, w.message.slice(0, 30)]), [
      ['news-in-brief.txt', 'not UTF-8; read as windows-125'],
      ['news-in-brief.txt', 'printed 3 stories one after an'],
    ]);
  });

  test('front matter split: false keeps the page whole: one article, no "From the same page"', async () => {
    const { result, pages } = await buildPage('whole', `---\nsplit: false\n---\n${await readFile(STORIES_PAGE, 'utf8')}`);
    assert.deepEqual([result.articles, result.files], [1, 1]);
    const [html] = [...pages.values()];
    assert.equal(sameSpage(html!), undefined);
    assert.ok(html!.includes('Cyclists from nineteen countries') && html!.includes('Engineers have closed the Harwick swing bridge'));
  });

  test('headlines derived from untrusted text are escaped in the list of stories, the pages and the feeds', async () => {
    const hostile = (await readFile(STORIES_PAGE, 'utf8'))
      .replace('Cyclists from nineteen countries', 'Cyclists <script>alert(1)</script> from "nineteen" {{ countries }}')
      .replace('Engineers have closed', 'Engineers <img src=x onerror=alert(2)> have closed');
    const { site, result, pages } = await buildPage('hostile', hostile);
    assert.equal(result.articles, 3);
    for (const [slug, html] of pages) {
      assert.doesNotMatch(html, /<script>alert|<img src=x/, slug);
      assert.ok(sameSpage(html)!.includes('Cyclists &lt;script&gt;alert(1)&lt;/script&gt; from &quot;nineteen&quot; {{ countries }}'), `${slug}: the list shows the text, escaped`);
      assert.ok(sameSpage(html)!.includes('Engineers &lt;img src=x onerror=alert(2)&gt; have closed'), slug);
    }
    for (const file of ['feed.xml', 'index.html']) assert.doesNotMatch(readSiteFile(site, file), /<script>alert|<img src=x/, file);
  });

  test('sibling stories with equal headlines get distinct slugs, numbered in page order, the same in every build', () => {
    const story = (part: number) => ({ ...articleRecordSchema.parse({ slug: 'harbour-news', file: 'brief.txt', title: 'Harbour news', titleSource: 'derived', language: 'en', byline: [], body: '', captions: [], related: [], removed: [], topics: [], wordCount: 0, warnings: [], part, parts: 3 }) });
    const slugs = () => assignUniqueSlugs([story(1), story(2), story(3)]).map((r) => r.slug);
    assert.deepEqual(slugs(), ['harbour-news', 'harbour-news-2', 'harbour-news-3']);
    assert.deepEqual(slugs(), slugs());
  });
});

describe('the command line', () => {
  const cli = path.join(PROJECT_ROOT, 'bin', 'news-archive.js');

  test('`extract articles` prints one valid JSON record per line', async () => {
    const { stdout } = await run(process.execPath, [cli, 'extract', ARTICLES_DIR]);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, REAL_ARTICLES, 'one line per story');
    const records = lines.map((line) => articleRecordSchema.parse(JSON.parse(line)));
    assert.deepEqual([...new Set(records.map((r) => r.file))], ARTICLE_FILES);
    assert.deepEqual(
      records.filter((r) => r.file.startsWith('004')).map((r) => [r.part, r.parts]),
      [1, 2, 3, 4, 5].map((part) => [part, 5]),
    );
  });

  test('`build --strict` exits non-zero and names the file with the problem', async () => {
    const input = await tempDir('cli-strict');
    await writeFile(path.join(input, 'only-chrome.txt'), '---\ntitle: [broken\n---\ntext\n');
    const output = path.join(await tempDir('cli-strict-out'), 'out');
    const failure = await run(process.execPath, [cli, 'build', '--input', input, '--output', output, '--strict']).then(
      () => assert.fail('the build should fail'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failure.code, 1);
    assert.match(failure.stderr, /only-chrome\.txt/);
  });
});


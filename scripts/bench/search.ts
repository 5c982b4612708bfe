/**
 * Search, side by side with Pagefind on the same site: `npm run bench -- search`.
 *
 * For 1,000 and 10,000 generated articles (scripts/generate-corpus.ts, seed 1) it builds
 * the site with the CLI, runs Pagefind (npm `pagefind`, its own binary) over the same
 * built article pages, serves the site from 127.0.0.1 with gzip for text files (as any
 * static host does; Pagefind's index files are gzipped already and sent as they are),
 * and drives headless Chromium:
 *
 * - bytes before the first result: everything the search fetched (scripts, index,
 *   result data; not the HTML page or CSS) from navigation until the first results are
 *   drawn, on the wire, for a page opened with `?q=` in a fresh browser context;
 * - cold time to first result: navigation start → results drawn, same page loads;
 * - warm query time: in one page, after every query in the list has run once, each
 *   query again (two rounds), from the call to results drawn; median and p95;
 * - index size on disk, index build time and peak RSS.
 *
 * `BENCH_SKIP_PAGEFIND=1` leaves Pagefind out (for iterating on our side; the default
 * runs both). With `BENCH_REUSE_SITE=1` the search page and stylesheets are rebuilt from
 * the templates (a five-article build) and copied into the reused site, as the search
 * files and `assets/search.js` are.
 *
 * Both sides draw the first `RESULTS_SHOWN` results with their display data: ours is
 * the real search page (`/search/?q=`); Pagefind's is a minimal page that calls its JS
 * API (`pagefind.search`, then `data()` for each result shown) and writes the titles
 * and excerpts, which is less work than its default UI. Our "index build" is the
 * search stage alone (`writeSearchAssets` over the site's pages, in a child process);
 * Pagefind's is its CLI over the built site. The ranking check runs each query's
 * clauses on the sharded index and on one whole lunr index built by lunr.Builder over
 * the same documents, and compares the top 10.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../lib/chromium.ts';
import { contentType, resolveSiteFile } from '../lib/static-server.ts';
import { formatBytes, median, percentile, type Table } from './table.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const WORK = process.env.BENCH_DIR ?? '/tmp/news-archive-bench';
const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '1000,10000').split(',').map(Number);
const SEED = 1;
/** Results drawn with their display data, on both sides: our first page of results. */
const RESULTS_SHOWN = 10;
/** Cold page loads measured per side and size (each a fresh browser context). */
const COLD_RUNS = 5;
/** Rounds of the whole query list for the warm timings. */
const WARM_ROUNDS = 2;

/** The fixed query list: single words, pairs, names with accents, hyphens and Korean. */
export const QUERIES = [
  'embassy',
  'harbour treaty',
  'Zürich',
  'Pyongyang',
  'Jong-un',
  'parliament election',
  'storm flood',
  'minister warned',
  '평양',
  'Okonjo-Iweala',
  'railway strike',
  'summit Geneva',
  'volunteers',
  'drought harvest',
  'senate inquiry',
  'Kraków festival',
];

const PAGEFIND_BIN = path.join(ROOT, 'node_modules/@pagefind/linux-x64/bin/pagefind_extended');

export async function benchSearch(): Promise<Table> {
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const size of SIZES) {
    const corpus = path.join(WORK, `corpus-${size}`);
    const site = path.join(WORK, `site-${size}`);
    await ensureCorpus(corpus, size);
    const pages = path.join(WORK, `pages-${size}.json`);
    // BENCH_REUSE_SITE=1 keeps a site built before (the pages do not change with the
    // search code; its search files are written afresh below).
    if (!(process.env.BENCH_REUSE_SITE && existsSync(path.join(site, 'index.html')) && existsSync(pages))) {
      await run('node', [path.join(ROOT, 'bin/news-archive.js'), 'build', '-i', corpus, '-o', site, '-q'], { cwd: ROOT, maxBuffer: 64 << 20 });
      await child(['pages', corpus, pages]);
    } else {
      await refreshSearchPage(site);
    }
    // The search stage alone, timed in a child of its own; its files replace the site's.
    const indexDir = path.join(WORK, `index-${size}`);
    const ours = JSON.parse(await child(['index', pages, indexDir])) as { ms: number; maxRssKb: number; bytes: number };
    for (const entry of await readdir(path.join(site, 'search'))) {
      if (entry !== 'index.html') await rm(path.join(site, 'search', entry), { recursive: true, force: true });
    }
    for (const entry of await readdir(path.join(indexDir, 'search'))) await run('cp', ['-r', path.join(indexDir, 'search', entry), path.join(site, 'search', entry)]);
    await run('cp', [path.join(indexDir, 'assets/search.js'), path.join(site, 'assets/search.js')]);
    const check = JSON.parse(await child(['check', pages])) as { same: number; total: number; differing: string[] };

    const skipPagefind = Boolean(process.env.BENCH_SKIP_PAGEFIND);
    if (!skipPagefind) await rm(path.join(site, 'pagefind'), { recursive: true, force: true });
    const pf = skipPagefind ? { seconds: NaN, maxRssKb: NaN } : await timed(PAGEFIND_BIN, ['--site', site, '--glob', 'articles/*/index.html', '--output-subdir', 'pagefind', '--quiet']);
    await writePagefindPage(site);
    const pagefindBytes = skipPagefind ? NaN : await folderBytes(path.join(site, 'pagefind'));

    const server = await serveGzip(site);
    const browser = await launchChromium();
    try {
      const oursCold = await cold(browser, (q) => `${server.base}search/?q=${encodeURIComponent(q)}`);
      const pfCold = skipPagefind ? { times: [NaN], bytes: [NaN] } : await cold(browser, (q) => `${server.base}pagefind-bench/?q=${encodeURIComponent(q)}`);
      const oursWarm = await warm(browser, `${server.base}search/`, ours_query);
      const pfWarm = skipPagefind ? [NaN] : await warm(browser, `${server.base}pagefind-bench/`, pagefind_query);
      const label = `${size.toLocaleString('en-GB')} articles`;
      rows.push(
        [label, 'news-archive (sharded lunr)', formatBytes(median(oursCold.bytes)), ms(median(oursCold.times)), ms(median(oursWarm)), ms(percentile(oursWarm, 95)), formatBytes(ours.bytes), `${(ours.ms / 1000).toFixed(1)} s`, formatBytes(ours.maxRssKb * 1024), `${check.same}/${check.total} same as lunr`],
        ...(skipPagefind ? [] : [[label, 'Pagefind 1.6', formatBytes(median(pfCold.bytes)), ms(median(pfCold.times)), ms(median(pfWarm)), ms(percentile(pfWarm, 95)), formatBytes(pagefindBytes), `${pf.seconds.toFixed(1)} s`, formatBytes(pf.maxRssKb * 1024), '—']]),
      );
      if (check.differing.length > 0) notes.push(`${label}: top 10 differs for ${check.differing.join(', ')}`);
    } finally {
      await browser.close();
      await server.close();
    }
  }
  return {
    title: 'Search: news-archive vs Pagefind on the same site (headless Chromium, 127.0.0.1, gzip)',
    columns: ['archive', 'search', 'bytes before 1st result', 'cold 1st result', 'warm median', 'warm p95', 'index on disk', 'index build', 'build peak RSS', 'top-10 ranking'],
    rows,
    notes: [
      `Queries (${QUERIES.length}): ${QUERIES.join(' · ')}. Cold: median of ${COLD_RUNS} queries, each a fresh browser context, navigation → first ${RESULTS_SHOWN} results drawn. Warm: every query twice more after a first pass, call → results drawn.`,
      'Bytes: response bodies and headers as transferred (gzip), scripts and data only. Index on disk: search/ + assets/search.js for news-archive, pagefind/ for Pagefind (its files are stored gzipped).',
      ...notes,
    ],
  };
}

/**
 * A reused site keeps the search page it was built with; the search files are written
 * afresh above, and this brings the page itself (templates/search.njk, public/search.css)
 * up to date too: the repository's five articles are built with the same flags and their
 * search page and stylesheets copied over (they do not depend on the articles).
 */
async function refreshSearchPage(site: string): Promise<void> {
  const small = path.join(WORK, 'search-page-site');
  await run('node', [path.join(ROOT, 'bin/news-archive.js'), 'build', '-i', path.join(ROOT, 'articles'), '-o', small, '-q', '--no-cache'], { cwd: ROOT, maxBuffer: 64 << 20 });
  for (const file of ['search/index.html', 'search.css', 'css/style.css']) await run('cp', [path.join(small, file), path.join(site, file)]);
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

async function ensureCorpus(dir: string, count: number): Promise<void> {
  if (existsSync(dir) && (await readdir(dir)).length === count) return;
  await rm(dir, { recursive: true, force: true });
  const { generateCorpus } = await import('../generate-corpus.ts');
  await generateCorpus({ count, seed: SEED, out: dir });
}

/** Runs this file as a child (`tsx scripts/bench/search.ts <mode> …`); returns its stdout. */
async function child(args: string[]): Promise<string> {
  const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), [import.meta.filename, ...args], { cwd: ROOT, maxBuffer: 256 << 20 });
  return stdout.trim();
}

async function timed(command: string, args: string[]): Promise<{ seconds: number; maxRssKb: number }> {
  const { stderr } = await run('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], { maxBuffer: 64 << 20 });
  const match = /TIME ([\d.]+) (\d+)/.exec(stderr);
  if (!match) throw new Error(`no timing from /usr/bin/time: ${stderr}`);
  return { seconds: Number(match[1]), maxRssKb: Number(match[2]) };
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** A page that searches with Pagefind's JS API and draws the first results. */
async function writePagefindPage(site: string): Promise<void> {
  const dir = path.join(site, 'pagefind-bench');
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Pagefind</title><input id="q"><p id="status"></p><ol id="results"></ol><script type="module" src="bench.js"></script></html>\n',
  );
  await writeFile(
    path.join(dir, 'bench.js'),
    `const pagefind = await import('../pagefind/pagefind.js');
const list = document.getElementById('results');
window.benchSearch = async (q) => {
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, ${RESULTS_SHOWN}).map((r) => r.data()));
  list.replaceChildren(...data.map((d) => { const li = document.createElement('li'); const h = document.createElement('h2'); h.textContent = d.meta.title; const p = document.createElement('p'); p.innerHTML = d.excerpt; li.append(h, p); return li; }));
  document.getElementById('status').textContent = search.results.length + ' results';
  performance.mark('search-rendered');
};
const q = new URLSearchParams(location.search).get('q');
if (q) await window.benchSearch(q);
`,
  );
}

const ours_query = async (page: Page, q: string): Promise<number> =>
  page.evaluate(
    (query) =>
      new Promise<number>((resolve) => {
        const input = document.getElementById('search-input') as HTMLInputElement;
        const started = performance.now();
        document.addEventListener('search:rendered', () => resolve(performance.now() - started), { once: true });
        input.value = query;
        input.form!.requestSubmit();
      }),
    q,
  );

const pagefind_query = async (page: Page, q: string): Promise<number> =>
  page.evaluate(async (query) => {
    const started = performance.now();
    await (window as unknown as { benchSearch(q: string): Promise<void> }).benchSearch(query);
    return performance.now() - started;
  }, q);

async function cold(browser: Browser, url: (q: string) => string): Promise<{ times: number[]; bytes: number[] }> {
  const times: number[] = [];
  const bytes: number[] = [];
  for (const q of QUERIES.slice(0, COLD_RUNS)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let transferred = 0;
    page.on('requestfinished', (request) => {
      if (['document', 'stylesheet', 'image', 'font'].includes(request.resourceType())) return;
      void request.sizes().then((s) => (transferred += s.responseBodySize + s.responseHeadersSize));
    });
    await page.goto(url(q));
    await page.waitForFunction(() => performance.getEntriesByName('search-rendered').length > 0, null, { timeout: 60_000 });
    const at = await page.evaluate(() => performance.getEntriesByName('search-rendered')[0]!.startTime);
    await page.waitForTimeout(50); // let the last 'requestfinished' sizes arrive
    times.push(at);
    bytes.push(transferred);
    await context.close();
  }
  return { times, bytes };
}

async function warm(browser: Browser, url: string, query: (page: Page, q: string) => Promise<number>): Promise<number[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  for (const q of QUERIES) await query(page, q);
  const times: number[] = [];
  for (let round = 0; round < WARM_ROUNDS; round++) for (const q of QUERIES) times.push(await query(page, q));
  await context.close();
  return times;
}

/** Sent gzipped, as a static host does for text; other files (Pagefind's, wasm) as they are. */
const COMPRESSED = new Set(['.html', '.js', '.css', '.json', '.txt']);

/** Static files with gzip for text types (compressed once, kept), like a static host. */
async function serveGzip(root: string): Promise<{ base: string; close(): Promise<void> }> {
  const cache = new Map<string, Buffer>();
  const server = createServer(async (request, response) => {
    const file = await resolveSiteFile(root, new URL(request.url ?? '/', 'http://x').pathname);
    try {
      if (file === undefined) throw new Error('not found');
      const compress = COMPRESSED.has(path.extname(file));
      const headers: Record<string, string> = { 'cache-control': 'no-cache', 'content-type': contentType(file) };
      let body = cache.get(file);
      if (!body) {
        body = await readFile(file);
        if (compress && /gzip/.test(String(request.headers['accept-encoding']))) body = gzipSync(body);
        cache.set(file, body);
      }
      if (compress) headers['content-encoding'] = 'gzip';
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// ---- child modes --------------------------------------------------------------------

async function childMain(mode: string, args: string[]): Promise<void> {
  if (mode === 'pages') {
    // The site's pages as the build hands them to the search stage.
    const [corpus, out] = args as [string, string];
    const { extract } = await import('../../src/extract/index.ts');
    const { renderBody } = await import('../../src/render/markdown.ts');
    const { assignUniqueSlugs } = await import('../../src/slugs.ts');
    const { toSiteData } = await import('../../src/site/site-data.ts');
    const files = (await readdir(corpus)).sort();
    const records = assignUniqueSlugs(await Promise.all(files.map(async (file) => extract(await readFile(path.join(corpus, file), 'utf8'), { file }))));
    const bodies = new Map(records.map((r) => [r.slug, renderBody(r.body)]));
    const data = toSiteData(records, bodies, { title: 'Bench', description: 'Bench', siteUrl: 'http://localhost', pathPrefix: '/' });
    const keep = data.articles.map((a) => ({ slug: a.slug, title: a.title, subtitle: a.subtitle, date: a.date, dateLabel: a.dateLabel, source: a.source, url: a.url, bodyHtml: a.bodyHtml }));
    await writeFile(out, JSON.stringify(keep));
    return;
  }
  if (mode === 'index') {
    const [pages, out] = args as [string, string];
    const articles = JSON.parse(await readFile(pages, 'utf8'));
    const { writeSearchAssets } = await import('../../src/search/index.ts');
    await rm(out, { recursive: true, force: true });
    const started = performance.now();
    const { bytes } = await writeSearchAssets({ articles } as never, out);
    const elapsed = performance.now() - started;
    console.log(JSON.stringify({ ms: elapsed, maxRssKb: process.resourceUsage().maxRSS, bytes }));
    return;
  }
  if (mode === 'check') {
    const [pages] = args as [string];
    const articles = JSON.parse(await readFile(pages, 'utf8'));
    const { buildPostings, indexedDocs } = await import('../../src/search/build-index.ts');
    const { shardFiles } = await import('../../src/search/shards.ts');
    const { ShardedIndex } = await import('../../src/search/sharded-index.ts');
    const { buildReferenceIndex, searchReference } = await import('../../src/search/reference-index.ts');
    const { parseQuery } = await import('../../src/search/query.ts');
    const docs = indexedDocs(articles);
    const files = shardFiles(buildPostings(docs));
    const index = await ShardedIndex.open(async (p) => JSON.parse(files.get(p)!));
    const reference = buildReferenceIndex(docs, { positions: false });
    let same = 0;
    const differing: string[] = [];
    for (const q of QUERIES) {
      const { include } = parseQuery(q);
      const clauses = include.map((part) =>
        part.kind === 'prefix' ? { term: part.prefix, presence: 'required' as const, prefix: true } : { term: part.kind === 'word' ? part.term : '', presence: 'required' as const },
      );
      const a = (await index.search(clauses)).slice(0, 10).map((h) => `${docs[h.doc]!.slug} ${h.score}`);
      const b = searchReference(reference, clauses).slice(0, 10).map((r) => `${r.ref} ${r.score}`);
      if (a.length > 0 && JSON.stringify(a) === JSON.stringify(b)) same++;
      else differing.push(q);
    }
    console.log(JSON.stringify({ same, total: QUERIES.length, differing }));
    return;
  }
  throw new Error(`unknown child mode ${mode}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const [mode, ...args] = process.argv.slice(2);
  await childMain(mode ?? '', args);
}

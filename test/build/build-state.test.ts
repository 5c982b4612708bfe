/**
 * What a build keeps of an output folder for the next build (src/pipeline/build-state.ts):
 * the state file is the state without its articles, then an article a line; an article read
 * from it is written again as its line, byte for byte what writing it anew gives.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { prefetchState, readHead, readState, stateLineOf, writeState, type BuildState } from '../../src/pipeline/build-state.ts';
import type { ArticleRecord } from '../../src/record.ts';
import { removedFiles } from '../../src/build.ts';
import { KEY_TERMS, type SimilarMemory } from '../../src/site/similar.ts';
import { tempDir } from '../helpers/site-files.ts';

function record(slug: string, title: string): ArticleRecord {
  return { slug, file: `${slug}.txt`, title, titleSource: 'text', language: 'en', byline: [], body: '', captions: [], related: [], removed: [], topics: [{ name: 'Ljubljana', kind: 'place' }], wordCount: 3, warnings: [] };
}

function state(records: ArticleRecord[]): Omit<BuildState, 'profiles'> {
  return {
    site: { title: 'T', description: 'D', siteUrl: 'http://localhost:8080', pathPrefix: '/' },
    articles: records.map((r) => ({ file: r.file, key: `key-${r.slug}`, record: r, excerpt: `About ${r.title}.\nSecond line.` })),
    vocabulary: ['ljubljana'],
    slugs: records.map((r) => r.slug),
    pages: Object.fromEntries(records.map((r) => [r.slug, `fingerprint-${r.slug}`])),
    listing: {},
  };
}

function memory(slugs: string[]): SimilarMemory {
  const n = slugs.length;
  return { slugs, profiles: slugs.map(() => Int32Array.of(0, 1)), reference: new Uint8Array(n).fill(1), keyTerms: new Int32Array(n * KEY_TERMS), keyWeights: new Float64Array(n * KEY_TERMS), keyCount: new Uint8Array(n), lists: slugs.map(() => []), groups: slugs.map(() => undefined) };
}

async function scene(): Promise<{ cacheDir: string; output: string }> {
  const root = await tempDir('build-state');
  const output = path.join(root, '_site');
  mkdirSync(output);
  return { cacheDir: path.join(root, 'cache'), output };
}

async function write(cacheDir: string, output: string, next: Omit<BuildState, 'profiles'>, lines?: (Uint8Array | undefined)[]): Promise<void> {
  const slugs = next.slugs;
  await writeState(cacheDir, output, { summary: { articles: slugs.length, files: slugs.length, pages: slugs.length, warnings: [], errors: [] } }, next, memory(slugs), new Int32Array(slugs.length).fill(-1), undefined, lines);
}

async function read(cacheDir: string, output: string): Promise<BuildState> {
  const head = await readHead(cacheDir, output);
  assert.ok(head, 'a head');
  const stored = await readState(cacheDir, output, head);
  assert.ok(stored, 'a state');
  return stored.state;
}

const stateFile = (cacheDir: string) => {
  const folder = path.join(cacheDir, 'outputs');
  return path.join(folder, readdirSync(folder).find((name) => name.endsWith('.state.jsonl'))!);
};

describe('the build state', () => {
  test('reads back what was written; an article read is written again as its line, the same bytes as written anew', async () => {
    const { cacheDir, output } = await scene();
    const first = state([record('a', 'Alpha “quoted”'), record('b', 'Beta\u2028line')]);
    await write(cacheDir, output, first);
    const read1 = await read(cacheDir, output);
    assert.deepEqual(read1.articles, first.articles);
    assert.ok(stateLineOf(read1.articles[0]!.record) !== undefined, 'a record read has its line');
    assert.equal(stateLineOf(first.articles[0]!.record), undefined, 'a record never read has none');

    // The next build: a kept as read (its line reused), b changed, c new.
    const next = state([read1.articles[0]!.record, record('b', 'Beta changed'), record('c', 'Gamma')]);
    next.articles[0] = { ...read1.articles[0]!, record: { ...read1.articles[0]!.record } };
    await write(cacheDir, output, next, [stateLineOf(read1.articles[0]!.record), undefined, undefined]);
    const reused = readFileSync(stateFile(cacheDir));
    assert.deepEqual((await read(cacheDir, output)).articles, next.articles);

    const fresh = await scene();
    await write(fresh.cacheDir, fresh.output, next);
    // The articles' lines (the first line names the profile log, which is named after the output folder).
    const articleLines = (bytes: Buffer) => bytes.subarray(bytes.indexOf(0x0a) + 1);
    assert.ok(articleLines(reused).equals(articleLines(readFileSync(stateFile(fresh.cacheDir)))), 'the same lines, reused or written anew');
  });

  test('lines reused in runs between changed and new ones, and one removed: the same bytes as the state written anew', async () => {
    const { cacheDir, output } = await scene();
    await write(cacheDir, output, state(['a', 'b', 'c', 'd', 'e', 'f'].map((slug) => record(slug, slug.toUpperCase()))));
    const read1 = await read(cacheDir, output);
    // a and b kept (one run), c changed, d removed, e and f kept (another run, not after b's), g new.
    const [a, b, , , e, f] = read1.articles;
    const next = state([a!.record, b!.record, record('c', 'C changed'), e!.record, f!.record, record('g', 'G')]);
    await write(cacheDir, output, next, [a, b, undefined, e, f, undefined].map((article) => (article === undefined ? undefined : stateLineOf(article.record))));
    assert.deepEqual((await read(cacheDir, output)).articles, next.articles);
    const fresh = await scene();
    await write(fresh.cacheDir, fresh.output, next);
    const articleLines = (file: string) => {
      const bytes = readFileSync(file);
      return bytes.subarray(bytes.indexOf(0x0a) + 1);
    };
    assert.ok(articleLines(stateFile(cacheDir)).equals(articleLines(stateFile(fresh.cacheDir))));
  });

  test('topics are kept as places in a table: kept lines name the table read, new topics are added to it, and the records read share one object per topic', async () => {
    const { cacheDir, output } = await scene();
    const topic = (name: string) => ({ name, kind: 'place' as const });
    const withTopics = (slug: string, ...names: string[]) => ({ ...record(slug, slug.toUpperCase()), topics: names.map(topic) });
    await write(cacheDir, output, state([withTopics('a', 'Ljubljana', 'Maribor'), withTopics('b', 'Maribor', 'Koper'), withTopics('c', 'Celje')]));
    const read1 = await read(cacheDir, output);
    // a kept, b changed (a new topic), c removed (its topic stays in the table), d new.
    const next = state([read1.articles[0]!.record, withTopics('b', 'Maribor', 'Ptuj'), withTopics('d', 'Celje', 'Bled')]);
    await write(cacheDir, output, next, [stateLineOf(read1.articles[0]!.record), undefined, undefined]);
    const read2 = await read(cacheDir, output);
    assert.deepEqual(read2.articles, next.articles);
    const first = JSON.parse(readFileSync(stateFile(cacheDir), 'utf8').split('\n')[0]!) as { topicTable: [string, string][] };
    assert.deepEqual(first.topicTable.map(([name]) => name), ['Ljubljana', 'Maribor', 'Koper', 'Celje', 'Ptuj', 'Bled']);
    assert.equal(read2.articles[0]!.record.topics[1], read2.articles[1]!.record.topics[0], 'one object for Maribor');
  });

  test('a topic table grown past twice its size (and some slack) is made anew, every line with it', async () => {
    const { cacheDir, output } = await scene();
    await write(cacheDir, output, state([record('a', 'A')]));
    const read1 = await read(cacheDir, output);
    const many = { ...record('b', 'B'), topics: Array.from({ length: 1100 }, (_, i) => ({ name: `Town ${i}`, kind: 'place' as const })) };
    await write(cacheDir, output, state([read1.articles[0]!.record, many]), [stateLineOf(read1.articles[0]!.record), undefined]);
    const read2 = await read(cacheDir, output);
    // Kept lines and the table grew (1 + 1,100 > 2 × 1 + 1,024): the next build writes it anew, a's line too.
    const next = state([read2.articles[0]!.record, read2.articles[1]!.record]);
    next.articles.pop();
    next.slugs.pop();
    await write(cacheDir, output, next, [stateLineOf(read2.articles[0]!.record)]);
    const first = JSON.parse(readFileSync(stateFile(cacheDir), 'utf8').split('\n')[0]!) as { topicTable: [string, string][]; topicTableBase: number };
    assert.deepEqual(first.topicTable, [['Ljubljana', 'place']]);
    assert.equal(first.topicTableBase, 1);
    assert.deepEqual((await read(cacheDir, output)).articles, next.articles);
  });

  test('a state written afresh removes the profile logs a state that could not be read left behind', async () => {
    const { cacheDir, output } = await scene();
    await write(cacheDir, output, state([record('a', 'Alpha')]));
    const folder = path.join(cacheDir, 'outputs');
    const log = readdirSync(folder).find((name) => /\.profiles-\d+\.bin$/.test(name))!;
    const stray = log.replace(/profiles-\d+/, 'profiles-7');
    writeFileSync(path.join(folder, stray), 'left by a state of another format');
    await write(cacheDir, output, state([record('a', 'Alpha')]));
    const logs = readdirSync(folder).filter((name) => name.includes('.profiles-'));
    assert.deepEqual(logs, [log]);
  });

  test('the files an output no longer has: pages and source texts of the articles gone, a source text moved to another story, listing and search files', () => {
    const story = (slug: string, part: number) => ({ ...record(slug, slug), file: 'page.txt', parts: 2, part });
    const before = {
      ...state([record('a', 'Alpha'), record('b', 'Beta'), story('s1', 1), story('s2', 2)]),
      listing: { front: { fingerprint: 'f', files: ['index.html', 'feed.xml'] }, '/sources/x/': { fingerprint: 'x', files: ['sources/x/index.html'] } },
      search: { files: ['search/docs/0.json', 'search/docs/1.json', 'search/t/a.json'] },
    };
    // b removed; the page of stories now opens with s2 (it holds the source text); a source page gone, a search file gone and one added.
    const after = {
      ...state([record('a', 'Alpha'), story('s2', 1), story('s1', 2)]),
      listing: { front: { fingerprint: 'g', files: ['index.html', 'feed.xml'] } },
      search: { files: ['search/docs/0.json', 'search/t/a.json', 'search/t/b.json'] },
    };
    assert.deepEqual(removedFiles(before, after), ['articles/b/index.html', 'articles/b/source.txt', 'articles/s1/source.txt', 'sources/x/index.html', 'search/docs/1.json']);
    assert.deepEqual(removedFiles(after, after), []);
  });

  test('the "similar articles" document frequencies are read back as written, and a memory without them gives none', async () => {
    const { cacheDir, output } = await scene();
    const next = state([record('a', 'Alpha'), record('b', 'Beta')]);
    const frequencies = { all: Int32Array.of(2, 1, 0, 7), ref: Int32Array.of(1, 1, 0, 3), references: 1 };
    const summary = { articles: 2, files: 2, pages: 2, warnings: [], errors: [] };
    await writeState(cacheDir, output, { summary }, next, { ...memory(next.slugs), frequencies }, new Int32Array(2).fill(-1), undefined);
    const head = await readHead(cacheDir, output);
    assert.deepEqual((await readState(cacheDir, output, head!))!.similar.frequencies, frequencies);
    await writeState(cacheDir, output, { summary }, next, memory(next.slugs), new Int32Array(2).fill(-1), undefined);
    assert.equal((await readState(cacheDir, output, (await readHead(cacheDir, output))!))!.similar.frequencies, undefined);
  });

  test('its files read ahead (while a build scans its input) give the state read then', async () => {
    const { cacheDir, output } = await scene();
    assert.equal(await prefetchState(cacheDir, output), undefined);
    await write(cacheDir, output, state([record('a', 'Alpha'), record('b', 'Beta')]));
    const prefetched = await prefetchState(cacheDir, output);
    assert.deepEqual([...prefetched!.keys()].map((file) => path.basename(file).replace(/^[0-9a-f]+/, '')).sort(), ['.profiles-0.bin', '.similar.bin', '.state.jsonl']);
    const head = (await readHead(cacheDir, output))!;
    const ahead = await readState(cacheDir, output, head, prefetched);
    assert.deepEqual(ahead, await readState(cacheDir, output, head));
    assert.deepEqual(ahead!.state.slugs, ['a', 'b']);
  });
});

/**
 * The extraction process started from the extractor's start-up snapshot (bin/bundle.js,
 * src/pipeline/extract-process.ts), which the command uses instead of worker threads: it
 * must answer exactly what the main thread extracts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXTRACT_HEAP_MB, loadBundle, startExtractProcess } from '../../bin/bundle.js';
import { extractOne } from '../../src/pipeline/extract-one.ts';
import { WORKER_HEAP_MB } from '../../src/pipeline/extract-pool.ts';
import { ExtractProcess, extractProcessPeakKb } from '../../src/pipeline/worker-thread.ts';
import { generateArticle } from '../../scripts/generate-corpus.ts';
import { assertPoolExtractsAsMainThread } from '../helpers/extraction.ts';
import { tempDir } from '../helpers/site-files.ts';
import { runCli } from '../robustness/helpers.ts';

const SEED = 7;
let blob: string;

describe('the extraction process on the snapshot', () => {
  before(async () => {
    const bundle = await loadBundle();
    assert.ok(bundle.extractSnapshot, 'the bundle has the extractor\'s snapshot (a reason is kept in node_modules/.cache/news-archive/bundle-*/extract-process-*.failed)');
    blob = bundle.extractSnapshot;
  });

  test('answers a job with what the main thread extracts; a bad file gets the same message', async () => {
    const extractor = new ExtractProcess(startExtractProcess(blob));
    try {
      const answers: unknown[] = [];
      const two = new Promise<void>((resolve) =>
        extractor.on('message', (answer: unknown) => {
          answers.push(answer);
          if (answers.length === 2) resolve();
        }),
      );
      const { file, text } = generateArticle(3, SEED);
      const bytes = new TextEncoder().encode(text);
      const broken = new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x00]);
      extractor.postMessage({ id: 1, file, bytes });
      extractor.postMessage({ id: 2, file: 'broken.txt', bytes: broken });
      await two;
      assert.deepEqual(answers, [
        { id: 1, outcome: extractOne(file, bytes) },
        { id: 2, outcome: extractOne('broken.txt', broken) },
      ]);
      assert.equal((answers[0] as { outcome: { ok: boolean } }).outcome.ok, true);
    } finally {
      await extractor.terminate();
    }
    if (process.platform === 'linux') assert.ok(extractProcessPeakKb() > 10_000, 'its peak memory is counted when it stops');
  });

  test('the command\'s summary gives the most one process held when it extracted files, and says nothing of the extractor let go when none needed extracting', async () => {
    const root = await tempDir('extractor-memory');
    const input = path.join(root, 'articles');
    mkdirSync(input);
    for (let i = 0; i < 3; i++) {
      const { file, text } = generateArticle(i, SEED);
      writeFileSync(path.join(input, file), text);
    }
    const build = async (...flags: string[]) => {
      const ran = await runCli(['build', '--input', 'articles', '--output', '_site', '--cache-dir', 'cache', ...flags], { cwd: root });
      assert.equal(ran.code, 0, ran.stderr);
      return ran.stdout;
    };
    const first = await build();
    assert.match(first, /extracted 3 of 3/);
    const mib = Number(/extraction processes: (\d+) MiB each at most/.exec(first)?.[1]);
    if (process.platform === 'linux') assert.ok(mib > 10, `a process's peak: ${first}`);
    // Another title: every page again, every record from the cache; the extractor started ahead is let go.
    const second = await build('--title', 'Another archive');
    assert.match(second, /extracted 0 of 3/);
    assert.doesNotMatch(second, /extraction processes/);
  });

  test('has the heap of an extraction thread (the command line starts a thread with it where there is no snapshot)', () => {
    assert.equal(EXTRACT_HEAP_MB, WORKER_HEAP_MB);
  });

  describe('as the pool\'s extractors', () => {
    before(() => {
      globalThis.__newsArchiveExtractProcess = () => startExtractProcess(blob);
    });
    after(() => {
      globalThis.__newsArchiveExtractProcess = undefined;
    });

    test('two processes extract 130 files exactly as the main thread does, in order', async () => {
      await assertPoolExtractsAsMainThread(130, SEED);
    });
  });
});

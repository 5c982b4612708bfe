/**
 * The extraction process started from the extractor's start-up snapshot (bin/bundle.js,
 * src/pipeline/extract-process.ts), which the command uses instead of worker threads: it
 * must answer exactly what the main thread extracts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXTRACT_HEAP_MB, loadBundle, startExtractProcess } from '../../bin/bundle.js';
import { extractOne } from '../../src/pipeline/extract-one.ts';
import { WORKER_HEAP_MB } from '../../src/pipeline/extract-pool.ts';
import { ExtractProcess, extractProcessPeakKb } from '../../src/pipeline/worker-thread.ts';
import { generateArticle } from '../../scripts/generate-corpus.ts';
import { assertPoolExtractsAsMainThread } from '../helpers/extraction.ts';

const SEED = 7;
let blob: string;

describe('the extraction process on the snapshot', () => {
  before(async () => {
    const bundle = await loadBundle();
    assert.ok(bundle.extractSnapshot, 'the bundle has the extractor\'s snapshot (a reason is kept in node_modules/.cache/news-archive/bundle-*/extract-process-*.failed)');
    blob = bundle.extractSnapshot;
  });

  test('answers a job, after its warm-up, with what the main thread extracts; a bad file gets the same message', async () => {
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
      extractor.postMessage({ warmUp: true });
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

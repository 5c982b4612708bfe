/**
 * The extraction pool checked against the main thread: the same generated article files
 * extracted by two of the pool's extractors (worker threads, or processes on the
 * extractor's snapshot, whichever the pool starts) and by `extractOne` here.
 */
import assert from 'node:assert/strict';
import { extractOne } from '../../src/pipeline/extract-one.ts';
import { extractAll } from '../../src/pipeline/extract-pool.ts';
import { generateArticle } from '../../scripts/generate-corpus.ts';

/** `count` generated files (seed `seed`) come back from the pool, in order, exactly as the main thread extracts them. */
export async function assertPoolExtractsAsMainThread(count: number, seed: number): Promise<void> {
  const jobs = Array.from({ length: count }, (_, i) => {
    const { file, text } = generateArticle(i, seed);
    return { file, bytes: new TextEncoder().encode(text) };
  });
  const inPool = await extractAll(jobs, { workers: 2 });
  assert.deepEqual(inPool, jobs.map((j) => extractOne(j.file, j.bytes)));
}

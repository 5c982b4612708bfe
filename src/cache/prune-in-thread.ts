/**
 * The record cache's prune (usage.ts `pruneUnused`) in a worker thread (prune-worker.ts):
 * a rebuild starts it once its pages and search index are made, so that it runs on the
 * other core beside the swap and the state's writing, and awaits it at its end. The
 * thread's answer is the prune's result, or its error.
 */
import { startTsWorker } from '../pipeline/worker-thread.ts';
import type { PruneResult } from './record-cache.ts';

/** The prune reads directory listings and file times, and keeps nothing: a small heap. */
const PRUNE_HEAP_MB = 64;

export function pruneInThread(cacheDir: string, maxBytes: number): Promise<PruneResult> {
  const worker = startTsWorker(new URL('./prune-worker.ts', import.meta.url), PRUNE_HEAP_MB);
  return new Promise<PruneResult>((resolve, reject) => {
    worker.once('message', (answer: { result: PruneResult } | { error: string }) => {
      if ('result' in answer) resolve(answer.result);
      else reject(new Error(`pruning the cache: ${answer.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`pruning the cache: the thread stopped (exit code ${code})`)));
    worker.postMessage({ cacheDir, maxBytes });
  }).finally(() => void worker.terminate());
}

/**
 * The record cache's prune, in a worker thread of its own (src/cache/prune-in-thread.ts):
 * listing and checking ~10,000 entries is ~0.2–0.5 s of file-system calls, which a build
 * then does beside its own work instead of after it. One message, one answer.
 */
import { parentPort } from 'node:worker_threads';
import { DiskRecordCache } from './record-cache.ts';
import { pruneUnused } from './usage.ts';

parentPort!.once('message', (message: { cacheDir: string; maxBytes: number }) => {
  void (async () => {
    try {
      parentPort!.postMessage({ result: await pruneUnused(new DiskRecordCache(message.cacheDir), message.cacheDir, message.maxBytes) });
    } catch (error) {
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  })();
});

/**
 * The extraction worker: receives `{ id, file, bytes }`, answers `{ id, outcome }`; on
 * `{ warmUp: true }` it extracts warm-up-page.ts `WARM_UP_PAGE` and answers nothing.
 * Started by extract-pool.ts through a small bootstrap that loads TypeScript with tsx.
 */
import { parentPort } from 'node:worker_threads';
import { extractOne } from './extract-one.ts';
import { WARM_UP_PAGE } from './warm-up-page.ts';

/** Files extracted so far: once one has been, the code is warm. */
let extracted = 0;

parentPort!.on('message', (job: { id: number; file: string; bytes: Uint8Array } | { warmUp: true }) => {
  if ('warmUp' in job) {
    // After the messages already waiting (a file sent while the code loaded goes first,
    // and then warms the code itself): only a thread with nothing to do extracts the sample.
    setImmediate(() => {
      if (extracted === 0) extractOne('warm-up.txt', Buffer.from(WARM_UP_PAGE));
    });
    return;
  }
  extracted++;
  parentPort!.postMessage({ id: job.id, outcome: extractOne(job.file, job.bytes) });
});

/**
 * The extraction worker: receives `{ id, file, bytes }`, answers `{ id, outcome }`; on
 * `{ warmUp: true }` it extracts warm-up-page.ts `WARM_UP_PAGE` and answers nothing.
 * Started by extract-pool.ts through a small bootstrap that loads TypeScript with tsx.
 */
import { parentPort } from 'node:worker_threads';
import { extractOne } from './extract-one.ts';
import { WARM_UP_PAGE } from './warm-up-page.ts';

parentPort!.on('message', (job: { id: number; file: string; bytes: Uint8Array } | { warmUp: true }) => {
  if ('warmUp' in job) {
    extractOne('warm-up.txt', Buffer.from(WARM_UP_PAGE));
    return;
  }
  parentPort!.postMessage({ id: job.id, outcome: extractOne(job.file, job.bytes) });
});

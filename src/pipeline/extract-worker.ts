/**
 * The extraction worker: receives `{ id, file, bytes }`, answers `{ id, outcome }`; on
 * `{ warmUp: true }` it extracts extract-one.ts `WARM_UP_PAGE` and answers nothing.
 * Started by extract-pool.ts through a small bootstrap that loads TypeScript with tsx.
 */
import { parentPort } from 'node:worker_threads';
import { extractOne, WARM_UP_PAGE } from './extract-one.ts';

parentPort!.on('message', (job: { id: number; file: string; bytes: Uint8Array } | { warmUp: true }) => {
  if ('warmUp' in job) {
    extractOne('warm-up.txt', Buffer.from(WARM_UP_PAGE));
    return;
  }
  parentPort!.postMessage({ id: job.id, outcome: extractOne(job.file, job.bytes) });
});

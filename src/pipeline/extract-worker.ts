/**
 * The extraction worker: receives `{ id, file, bytes }`, answers `{ id, outcome }`.
 * Started by extract-pool.ts through a small bootstrap that loads TypeScript with tsx.
 */
import { parentPort } from 'node:worker_threads';
import { extractOne } from './extract-one.ts';

parentPort!.on('message', (job: { id: number; file: string; bytes: Uint8Array }) => {
  parentPort!.postMessage({ id: job.id, outcome: extractOne(job.file, job.bytes) });
});

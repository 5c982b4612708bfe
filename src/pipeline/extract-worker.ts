/**
 * The extraction worker thread: answers the messages of extract-jobs.ts. Started by
 * extract-pool.ts from the command's bundle, or through a small bootstrap that loads
 * TypeScript with tsx (src/pipeline/worker-thread.ts).
 */
import { parentPort } from 'node:worker_threads';
import { extractionJobs } from './extract-jobs.ts';

parentPort!.on('message', extractionJobs((answer) => parentPort!.postMessage(answer)));

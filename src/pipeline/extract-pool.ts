/**
 * Extraction across the machine's cores: a pool of worker threads, each running the
 * pure extractor and the Markdown renderer on the bytes it is sent.
 *
 * Starting a worker costs a few hundred milliseconds (it loads the extractor's code), so
 * a handful of files is extracted in the main thread instead.
 */
import os from 'node:os';
import { extractOne, type ExtractOutcome } from './extract-one.ts';
import { startTsWorker } from './worker-thread.ts';

/** Fewer files than this are extracted in the main thread: cheaper than starting workers (~300 ms each). */
export const MIN_FILES_FOR_WORKERS = 64;
/** Heap of an extraction thread: one article at a time needs a few MB; this leaves room for the code and its caches. */
const WORKER_HEAP_MB = 192;
/** Jobs in flight per worker, so a worker never waits for the main thread between files. */
const JOBS_PER_WORKER = 4;

export interface ExtractJob {
  file: string;
  bytes: Uint8Array;
}

/** How many workers: one per core the process may use. */
export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism());
}

/** Extract every job; outcomes come back in job order. `onOutcome` sees each as it arrives. */
export async function extractAll(
  jobs: ExtractJob[],
  options: { workers?: number; onOutcome?: (index: number, outcome: ExtractOutcome) => void | Promise<void> } = {},
): Promise<ExtractOutcome[]> {
  const outcomes: ExtractOutcome[] = new Array(jobs.length);
  const workerCount = Math.min(options.workers ?? defaultWorkerCount(), Math.ceil(jobs.length / MIN_FILES_FOR_WORKERS));
  if (workerCount <= 1 && jobs.length < MIN_FILES_FOR_WORKERS * 2) {
    for (let i = 0; i < jobs.length; i++) {
      outcomes[i] = extractOne(jobs[i]!.file, jobs[i]!.bytes);
      await options.onOutcome?.(i, outcomes[i]!);
    }
    return outcomes;
  }
  const workers = Array.from({ length: Math.max(1, workerCount) }, () => startTsWorker(new URL('./extract-worker.ts', import.meta.url), WORKER_HEAP_MB));
  let next = 0;
  const pending: Promise<unknown>[] = [];
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = () => {
              while (inFlight < JOBS_PER_WORKER && next < jobs.length) {
                const id = next++;
                inFlight++;
                worker.postMessage({ id, file: jobs[id]!.file, bytes: jobs[id]!.bytes });
              }
              if (inFlight === 0) resolve();
            };
            worker.on('message', ({ id, outcome }: { id: number; outcome: ExtractOutcome }) => {
              outcomes[id] = outcome;
              inFlight--;
              const handled = options.onOutcome?.(id, outcome);
              if (handled) pending.push(handled);
              send();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (inFlight > 0) reject(new Error(`an extraction worker stopped (exit code ${code})`));
            });
            send();
          }),
      ),
    );
    await Promise.all(pending);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}

/**
 * Extraction across the machine's cores: a pool of extractors, each running the pure
 * extractor and the Markdown renderer on the bytes it is sent — processes started from
 * the extractor's start-up snapshot when the command runs from its bundle, else worker
 * threads (src/pipeline/worker-thread.ts `startExtractor`).
 *
 * Starting a worker thread costs most of a second (it loads the extractor's code), so
 * a handful of files is extracted in the main thread instead.
 */
import os from 'node:os';
import { describeReadError } from '../read/bytes.ts';
import type { ExtractOutcome } from './extract-one.ts';
import { bundledWorkers, startExtractor, takeEarlyExtractor, type Extractor } from './worker-thread.ts';

/** Fewer files than this are extracted in the main thread: cheaper than starting workers (~300 ms each). */
export const MIN_FILES_FOR_WORKERS = 64;
/** Heap of an extraction thread: one article at a time needs a few MB; this leaves room for the code and its caches. */
export const WORKER_HEAP_MB = 192;
/** Jobs in flight per worker (each read from disk just before it is sent), so a worker never waits for the main thread or the disk between files. */
const JOBS_PER_WORKER = 8;

export interface ExtractJob {
  file: string;
  /** The file's bytes, or how to read them when the job is sent (so only jobs in flight hold bytes). */
  bytes: Uint8Array | (() => Promise<Uint8Array>);
}

/** A worker started ahead of need (`warmUp`): a few files are extracted there, the extractor's code loaded while the build reads what it has. */
let warm: Extractor | undefined;

/**
 * Start one extraction worker now: its code (the extractor, unified, zod: about half a
 * second) loads on another core while the main thread reads the previous build's state,
 * so that a rebuild after an edit does not wait for it. The worker is used by the next
 * `extractAll` of a few files, and let go by it (or by `coolDown`). Only from the bundle
 * (`bundledWorkers`): a worker under tsx loads for seconds.
 */
export function warmUp(): void {
  if (warm !== undefined || !bundledWorkers()) return;
  // The command line may have started it already (bin/news-archive.js).
  warm = takeEarlyExtractor(WORKER_HEAP_MB);
  // Its first file runs the code cold (~0.2 s against ~0.05 s once warm). A sample page
  // extracted first, while the build scans, made no rebuild sooner: an edit's file comes
  // while the sample would still run, the state's reading is longer than either, and the
  // sample's ~0.3 s took the core the main thread's garbage collector and reads share
  // (eight edits at 10,000 articles, interleaved: 2.14 s with it, 2.07 s without).
  // It must not keep the process alive should no extraction come.
  warm.unref();
}

export async function coolDown(): Promise<void> {
  const worker = warm;
  warm = undefined;
  await worker?.terminate();
}

/** How many workers: one per core the process may use. */
export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * Extract every job; outcomes come back in job order. `onOutcome` sees each as it
 * arrives; when it returns a promise (a cache write), that worker's next job waits for
 * it, so finished records never pile up in memory faster than they are written. With
 * `onOutcome` the outcomes are its alone and the array comes back empty: holding every
 * whole record (body, HTML, profile: ~20 kB an article) until the end was 2 GB at
 * 100,000 articles.
 */
export async function extractAll(
  jobs: ExtractJob[],
  options: { workers?: number; onOutcome?: (index: number, outcome: ExtractOutcome) => void | Promise<void> } = {},
): Promise<ExtractOutcome[]> {
  const outcomes: ExtractOutcome[] = options.onOutcome ? [] : new Array(jobs.length);
  const workerCount = Math.min(options.workers ?? defaultWorkerCount(), Math.ceil(jobs.length / MIN_FILES_FOR_WORKERS));
  const few = workerCount <= 1 && jobs.length < MIN_FILES_FOR_WORKERS * 2;
  if (few && warm === undefined) {
    const { extractOne } = await import('./extract-one.ts');
    const { describe } = await import('../read/index.ts');
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i]!;
      const outcome = await bytesOf(job).then(
        (bytes) => extractOne(job.file, bytes),
        (error: unknown) => ({ ok: false as const, message: describe(error) }),
      );
      if (options.onOutcome) await options.onOutcome(i, outcome);
      else outcomes[i] = outcome;
    }
    return outcomes;
  }
  const started = warm;
  warm = undefined;
  started?.ref();
  const workers = few
    ? [started!]
    : [...(started ? [started] : []), ...Array.from({ length: Math.max(1, workerCount) - (started ? 1 : 0) }, () => startExtractor(WORKER_HEAP_MB))];
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const finish = (id: number, outcome: ExtractOutcome) => {
              if (!options.onOutcome) outcomes[id] = outcome;
              Promise.resolve(options.onOutcome?.(id, outcome)).then(() => {
                inFlight--;
                send();
              }, reject);
            };
            const send = () => {
              while (inFlight < JOBS_PER_WORKER && next < jobs.length) {
                const id = next++;
                const job = jobs[id]!;
                inFlight++;
                bytesOf(job).then(
                  (bytes) => worker.postMessage({ id, file: job.file, bytes }),
                  (error: unknown) => finish(id, { ok: false, message: describeReadError(error) }),
                );
              }
              if (inFlight === 0) resolve();
            };
            worker.on('message', ({ id, outcome }: { id: number; outcome: ExtractOutcome }) => finish(id, outcome));
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (inFlight > 0) reject(new Error(`an extraction worker stopped (exit code ${code})`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}

function bytesOf(job: ExtractJob): Promise<Uint8Array> {
  return typeof job.bytes === 'function' ? job.bytes() : Promise.resolve(job.bytes);
}

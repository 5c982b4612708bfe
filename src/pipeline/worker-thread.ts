/**
 * Start a worker thread on a TypeScript module. Worker threads do not inherit the main
 * thread's module loader, so a small bootstrap loads the module through tsx's API; when
 * the command runs from its bundle (bin/bundle.js), the thread starts from the module's
 * bundled entry instead, which the command names in `__newsArchiveWorkers`. Extractors
 * start, where the bundle has the extractor's start-up snapshot, as processes on it
 * (`startExtractor`).
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

declare global {
  /** Worker module source URL → bundled entry URL, set by bin/news-archive.js. */
  var __newsArchiveWorkers: Record<string, string> | undefined;
  /** Starts an extraction process on the bundle's snapshot (bin/bundle.js `startExtractProcess`), where there is one. */
  var __newsArchiveExtractProcess: (() => ChildProcess) | undefined;
  /** The extractor bin/news-archive.js started before the command's code loaded, and the heap cap it gave a thread. */
  var __newsArchiveEarlyExtractor: { started: Worker | ChildProcess; heapMb: number } | undefined;
}

/** What extract-pool.ts asks of an extractor: a worker thread, or a process (`ExtractProcess`). */
export interface Extractor {
  postMessage(message: unknown): void;
  /** 'message': an answer of extract-jobs.ts. */
  on(event: 'message', listener: (...args: any[]) => void): this;
  /** 'error': the extractor failed; 'exit': it stopped, with its exit code (or the signal that stopped a process). */
  once(event: 'error' | 'exit', listener: (...args: any[]) => void): this;
  ref(): void;
  unref(): void;
  terminate(): Promise<unknown>;
}

/**
 * `heapMb` caps the thread's old generation: V8 then collects garbage before growing the
 * heap further, which keeps the process's peak memory near what the work really needs.
 */
export function startTsWorker(moduleUrl: URL, heapMb: number): Worker {
  const bundled = globalThis.__newsArchiveWorkers?.[moduleUrl.href];
  if (bundled !== undefined) return new Worker(new URL(bundled), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = moduleUrl.href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
}

const EXTRACT_WORKER = new URL('./extract-worker.ts', import.meta.url);

/**
 * An extractor: a process on the extractor's snapshot where the bundle has one (its heap
 * fixed by the snapshot: bin/bundle.js `EXTRACT_HEAP_MB`), else a worker thread
 * (extract-worker.ts) whose heap is capped at `heapMb`.
 */
export function startExtractor(heapMb: number): Extractor {
  const startProcess = globalThis.__newsArchiveExtractProcess;
  return startProcess ? new ExtractProcess(startProcess()) : startTsWorker(EXTRACT_WORKER, heapMb);
}

/**
 * The extractor the command line started ahead of its code (bin/news-archive.js), once —
 * a thread only when its heap cap is `heapMb` — else a new one (`startExtractor`).
 */
export function takeEarlyExtractor(heapMb: number): Extractor {
  const early = globalThis.__newsArchiveEarlyExtractor;
  globalThis.__newsArchiveEarlyExtractor = undefined;
  if (early !== undefined) {
    if (!(early.started instanceof Worker)) return new ExtractProcess(early.started);
    if (early.heapMb === heapMb) return early.started;
    void early.started.terminate();
  }
  return startExtractor(heapMb);
}

/** Whether a worker starts from a bundled entry (the command line): under tsx (the tests) it takes seconds to load its TypeScript. */
export function bundledWorkers(): boolean {
  return globalThis.__newsArchiveWorkers !== undefined;
}

/** The largest peak resident memory of the extraction processes stopped so far (kB; Linux: 0 elsewhere). */
let largestProcessPeakKb = 0;

/**
 * The most one extraction process of this build held at its peak (its own memory, not the
 * command's). Not a sum: the processes peak at different times (bench.ts samples the
 * whole process tree for what they hold together).
 */
export function extractProcessPeakKb(): number {
  return largestProcessPeakKb;
}

/** An extraction process (src/pipeline/extract-process.ts) behind a worker thread's calls. */
export class ExtractProcess implements Extractor {
  constructor(private readonly child: ChildProcess) {}

  postMessage(message: unknown): void {
    this.child.send(message as object);
  }

  on(event: 'message', listener: (...args: any[]) => void): this {
    this.child.on(event, listener);
    return this;
  }

  once(event: 'error' | 'exit', listener: (...args: any[]) => void): this {
    if (event === 'exit') this.child.once('exit', (code, signal) => listener(code ?? signal));
    else this.child.once(event, listener);
    return this;
  }

  ref(): void {
    this.child.ref();
    this.child.channel?.ref();
  }

  unref(): void {
    this.child.unref();
    this.child.channel?.unref();
  }

  async terminate(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    largestProcessPeakKb = Math.max(largestProcessPeakKb, peakRssKb(this.child.pid));
    const exited = once(this.child, 'exit');
    // An extractor let be (`unref`) would otherwise let the command end before it is gone.
    this.child.ref();
    this.child.kill();
    await exited;
  }
}

/** A process's peak resident set (Linux `VmHWM`), or 0 where it cannot be read. */
function peakRssKb(pid: number | undefined): number {
  try {
    return Number(/^VmHWM:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

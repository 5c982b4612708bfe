/**
 * Start a worker thread on a TypeScript module. Worker threads do not inherit the main
 * thread's module loader, so a small bootstrap loads the module through tsx's API; when
 * the command runs from its bundle (bin/bundle.js), the thread starts from the module's
 * bundled entry instead, which the command names in `__newsArchiveWorkers`.
 */
import { Worker } from 'node:worker_threads';

declare global {
  /** Worker module source URL → bundled entry URL, set by bin/news-archive.js. */
  var __newsArchiveWorkers: Record<string, string> | undefined;
  /** Worker module source URL → a thread bin/news-archive.js started on it before the command's code loaded. */
  var __newsArchiveEarly: Record<string, Worker> | undefined;
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

/**
 * The thread the command line started on `moduleUrl` ahead of its code (bin/news-archive.js),
 * once, when its heap cap is `heapMb`; else a new one (`startTsWorker`).
 */
export function takeEarlyWorker(moduleUrl: URL, heapMb: number): Worker {
  const early = globalThis.__newsArchiveEarly?.[moduleUrl.href];
  if (early !== undefined) {
    delete globalThis.__newsArchiveEarly![moduleUrl.href];
    if (early.resourceLimits?.maxOldGenerationSizeMb === heapMb) return early;
    void early.terminate();
  }
  return startTsWorker(moduleUrl, heapMb);
}

/** Whether a worker starts from a bundled entry (the command line): under tsx (the tests) it takes seconds to load its TypeScript. */
export function bundledWorkers(): boolean {
  return globalThis.__newsArchiveWorkers !== undefined;
}

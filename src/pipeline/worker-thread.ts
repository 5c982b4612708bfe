/**
 * Start a worker thread on a TypeScript module. Worker threads do not inherit the main
 * thread's module loader, so a small bootstrap loads the module through tsx's API.
 */
import { Worker } from 'node:worker_threads';

/**
 * `heapMb` caps the thread's old generation: V8 then collects garbage before growing the
 * heap further, which keeps the process's peak memory near what the work really needs.
 */
export function startTsWorker(moduleUrl: URL, heapMb: number): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = moduleUrl.href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
}

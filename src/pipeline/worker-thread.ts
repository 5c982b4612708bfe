/**
 * Start a worker thread on a TypeScript module. Worker threads do not inherit the main
 * thread's module loader, so a small bootstrap loads the module through tsx's API.
 */
import { Worker } from 'node:worker_threads';

export function startTsWorker(moduleUrl: URL): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = moduleUrl.href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true });
}

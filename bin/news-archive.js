#!/usr/bin/env node
// The installed command. The code is TypeScript: it runs from a bundle made of src/ by
// esbuild and cached (bin/bundle.js); should that fail, tsx loads the sources as they are.
import { Worker } from 'node:worker_threads';
import { loadBundle } from './bundle.js';

/** src/pipeline/extract-pool.ts `WORKER_HEAP_MB` (a thread of other limits is not taken). */
const EXTRACT_WORKER_HEAP_MB = 192;

/** Start the bundled entry of `source` (relative to this file) and leave it for the command (`__newsArchiveEarly`). */
function startEarly(workers, source, heapMb) {
  const href = new URL(source, import.meta.url).href;
  // Only a speed-up: without a bundled entry for it, the command starts its own thread.
  if (workers[href] === undefined) return;
  const worker = new Worker(new URL(workers[href]), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  // It must not keep the process alive should the command not take it.
  worker.unref();
  globalThis.__newsArchiveEarly = { ...globalThis.__newsArchiveEarly, [href]: worker };
}

// Eleventy's resolver hook for its watch mode, which the build never uses; see src/site/eleventy-env.ts
// (set here too: in the bundle, packages load before any of its own code runs).
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= '1';

let bundle;
try {
  bundle = await loadBundle();
} catch (error) {
  if (process.env.DEBUG) console.error('news-archive: running from the sources (the bundle could not be made):', error);
}
if (bundle) {
  // Worker threads start from their bundled entries (src/pipeline/worker-thread.ts).
  globalThis.__newsArchiveWorkers = bundle.workers;
  // A build most often extracts a file or more, and the extractor's thread takes most of a
  // second to load its code: it starts now, on another core, before the command's own code
  // loads (~0.2 s); src/pipeline/extract-pool.ts `warmUp` takes it (src/pipeline/worker-thread.ts).
  if (process.argv[2] === 'build') startEarly(bundle.workers, '../src/pipeline/extract-worker.ts', EXTRACT_WORKER_HEAP_MB);
  await import(bundle.cli);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}

#!/usr/bin/env node
// The installed command. The code is TypeScript: it runs from a bundle made of src/ by
// esbuild and cached (bin/bundle.js); should that fail, tsx loads the sources as they are.
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { EXTRACT_HEAP_MB, INTERRUPT_BUDGET, loadBundle, startExtractProcess } from './bundle.js';

/**
 * Start an extractor — a process on the bundle's snapshot, or a thread on its bundled
 * entry, its heap capped at `heapMb` (a thread is taken only when that is
 * src/pipeline/extract-pool.ts `WORKER_HEAP_MB`) — and leave it for the command
 * (`__newsArchiveEarlyExtractor`).
 */
function startEarlyExtractor(bundle, heapMb) {
  let started;
  if (bundle.extractSnapshot !== undefined) {
    started = startExtractProcess(bundle.extractSnapshot);
    started.channel?.unref();
  } else {
    const href = bundle.workers[new URL('../src/pipeline/extract-worker.ts', import.meta.url).href];
    // Only a speed-up: without a bundled entry for it, the command starts its own thread.
    if (href === undefined) return;
    started = new Worker(new URL(href), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  }
  // It must not keep the process alive should the command not take it.
  started.unref();
  globalThis.__newsArchiveEarlyExtractor = { started, heapMb };
}

// V8's interrupt budget (bin/bundle.js `INTERRUPT_BUDGET`), set before any of the
// command's code loads: the worker threads it starts take it too.
v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);

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
  // The search client's code is kept beside the bundle (src/search/bundle-client.ts).
  globalThis.__newsArchiveBundleDir = fileURLToPath(new URL('.', bundle.cli));
  // Extractors start as processes on the extractor's start-up snapshot, where there is one.
  if (bundle.extractSnapshot !== undefined) globalThis.__newsArchiveExtractProcess = () => startExtractProcess(bundle.extractSnapshot);
  // A build most often extracts a file or more, and an extractor takes a while to start
  // (a process on the snapshot ~0.3 s, a thread loading the code ~0.8 s): it starts now,
  // on another core, before the command's own code loads (~0.2 s);
  // src/pipeline/extract-pool.ts `warmUp` takes it (src/pipeline/worker-thread.ts).
  if (process.argv[2] === 'build') startEarlyExtractor(bundle, EXTRACT_HEAP_MB);
  await import(bundle.cli);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}

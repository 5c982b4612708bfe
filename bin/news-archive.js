#!/usr/bin/env node
// The installed command. The code is TypeScript: it runs from a bundle made of src/ by
// esbuild and cached (bin/bundle.js); should that fail, tsx loads the sources as they are.
import { loadBundle } from './bundle.js';

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
  await import(bundle.cli);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}

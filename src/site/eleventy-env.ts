/**
 * Set before Eleventy is loaded (src/site/index.ts imports this first): Eleventy 3
 * registers an ES module resolver hook for its `--watch` mode, to reload changed
 * JavaScript data files; this project never runs Eleventy in watch mode (`serve`
 * rebuilds in a process of its own). On Node 20 the hook runs on a loader thread that
 * every later import then waits for: about a fifth of a second of a small rebuild.
 * https://github.com/11ty/eleventy/issues/3371
 */
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= '1';

/**
 * One measured run for the build benchmark (scripts/bench/build.ts), in a process of its
 * own so that its peak RSS is its own. Prints one JSON line: the result and `maxRssKb`.
 *
 *   build     <input> <output> <cacheDir>            a build, as `news-archive build` runs it
 *   nocache   <input> <output>                       a build with --no-cache
 *   watch     <input> <output> <cacheDir> <file>     a build, then a change to <file> as `serve` handles it
 *   baseline  <input> <workDir> <cacheDir>           plain Eleventy over the same pages, from Markdown
 */
import { readFile, writeFile } from 'node:fs/promises';
import { build, Builder } from '../../src/build.ts';
import { plainEleventyBaseline } from './plain-eleventy.ts';

const [mode, ...args] = process.argv.slice(2);
const report = (value: object) => console.log(JSON.stringify({ ...value, maxRssKb: process.resourceUsage().maxRSS }));

if (mode === 'build' || mode === 'nocache') {
  const [input, output, cacheDir] = args as [string, string, string];
  const result = await build({ input, output, ...(mode === 'nocache' ? { cache: false } : { cacheDir }) });
  report({ result });
} else if (mode === 'watch') {
  const [input, output, cacheDir, file] = args as [string, string, string, string];
  const builder = new Builder({ input, output, cacheDir }, { persistent: true });
  await builder.build();
  const original = await readFile(file, 'utf8');
  try {
    await writeFile(file, original.replace(/\n\nShare on Facebook/, ' One more sentence was added to the last paragraph.\n\nShare on Facebook'));
    const t0 = performance.now();
    const preview = await builder.preview([file]);
    const previewMs = performance.now() - t0;
    const result = await builder.build();
    report({ previewMs, preview, result, rebuildMs: performance.now() - t0 - previewMs });
  } finally {
    await writeFile(file, original);
  }
} else if (mode === 'baseline') {
  const [input, workDir, cacheDir] = args as [string, string, string];
  report(await plainEleventyBaseline(input, workDir, cacheDir));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}

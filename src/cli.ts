/**
 * `news-archive build | extract | serve | cache` — the command line.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build, Builder, BuildError, type BuildOptions, type BuildResult } from './build.ts';
import { forgetCodeVersions } from './cache/code-version.ts';
import { DEFAULT_CACHE_DIR, DEFAULT_CACHE_MAX_BYTES } from './cache/record-cache.ts';
import { formatSize, parseSize } from './cache/size.ts';
import { USED_LIST_MAX_AGE_MS } from './cache/usage.ts';
import { installInterruptHandlers } from './output-folder.ts';
import { oneLine } from './read/display.ts';
import { listArticleFiles } from './read/list-files.ts';
import { extractProcessPeakKb } from './pipeline/worker-thread.ts';
import type { WorkerReply, WorkerRequest } from './serve.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('news-archive')
  .description('Turn news article text copied from web pages into a searchable static archive.')
  .version(version);

interface BuildFlags {
  input: string;
  output: string;
  pathPrefix: string;
  siteUrl?: string;
  title?: string;
  strict?: boolean;
  quiet?: boolean;
  /** false with `--no-cache`. */
  cache: boolean;
  cacheDir?: string;
  /** `--cache-max-size`, in bytes. */
  cacheMaxSize?: number;
  /** true with `--lunr-index`, false with `--no-lunr-index`. */
  lunrIndex?: boolean;
}

function withBuildFlags(command: Command): Command {
  return command
    .option('-i, --input <dir>', 'folder of article text files', 'articles')
    .option('-o, --output <dir>', 'folder to write the site to (replaced only when the build succeeds)', '_site')
    .option('--path-prefix <prefix>', 'URL path the site is served under, e.g. /archive/', '/')
    .option('--site-url <url>', 'absolute URL of the published site, for feeds and the sitemap', parseUrl)
    .option('--title <title>', 'site title')
    .option('--strict', 'treat every warning as an error: fail and write nothing')
    .option('-q, --quiet', 'print only warnings and errors')
    .option('--no-cache', 'extract and render everything again; neither read nor write the cache')
    .option('--cache-dir <dir>', 'where extracted records are cached (default .cache/news-archive)')
    .option('--cache-max-size <size>', 'past this size the cache drops its least recently used records, e.g. 500MiB (default 1GiB)', parseSizeArg)
    .option('--lunr-index', 'write search/lunr-index.json whatever the size of the archive (default: up to 2,000 articles)')
    .option('--no-lunr-index', 'never write search/lunr-index.json');
}

function toBuildOptions(flags: BuildFlags, log: (line: string) => void): BuildOptions {
  return {
    input: flags.input,
    output: flags.output,
    pathPrefix: flags.pathPrefix,
    ...(flags.siteUrl ? { siteUrl: flags.siteUrl } : {}),
    ...(flags.title ? { title: flags.title } : {}),
    strict: flags.strict ?? false,
    cache: flags.cache,
    ...(flags.cacheDir ? { cacheDir: flags.cacheDir } : {}),
    ...(flags.cacheMaxSize !== undefined ? { cacheMaxBytes: flags.cacheMaxSize } : {}),
    ...(flags.lunrIndex !== undefined ? { lunrIndex: flags.lunrIndex } : {}),
    log,
  };
}

withBuildFlags(program.command('build').description('build the site from the article files')).action(
  async (flags: BuildFlags) => {
    installInterruptHandlers();
    const ok = await runBuild(flags);
    process.exitCode = ok ? 0 : 1;
  },
);

withBuildFlags(program.command('serve').description('build, serve with live reload, rebuild on changes'))
  .addOption(new Option('-p, --port <port>', 'port to serve on').default(8080).argParser(parsePort))
  .action(async (flags: BuildFlags & { port: number }) => {
    const { port, ...buildFlags } = flags;
    // Loaded only here: a build does not need the preview server.
    const { serve } = await import('./serve.ts');
    await serve({ port, input: flags.input, output: flags.output, pathPrefix: flags.pathPrefix, buildArgs: toBuildArgs(buildFlags) });
  });

// The build process `serve` keeps running: it builds on request, with the last build in memory.
withBuildFlags(program.command('build-worker', { hidden: true })).action((flags: BuildFlags) => {
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  const builder = new Builder(toBuildOptions(flags, log), { persistent: true });
  let queue = Promise.resolve();
  process.on('message', (request: WorkerRequest) => {
    queue = queue.then(async () => {
      const reply: WorkerReply = { id: request.id, ok: true };
      if (request.kind === 'preview') {
        const t0 = performance.now();
        try {
          const { pages } = await builder.preview(request.files);
          reply.changedPages = pages;
          if (pages > 0 && !flags.quiet) console.log(`news-archive: rewrote ${pages} changed page(s) in ${Math.round(performance.now() - t0)} ms; rebuilding the rest`);
        } catch (error) {
          reply.ok = false;
          console.error(`news-archive: could not rewrite the changed page(s) first: ${error instanceof Error ? error.message : String(error)}`);
        }
      } else {
        // Templates and styles may have changed since the last build: hash them again.
        forgetCodeVersions();
        reply.ok = await reportBuild(() => builder.build(), flags);
      }
      process.send!(reply);
    });
  });
  process.on('disconnect', () => process.exit(0));
});

program
  .command('extract')
  .description('print one JSON record per line (JSON Lines) for each article file, one per story of a page that holds several')
  .argument('<paths...>', 'article files or folders')
  .action(async (paths: string[]) => {
    const { describe, readStories } = await import('./read/index.ts');
    let failed = 0;
    for (const target of paths) {
      const files = (await stat(target)).isDirectory()
        ? (await listArticleFiles(target)).files
        : [{ file: path.basename(target), absolute: target }];
      for (const { file, absolute } of files) {
        try {
          for (const record of await readStories(file, absolute)) process.stdout.write(`${JSON.stringify(record)}\n`);
        } catch (error) {
          failed++;
          process.stderr.write(`error: ${oneLine(absolute)}: ${oneLine(describe(error))}\n`);
        }
      }
    }
    process.exitCode = failed > 0 ? 1 : 0;
  });

program
  .command('cache')
  .description("show the cache's folder, size and entries; --clear deletes it")
  .option('--cache-dir <dir>', 'the cache folder (default .cache/news-archive)')
  .option('--clear', 'delete the cache folder (the next build extracts and renders everything)')
  .action(async (flags: { cacheDir?: string; clear?: boolean }) => {
    const { summarizeCache } = await import('./cache/summary.ts');
    const summary = await summarizeCache(flags.cacheDir ?? DEFAULT_CACHE_DIR);
    if (!summary.exists) {
      console.log(`news-archive: no cache at ${summary.folder}`);
      return;
    }
    if (flags.clear) {
      await rm(summary.folder, { recursive: true, force: true });
      console.log(`news-archive: deleted the cache at ${summary.folder} (${formatSize(summary.bytes)}, ${summary.entries} record entries)`);
      return;
    }
    console.log(`cache folder: ${summary.folder}`);
    console.log(`size: ${formatSize(summary.bytes)} (records ${formatSize(summary.entryBytes)}; cap ${formatSize(DEFAULT_CACHE_MAX_BYTES)} unless a build sets --cache-max-size)`);
    console.log(`record entries: ${summary.entries}`);
    console.log(`archives built with it in the last ${USED_LIST_MAX_AGE_MS / 86_400_000} days: ${summary.archives.length}`);
    for (const archive of summary.archives.reverse()) {
      console.log(`  ${oneLine(archive.input)} → ${oneLine(archive.output)}: ${archive.keys.length} article file(s), last built ${new Date(archive.time).toISOString()}`);
    }
  });

/** Build once and print the summary; false when the build failed. */
async function runBuild(flags: BuildFlags): Promise<boolean> {
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  return reportBuild(() => build(toBuildOptions(flags, log)), flags);
}

async function reportBuild(run: () => Promise<BuildResult>, flags: BuildFlags): Promise<boolean> {
  try {
    const result = await run();
    printSummary(result, flags, false);
    return true;
  } catch (error) {
    if (error instanceof BuildError && error.result) printSummary(error.result, flags, true);
    console.error(`news-archive: build failed: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    if (!(error instanceof BuildError) && process.env.DEBUG) console.error(error);
    return false;
  }
}

function printSummary(result: BuildResult, flags: BuildFlags, failed: boolean): void {
  for (const { file, message } of result.errors) console.error(`error: ${oneLine(path.join(flags.input, file))}: ${oneLine(message)}`);
  for (const { file, message } of result.warnings) console.error(`warning: ${oneLine(path.join(flags.input, file))}: ${oneLine(message)}`);
  if (failed || flags.quiet) return;
  const skipped = result.errors.length > 0 ? `, ${result.errors.length} file(s) skipped` : '';
  console.log(
    `news-archive: built ${result.articles} article(s), ${result.pages} page(s) into ${flags.output} in ${(result.totalMs / 1000).toFixed(2)} s` +
      ` (${result.warnings.length} warning(s)${skipped})`,
  );
  console.log(`  ${Object.entries(result.stages).map(([stage, ms]) => `${stage} ${ms} ms`).join(' · ')}`);
  // Their memory is not the command's own (which is what \`time\` and the like report).
  // Not when nothing was extracted: the early extractor, let go at once, has only begun to load.
  const extractorKb = extractProcessPeakKb();
  if (extractorKb > 0 && (result.work?.extracted ?? 0) > 0) console.log(`  extraction processes: ${(extractorKb / 1024).toFixed(0)} MiB each at most`);
  if (result.work) {
    const { extracted, renderedArticlePages, searchReused, searchUpdated, renderThreads = 0 } = result.work;
    console.log(
      `  extracted ${extracted} of ${result.files} file(s)${extracted < result.files ? ' (the rest from the cache)' : ''}` +
        `; rendered ${renderedArticlePages} article page(s)${renderedArticlePages < result.articles ? ' (the rest unchanged since the last build)' : ''}${renderThreads > 1 ? ` in ${renderThreads} threads` : ''}${searchReused ? '; search index unchanged' : searchUpdated ? '; search index brought up to date' : ''}`,
    );
  }
}

/** The flags again as arguments, for the build processes `serve` starts. */
function toBuildArgs(flags: BuildFlags): string[] {
  const args = ['--input', flags.input, '--output', flags.output, '--path-prefix', flags.pathPrefix];
  if (flags.siteUrl) args.push('--site-url', flags.siteUrl);
  if (flags.title) args.push('--title', flags.title);
  if (flags.strict) args.push('--strict');
  if (flags.quiet) args.push('--quiet');
  if (!flags.cache) args.push('--no-cache');
  if (flags.cacheDir) args.push('--cache-dir', flags.cacheDir);
  if (flags.cacheMaxSize !== undefined) args.push('--cache-max-size', String(flags.cacheMaxSize));
  if (flags.lunrIndex !== undefined) args.push(flags.lunrIndex ? '--lunr-index' : '--no-lunr-index');
  return args;
}

function parseSizeArg(value: string): number {
  const bytes = parseSize(value);
  if (bytes === undefined) throw new InvalidArgumentError('a size such as 1GiB, 500MB or 2000000 (bytes)');
  return bytes;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError('a port is a number from 1 to 65535');
  return port;
}

function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return value;
  } catch {
    throw new InvalidArgumentError('an absolute http(s) URL such as https://archive.example.org');
  }
}

await program.parseAsync();

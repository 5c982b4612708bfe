/**
 * `news-archive serve`: build, serve the site with live reload, and rebuild when the
 * articles, templates, styles or code change.
 *
 * Each build runs in a fresh child process, so a change to `src/` is picked up without
 * restarting, and a crash in a build never takes the server down. The server keeps
 * serving the previous site until a new one has been swapped in, then reloads the page.
 */
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { spawn } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(PROJECT_ROOT, 'bin', 'news-archive.js');
/** Editors write a file in several steps; wait this long after the last event before building. */
const SETTLE_MS = 120;

export interface ServeOptions {
  port: number;
  input: string;
  output: string;
  pathPrefix: string;
  /** Arguments for `news-archive build`. */
  buildArgs: string[];
}

export async function serve(options: ServeOptions): Promise<void> {
  await runBuild(options.buildArgs);
  const server = EleventyDevServer.getServer('news-archive', path.resolve(options.output), {
    port: options.port,
    pathPrefix: options.pathPrefix,
    domDiff: false,
  });
  await server.serve(options.port);

  let building = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const rebuild = async () => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    do {
      again = false;
      if (await runBuild(options.buildArgs)) server.reload();
    } while (again);
    building = false;
  };
  const outputDir = path.resolve(options.output);
  const watched = [path.resolve(options.input), ...['templates', 'public', 'src'].map((d) => path.join(PROJECT_ROOT, d))];
  const watchers: FSWatcher[] = watched.map((dir) =>
    watch(dir, { recursive: true }, (_event, name) => {
      const changed = name ? path.join(dir, name.toString()) : dir;
      if (changed.startsWith(outputDir) || path.basename(changed).startsWith('.')) return;
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), SETTLE_MS);
    }),
  );
  console.log(`news-archive: watching ${watched.map((d) => path.relative(process.cwd(), d) || '.').join(', ')}`);
  const stop = async () => {
    for (const w of watchers) w.close();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function runBuild(args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'build', ...args], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code === 0));
    child.on('error', () => resolve(false));
  });
}

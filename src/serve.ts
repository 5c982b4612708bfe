/**
 * `news-archive serve`: build, serve the site with live reload, and rebuild when the
 * articles, templates, styles or code change.
 *
 * Builds run in one long-lived child process (`news-archive build-worker`), which keeps
 * the last build's records and page fingerprints in memory: a changed article is read,
 * extracted and rendered alone, and its page rewritten, before the full incremental
 * rebuild that follows it (src/pipeline/preview.ts). A change below `src/` restarts that
 * process, so new code is always what builds; a crash in a build never takes the server
 * down. The server keeps serving the previous site until a new one is in place, then
 * reloads the page.
 */
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { fork, type ChildProcess } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(PROJECT_ROOT, 'bin', 'news-archive.js');
const SRC_DIR = path.join(PROJECT_ROOT, 'src');
/** Editors write a file in several steps; wait this long after the last event before building. */
const SETTLE_MS = 120;

export interface ServeOptions {
  port: number;
  input: string;
  output: string;
  pathPrefix: string;
  /** Arguments for `news-archive build` (and `build-worker`). */
  buildArgs: string[];
}

/** What the build worker is asked to do, and what it answers (see `buildWorker` in cli.ts). */
export type WorkerRequest = { id: number; kind: 'build' | 'preview'; files?: string[] };
export type WorkerReply = { id: number; ok: boolean; changedPages?: number };

export async function serve(options: ServeOptions): Promise<void> {
  const worker = new BuildWorker(options.buildArgs);
  await worker.run('build');
  const server = EleventyDevServer.getServer('news-archive', path.resolve(options.output), {
    port: options.port,
    pathPrefix: options.pathPrefix,
    domDiff: false,
  });
  await server.serve(options.port);

  let building = false;
  let pending = { articles: new Set<string>(), other: false, code: false };
  let timer: NodeJS.Timeout | undefined;
  const rebuild = async () => {
    if (building) return;
    building = true;
    while (pending.articles.size > 0 || pending.other || pending.code) {
      const work = pending;
      pending = { articles: new Set(), other: false, code: false };
      if (work.code) worker.restart();
      // Only article text changed: show the edited page first, then rebuild everything.
      else if (work.articles.size > 0 && !work.other) {
        const reply = await worker.run('preview', [...work.articles]);
        if (reply.ok && (reply.changedPages ?? 0) > 0) server.reload();
      }
      if ((await worker.run('build')).ok) server.reload();
    }
    building = false;
  };
  const inputDir = path.resolve(options.input);
  const outputDir = path.resolve(options.output);
  const watched = [inputDir, ...['templates', 'public', 'src'].map((d) => path.join(PROJECT_ROOT, d))];
  const watchers: FSWatcher[] = watched.map((dir) =>
    watch(dir, { recursive: true }, (_event, name) => {
      const changed = name ? path.join(dir, name.toString()) : dir;
      if (changed.startsWith(outputDir) || path.basename(changed).startsWith('.')) return;
      if (changed.startsWith(SRC_DIR + path.sep)) pending.code = true;
      else if (dir === inputDir) pending.articles.add(changed);
      else pending.other = true;
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), SETTLE_MS);
    }),
  );
  console.log(`news-archive: watching ${watched.map((d) => path.relative(process.cwd(), d) || '.').join(', ')}`);
  const stop = async () => {
    for (const w of watchers) w.close();
    worker.stop();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** The long-lived build process; started again when it dies or the code changes. */
class BuildWorker {
  private child: ChildProcess | undefined;
  private nextId = 1;
  /** Requests without an answer yet, and the process they were sent to. */
  private readonly waiting = new Map<number, { child: ChildProcess; resolve: (reply: WorkerReply) => void }>();

  constructor(private readonly args: string[]) {}

  run(kind: WorkerRequest['kind'], files?: string[]): Promise<WorkerReply> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { child, resolve });
      child.send({ id, kind, ...(files ? { files } : {}) } satisfies WorkerRequest);
    });
  }

  restart(): void {
    this.stop();
    this.start();
  }

  stop(): void {
    const child = this.child;
    this.child = undefined;
    child?.kill();
  }

  private start(): ChildProcess {
    const child = fork(CLI, ['build-worker', ...this.args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (reply: WorkerReply) => {
      this.waiting.get(reply.id)?.resolve(reply);
      this.waiting.delete(reply.id);
    });
    child.on('exit', () => {
      if (this.child === child) this.child = undefined;
      // A build that was under way failed with its process.
      for (const [id, request] of this.waiting) {
        if (request.child !== child) continue;
        this.waiting.delete(id);
        request.resolve({ id, ok: false });
      }
    });
    this.child = child;
    return child;
  }
}

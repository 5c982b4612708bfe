/**
 * Article pages across the machine's cores: Eleventy runs in worker threads, each
 * writing chunks of pages into the same temporary folder (every page is its own file,
 * so they never write the same one). The main thread is meanwhile free for the search
 * stage. A few pages are rendered in the main thread: starting a worker costs more.
 *
 * Each worker is sent the archive once, without the articles' bodies (an article page
 * shows only its own body; it sees the rest of the archive for its pager, its "similar"
 * list and the site-wide footer), then the chunks with their bodies.
 */
import os from 'node:os';
import { renderSite } from '../site/index.ts';
import type { ArticlePage, SiteData } from '../site/types.ts';
import { startTsWorker } from './worker-thread.ts';

/** Article pages per Eleventy run: big enough that the start of a run is noise, small enough to bound memory. */
export const ARTICLE_CHUNK = 500;
/** Heap of a render thread: Eleventy and one chunk of pages, plus the archive without bodies (a few kB an article, 10 kB to be safe). */
const workerHeapMb = (articles: number) => 160 + Math.ceil(articles / 100);
/** Fewer pages than this are rendered in the main thread: a worker takes about a second to load Eleventy. */
export const MIN_PAGES_FOR_WORKERS = 1500;

export function defaultRenderWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

export interface RenderPoolOptions {
  workers?: number;
  chunk?: number;
  minPagesForWorkers?: number;
}

/** Whether `renderArticlePages` renders this many pages in worker threads (else in the calling thread). */
export function usesRenderWorkers(pages: number, options: RenderPoolOptions = {}): boolean {
  const chunks = Math.ceil(pages / (options.chunk ?? ARTICLE_CHUNK));
  return pages >= (options.minPagesForWorkers ?? MIN_PAGES_FOR_WORKERS) && Math.min(options.workers ?? defaultRenderWorkers(), chunks) > 1;
}

/** Render `pages` (article pages of `data`) into `outputDir`; resolves to the number of pages written. */
export async function renderArticlePages(data: SiteData, outputDir: string, pages: ArticlePage[], options: RenderPoolOptions = {}): Promise<number> {
  const size = options.chunk ?? ARTICLE_CHUNK;
  const chunks: ArticlePage[][] = [];
  for (let i = 0; i < pages.length; i += size) chunks.push(pages.slice(i, i + size));
  const count = Math.min(options.workers ?? defaultRenderWorkers(), chunks.length);
  if (!usesRenderWorkers(pages.length, options)) {
    let written = 0;
    for (const chunk of chunks) written += (await renderSite(data, outputDir, { articles: chunk, listings: false })).pages;
    return written;
  }
  const light = withoutBodies(data);

  let next = 0;
  let written = 0;
  const threads = Array.from({ length: count }, () => startTsWorker(new URL('./render-worker.ts', import.meta.url), workerHeapMb(data.articles.length)));
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            thread.postMessage({ kind: 'site', data: light, outputDir });
            const send = () => {
              if (next >= chunks.length) return resolve();
              const id = next++;
              thread.postMessage({ kind: 'chunk', id, pages: chunks[id] });
            };
            thread.on('message', (reply: { id: number; pages?: number; error?: string }) => {
              if (reply.error !== undefined) return reject(new Error(`site: ${reply.error}`));
              written += reply.pages!;
              send();
            });
            thread.once('error', reject);
            thread.once('exit', (code) => reject(new Error(`a render worker stopped (exit code ${code})`)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return written;
}

/**
 * `data` with every article page replaced by a copy without its body, body HTML and
 * removed lines, wherever the page appears (the archive order, years, months, sources,
 * the latest list, …): a walk over the whole structure, so new fields need no change here.
 */
function withoutBodies(data: SiteData): SiteData {
  const replaced = new Map<object, unknown>(data.articles.map((page) => [page, { ...page, body: '', bodyHtml: '', removed: [] }]));
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const known = replaced.get(value);
    if (known !== undefined) return known;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
    replaced.set(value, copy);
    for (const [key, item] of Object.entries(value)) (copy as Record<string, unknown>)[key] = walk(item);
    return copy;
  };
  return walk(data) as SiteData;
}

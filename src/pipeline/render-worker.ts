/**
 * A render worker: Eleventy writing runs of article pages, or of year, month, source and
 * topic pages (render-pool.ts).
 *
 *   { kind: 'site', data, outputDir }   the site options, the article count and the undated articles' teasers
 *   { kind: 'run', id, pages, groups }  article pages with their pager links, and/or groups with
 *                                       their articles' teasers → { id, pages } or { id, error }
 */
import { parentPort } from 'node:worker_threads';
import { loadRenderer, renderSite } from '../site/index.ts';
import type { SiteData } from '../site/types.ts';
import type { RenderRun } from './render-pool.ts';

let site: { data: SiteData; outputDir: string } | undefined;
// Eleventy loads as the thread starts: a thread started ahead of need (render-pool.ts `warmUp`) is ready when its pages come.
loadRenderer().catch(() => {});

parentPort!.on('message', async (message: { kind: 'site'; data: SiteData; outputDir: string } | ({ kind: 'run'; id: number } & RenderRun)) => {
  if (message.kind === 'site') {
    site = { data: message.data, outputDir: message.outputDir };
    return;
  }
  try {
    const { pages } = await renderSite(
      site!.data,
      site!.outputDir,
      { pagedArticles: message.pages ?? [], listings: message.groups === undefined ? false : { front: false, public: false, ...message.groups } },
    );
    parentPort!.postMessage({ id: message.id, pages });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

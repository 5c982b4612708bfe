/**
 * A render worker: Eleventy writing chunks of article pages (render-pool.ts).
 *
 *   { kind: 'site', data, outputDir }   the site options and the article count (no articles)
 *   { kind: 'chunk', id, pages }        article pages with their pager links → { id, pages } or { id, error }
 */
import { parentPort } from 'node:worker_threads';
import { renderSite } from '../site/index.ts';
import type { PagedArticle } from '../site/index.ts';
import type { SiteData } from '../site/types.ts';

let site: { data: SiteData; outputDir: string } | undefined;

parentPort!.on('message', async (message: { kind: 'site'; data: SiteData; outputDir: string } | { kind: 'chunk'; id: number; pages: PagedArticle[] }) => {
  if (message.kind === 'site') {
    site = { data: message.data, outputDir: message.outputDir };
    return;
  }
  try {
    const { pages } = await renderSite(site!.data, site!.outputDir, { pagedArticles: message.pages, listings: false });
    parentPort!.postMessage({ id: message.id, pages });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

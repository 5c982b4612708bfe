/**
 * A render worker: Eleventy writing chunks of article pages (render-pool.ts).
 *
 *   { kind: 'site', data, outputDir }   the archive as every page sees it (without article bodies)
 *   { kind: 'chunk', id, pages }        article pages to write → { id, pages } or { id, error }
 */
import { parentPort } from 'node:worker_threads';
import { renderSite } from '../site/index.ts';
import type { ArticlePage, SiteData } from '../site/types.ts';

let site: { data: SiteData; outputDir: string } | undefined;

parentPort!.on('message', async (message: { kind: 'site'; data: SiteData; outputDir: string } | { kind: 'chunk'; id: number; pages: ArticlePage[] }) => {
  if (message.kind === 'site') {
    site = { data: message.data, outputDir: message.outputDir };
    return;
  }
  try {
    const { pages } = await renderSite(site!.data, site!.outputDir, { articles: message.pages, listings: false });
    parentPort!.postMessage({ id: message.id, pages });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

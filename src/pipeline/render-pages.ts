/**
 * The Eleventy stage of a build, split so that only what changed is rendered.
 *
 * - The listing pages (home, archive, sources, feeds, sitemap, …) show many articles
 *   each; they are rendered on every build, in one Eleventy run that also copies public/.
 * - Each article page is a function of its own page data, its two pager neighbours and
 *   the site-wide bits every page shows (the site options and the article count in the
 *   footer) — and of the templates. That is its fingerprint. A page whose fingerprint is
 *   the one recorded for the previous output is hard-linked from there (a copy where
 *   links are impossible); the others are rendered in runs of at most `ARTICLE_CHUNK`
 *   pages and `CHUNK_BODY_CHARS` of body HTML, in worker threads when there are many
 *   (render-pool.ts), so Eleventy never holds more than one run in memory per thread.
 *
 * If a template starts using more of `archive` on article pages, add it to
 * `siteWideInput` below; test/build/incremental.test.ts compares a rebuild with a clean
 * build byte for byte to catch exactly that.
 */
import { createHash } from 'node:crypto';

import path from 'node:path';
import { codeVersion, RENDER_CODE } from '../cache/code-version.ts';
import { linkOrCopy } from '../output-folder.ts';
import { renderSite } from '../site/index.ts';
import type { ArticlePage, BodySource, SiteData } from '../site/types.ts';
import { renderArticlePages, usesRenderWorkers } from './render-pool.ts';

/** Fields left out of a page's fingerprint: they are covered by the record key, and are the bulk of the page. */
const HEAVY_FIELDS = new Set(['body', 'bodyHtml', 'removed']);

export interface Fingerprints {
  /** slug → fingerprint of the article page. */
  pages: Map<string, string>;
  /** Fingerprint of everything the articles say, in order (for the search stage). */
  articles: string;
}

/** `keys`: slug → record key (which covers the body, the body HTML and the rest of the record). */
export function fingerprintPages(data: SiteData, keys: Map<string, string>): Fingerprints {
  const version = codeVersion(RENDER_CODE);
  const siteWide = sha1(`${version}\0${JSON.stringify(siteWideInput(data))}`);
  const own = data.articles.map((page) =>
    sha1(`${keys.get(page.slug) ?? ''}\0${JSON.stringify(page, (k, v) => (HEAVY_FIELDS.has(k) ? undefined : v))}`),
  );
  const pages = new Map<string, string>();
  data.articles.forEach((page, i) => {
    pages.set(page.slug, sha1(`${siteWide}\0${own[i - 1] ?? ''}\0${own[i]}\0${own[i + 1] ?? ''}`));
  });
  return { pages, articles: sha1(`${JSON.stringify(data.site)}\0${own.join('\0')}`) };
}

/** What every article page shows of the archive besides itself and its neighbours. */
function siteWideInput(data: SiteData): unknown {
  return { site: data.site, count: data.articles.length };
}

export interface RenderPlanResult {
  /** Pages Eleventy wrote (listing and article pages). */
  pages: number;
  /** Article pages rendered; the rest were linked from the previous output. */
  rendered: number;
}

/**
 * Render into `temp`: the listing pages, and the article pages whose fingerprint differs
 * from `previous` (slug → fingerprint of the page in `previousDir`).
 */
export async function renderPages(
  data: SiteData,
  temp: string,
  fingerprints: Fingerprints,
  previous: { dir: string; pages: Record<string, string> } | undefined,
  bodyOf?: BodySource,
): Promise<RenderPlanResult> {
  const toRender: ArticlePage[] = [];
  const reused: Promise<void>[] = [];
  for (const page of data.articles) {
    const fingerprint = fingerprints.pages.get(page.slug)!;
    if (previous !== undefined && previous.pages[page.slug] === fingerprint) {
      const file = path.join('articles', page.slug, 'index.html');
      reused.push(
        linkOrCopy(path.join(previous.dir, file), path.join(temp, file)).catch(() => {
          toRender.push(page);
        }),
      );
    } else {
      toRender.push(page);
    }
  }
  await Promise.all(reused);
  // Archive order, whatever order the failed links came back in.
  const order = new Map(data.articles.map((p, i) => [p.slug, i]));
  toRender.sort((a, b) => order.get(a.slug)! - order.get(b.slug)!);
  // The listing pages here while the article pages render in worker threads; one after
  // the other when the article pages render here too (one Eleventy at a time per thread).
  // Of the listings, only the feeds show bodies: those of the latest articles.
  const listingsRun = async () => {
    const latest = bodyOf === undefined ? data.latest : await Promise.all(data.latest.map(async (page) => ({ ...page, bodyHtml: await bodyOf(page) })));
    return renderSite({ ...data, latest }, temp, { articles: [], listings: true });
  };
  const articlesRun = () => renderArticlePages(data, temp, toRender, bodyOf === undefined ? {} : { bodyOf });
  const [listings, articlePages] = usesRenderWorkers(toRender.length)
    ? await Promise.all([listingsRun(), articlesRun()])
    : [await listingsRun(), await articlesRun()];
  return { pages: listings.pages + articlePages + (data.articles.length - toRender.length), rendered: toRender.length };
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * A render worker: Eleventy writing runs of article pages, or of year, month, source and
 * topic pages (render-pool.ts).
 *
 *   { kind: 'site', data, outputDir, flat, spares } the site options, the article count and the undated articles' teasers;
 *                                       with `flat`, a run's pages are staged there side by side
 *                                       (commit.ts `stageFlat`) instead of written into `outputDir`,
 *                                       over the `spares` the threads take in turn (spare-files.ts)
 *   { kind: 'run', id, pages, groups }  article pages with their pager links, and/or groups with
 *                                       their articles' teasers → { id, pages } or { id, error }
 *   { kind: 'run', id, front, listings } the pages about the archive as a whole and/or public/, from
 *                                       `front` (render-pool.ts `frontData`) → { id, pages, files }
 */
import { mkdir, rm } from 'node:fs/promises';
import { parentPort, threadId } from 'node:worker_threads';
import type { ArticleRecord } from '../record.ts';
import { loadRenderer, renderSite } from '../site/index.ts';
import { pagesOfGroups } from '../site/listing-pages.ts';
import { toSiteData } from '../site/site-data.ts';
import type { SiteData, SiteOptions } from '../site/types.ts';
import { stageFlat } from './commit.ts';
import { practiceFolder, type RenderRun, type SpareFiles } from './render-pool.ts';

let site: { data: SiteData; outputDir: string; flat?: string; spares?: SpareFiles } | undefined;
/** The runs this thread staged side by side: each one's name is this thread's id and its number. */
let flatRuns = 0;
// Eleventy loads as the thread starts: a thread started ahead of need (render-pool.ts `warmUp`) is ready when its pages come.
loadRenderer().catch(() => {});
/** The practice page of a thread started ahead (`{ kind: 'warm' }`): runs wait for it. */
let practice: Promise<void> = Promise.resolve();

/** The runs, one after another: the main thread posts the next before this one ends (render-pool.ts `RUNS_IN_FLIGHT`). */
let runs: Promise<void> = Promise.resolve();

parentPort!.on('message', (message: { kind: 'warm'; site: SiteOptions } | { kind: 'site'; data: SiteData; outputDir: string; flat?: string; spares?: SpareFiles } | ({ kind: 'run'; id: number } & RenderRun)) => {
  if (message.kind === 'warm') {
    practice = renderPractice(message.site).catch(() => {});
    return;
  }
  if (message.kind === 'site') {
    site = { data: message.data, outputDir: message.outputDir, ...(message.flat !== undefined ? { flat: message.flat } : {}), ...(message.spares !== undefined ? { spares: message.spares } : {}) };
    return;
  }
  runs = runs.then(() => render(message));
});

/** The next spare file no thread has taken (render-pool.ts `spareFilesIn`), if any is left. */
function takeSpare(): string | undefined {
  const spares = site?.spares;
  if (spares === undefined) return undefined;
  const n = Atomics.add(spares.taken, 0, 1);
  return spares.paths[n];
}

async function render(message: { id: number } & RenderRun): Promise<void> {
  await practice;
  try {
    if (message.front !== undefined) {
      // The pages about the archive as a whole (render-pool.ts `renderFront`): the files they wrote go back.
      const listings = { ...message.listings!, years: [], months: [], sources: [], topics: [] };
      const { pages, files } = await renderSite(message.front, site!.outputDir, { articles: [], listings });
      parentPort!.postMessage({ id: message.id, pages, files });
      return;
    }
    const { flat } = site!;
    const { pages, files, contents } = await renderSite(site!.data, site!.outputDir, {
      pagedArticles: message.pages ?? [],
      listings: message.groups === undefined ? false : { front: false, public: false, ...message.groups },
      inMemory: flat !== undefined,
    });
    if (flat !== undefined) stageFlat(flat, `${threadId}-${flatRuns++}`, files, contents!, takeSpare);
    parentPort!.postMessage({ id: message.id, pages });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
}

/** A made-up article of one sentence: what the practice page shows. */
const PRACTICE_RECORD: ArticleRecord = {
  slug: 'practice',
  file: 'practice.txt',
  title: 'Practice',
  titleSource: 'text',
  date: '2000-01-01',
  source: 'Practice',
  language: 'en',
  byline: [],
  body: 'Practice.',
  captions: [],
  related: [],
  removed: [],
  topics: [{ name: 'Practice', kind: 'place' }],
  wordCount: 1,
  warnings: [],
};

/**
 * Render a made-up article page and its year, month, source and topic pages (what an
 * edit's rebuild renders) into a scratch folder
 * (`practiceFolder`, which the main thread removes too should it stop this thread first), and remove it:
 * the first Eleventy run in a thread compiles Eleventy's and the templates' code as it
 * goes and takes four times as long as the next (~280 against ~70 ms for one article page),
 * so a thread started ahead of a rebuild takes that run while the main thread makes the
 * site data, and the rebuild's pages come to a thread that is ready.
 */
async function renderPractice(options: SiteOptions): Promise<void> {
  const data = toSiteData([PRACTICE_RECORD], new Map([[PRACTICE_RECORD.slug, '<p>Practice.</p>']]), options);
  const scratch = practiceFolder(threadId);
  await mkdir(scratch, { recursive: true });
  try {
    await renderSite(data, scratch, { listings: { front: false, public: false, years: data.years, months: data.months ?? [], sources: pagesOfGroups(data.sources), topics: pagesOfGroups(data.topics ?? []) } });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

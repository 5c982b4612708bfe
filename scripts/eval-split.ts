/**
 * Evaluate story segmentation on pages built from development sets.
 *
 *   npm run eval:split -- <dataset-dir>... [--pages N] [--seed S] [--cost]
 *
 * Each dataset's gold bodies (`gold.json`) are joined 2–5 at a time into pages with
 * their headlines dropped, in two layouts (one paragraph per line; blank lines between
 * paragraphs), and every body is also a page of its own (scripts/lib/split-pages.ts).
 * The segmenter's weights and threshold are fitted (scripts/lib/split-train.ts) and
 * measured two ways, so no figure comes from pages the fit saw:
 *
 * - within-set: 5-fold cross-validation by article (pages of the held-out fifth are
 *   built from its articles only);
 * - cross-set: fitted on the other datasets, measured on this one.
 *
 * Then the cost: extraction and segmentation timed apart on the datasets' pages
 * (`--cost` prints only that). A table, not a test. Deterministic for a given seed
 * (but for the timings). Prints no page text.
 */
import path from 'node:path';
import os from 'node:os';
import { extract, markdownToText } from '../src/extract/index.ts';
import type { Block } from '../src/extract/markdown.ts';
import { findStories, storyStarts, type StoryModel } from '../src/extract/stories/index.ts';
import { STORY_MODEL } from '../src/extract/stories/weights.ts';
import { buildPages, DEFAULT_PAGES, DEFAULT_SEED, LAYOUTS, loadArticles, seededRandom, TRAINING_JOININGS, type Article, type Joining, type Layout } from './lib/split-pages.ts';
import { loadDataset } from './lib/dataset.ts';
import { boundaryMatches, pk, windowDiff } from './lib/split-metrics.ts';
import { featurePage, fitModel, type FeaturedPage } from './lib/split-train.ts';

const FOLDS = 5;
/** A found boundary one block away from the true one counts as found. */
const TOLERANCE = 1;

interface Args {
  dirs: string[];
  pages: number;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const dirs: string[] = [];
  let pages = DEFAULT_PAGES;
  let seed = DEFAULT_SEED;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--pages') pages = Number(argv[++i]);
    else if (arg === '--seed') seed = Number(argv[++i]);
    else if (arg === '--cost') continue;
    else dirs.push(arg);
  }
  if (dirs.length === 0 || !Number.isInteger(pages) || pages < 1) {
    console.error('usage: npm run eval:split -- <dataset-dir>... [--pages N] [--seed S]');
    process.exit(2);
  }
  return { dirs, pages, seed };
}

/** The pages a fit sees: every training joining, both layouts. */
function trainingPages(articles: readonly Article[], count: number, seed: number): FeaturedPage[] {
  return TRAINING_JOININGS.flatMap((by) => Object.values(featured(articles, count, seed, by)).flat());
}

/** Pages in both layouts, featured once. */
function featured(articles: readonly Article[], count: number, seed: number, by: Joining = 'random'): Record<Layout, FeaturedPage[]> {
  const out = {} as Record<Layout, FeaturedPage[]>;
  for (const layout of LAYOUTS) {
    const { joined, single } = buildPages(articles, layout, count, seed, by);
    out[layout] = [...joined.map((p) => featurePage(p, false)), ...single.map((p) => featurePage(p, true))];
  }
  return out;
}

interface Tally {
  joined: number;
  exact: number;
  matched: number;
  found: number;
  truth: number;
  pk: number;
  windowDiff: number;
  singles: number;
  split: number;
}

const emptyTally = (): Tally => ({ joined: 0, exact: 0, matched: 0, found: 0, truth: 0, pk: 0, windowDiff: 0, singles: 0, split: 0 });

function measure(pages: readonly FeaturedPage[], model: StoryModel, tally: Tally): void {
  for (const p of pages) {
    const found = storyStarts(p.terms, p.rows, model);
    const n = p.page.blocks.length;
    if (p.single) {
      tally.singles++;
      if (found.length > 1) tally.split++;
      continue;
    }
    tally.joined++;
    if (found.length === p.page.starts.length) tally.exact++;
    const m = boundaryMatches(p.page.starts, found, TOLERANCE);
    tally.matched += m.matched;
    tally.found += m.found;
    tally.truth += m.truth;
    tally.pk += pk(p.page.starts, found, n);
    tally.windowDiff += windowDiff(p.page.starts, found, n);
  }
}

function row(t: Tally): Record<string, string | number> {
  const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);
  return {
    'joined pages': t.joined,
    'exact count': pct(t.exact, t.joined),
    'boundary P': t.found === 0 ? '–' : (t.matched / t.found).toFixed(3),
    'boundary R': t.truth === 0 ? '–' : (t.matched / t.truth).toFixed(3),
    Pk: (t.pk / Math.max(1, t.joined)).toFixed(3),
    WindowDiff: (t.windowDiff / Math.max(1, t.joined)).toFixed(3),
    singles: t.singles,
    'singles split': pct(t.split, t.singles),
  };
}

/** Split articles into folds by a seeded shuffle. */
function folds(articles: readonly Article[], seed: number): Article[][] {
  const random = seededRandom(seed);
  const shuffled = [...articles];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as Article, shuffled[i] as Article];
  }
  return Array.from({ length: FOLDS }, (_, f) => shuffled.filter((_, i) => i % FOLDS === f));
}

/** Rounds over the pages when timing, after one warm-up round. */
const TIMING_ROUNDS = 5;

/**
 * What segmentation adds to extraction: every page of the datasets extracted, and its
 * body (one paragraph block per Markdown paragraph) segmented, timed apart over the same
 * rounds. Time per article in milliseconds, by this process's CPU time.
 */
function cost(dirs: readonly string[]): void {
  const pages = dirs.flatMap((dir) => loadDataset(dir).map(({ id, text }) => ({ file: id, text })));
  const bodies = pages.map(({ file, text }) => {
    try {
      const record = extract(text, { file });
      return { blocks: record.body.split('\n\n').map((p): Block => ({ kind: 'paragraph', text: markdownToText(p) })), language: record.language };
    } catch {
      return { blocks: [] as Block[] };
    }
  });
  const time = (run: () => void) => {
    run();
    const started = process.cpuUsage();
    for (let r = 0; r < TIMING_ROUNDS; r++) run();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000 / TIMING_ROUNDS / pages.length;
  };
  const extraction = time(() => {
    for (const { file, text } of pages) {
      try {
        extract(text, { file });
      } catch {
        // an empty page: counted as it costs
      }
    }
  });
  const segmentation = time(() => {
    for (const body of bodies) findStories(body);
  });
  console.log(
    `cost over ${pages.length} pages: extraction ${extraction.toFixed(3)} ms/article, segmentation ${segmentation.toFixed(3)} ms/article (${((100 * segmentation) / extraction).toFixed(1)} % more)`,
  );
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (process.argv.includes('--cost')) {
    cost(args.dirs);
    return;
  }
  const sets = args.dirs.map((dir) => ({ name: path.basename(path.resolve(dir)), articles: loadArticles(dir) }));
  const rows: Record<string, Record<string, string | number>> = {};
  const all = new Map(sets.map((s) => [s.name, featured(s.articles, args.pages, args.seed)]));

  for (const set of sets) {
    // Within the set: 5-fold cross-validation by article.
    const within = Object.fromEntries(LAYOUTS.map((l) => [l, emptyTally()])) as Record<Layout, Tally>;
    const parts = folds(set.articles, args.seed);
    parts.forEach((held, f) => {
      const train = parts.filter((_, g) => g !== f).flat();
      const model = fitModel(trainingPages(train, args.pages, args.seed + f + 1));
      const test = featured(held, Math.ceil(args.pages / FOLDS), args.seed + 100 + f);
      for (const layout of LAYOUTS) measure(test[layout], model, within[layout]);
    });
    for (const layout of LAYOUTS) rows[`${set.name}, ${layout}, within-set (5-fold)`] = row(within[layout]);

    // Across sets: fitted on the others.
    const others = sets.filter((s) => s !== set);
    if (others.length > 0) {
      const model = fitModel(others.flatMap((s) => trainingPages(s.articles, args.pages, args.seed)));
      const test = all.get(set.name) as Record<Layout, FeaturedPage[]>;
      const byTopic = featured(set.articles, args.pages, args.seed, 'topic');
      for (const layout of LAYOUTS) {
        const tally = emptyTally();
        measure(test[layout], model, tally);
        rows[`${set.name}, ${layout}, cross-set`] = row(tally);
        const hard = emptyTally();
        measure(byTopic[layout], model, hard);
        rows[`${set.name}, ${layout}, cross-set, joined by topic`] = row(hard);
      }
    }

    // The committed weights (fitted on both development sets: in-sample, for reference),
    // on the pages above and on pages whose stories share a subject (the hard case of 004).
    const test = all.get(set.name) as Record<Layout, FeaturedPage[]>;
    const topic = featured(set.articles, args.pages, args.seed, 'topic');
    for (const layout of LAYOUTS) {
      const tally = emptyTally();
      measure(test[layout], STORY_MODEL, tally);
      rows[`${set.name}, ${layout}, committed (in-sample)`] = row(tally);
      const hard = emptyTally();
      measure(topic[layout], STORY_MODEL, hard);
      rows[`${set.name}, ${layout}, committed, joined by topic`] = row(hard);
    }
  }
  console.table(rows);
  cost(args.dirs);
  console.log(`seed ${args.seed}, ${args.pages} joined pages per set and layout; load average ${os.loadavg()[0]?.toFixed(1)}`);
}

main();

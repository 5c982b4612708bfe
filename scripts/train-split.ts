/**
 * Fit the story segmenter on development sets and write its weights.
 *
 *   npm run train:split -- <dataset-dir>... [--write]
 *
 * Builds the test pages of scripts/lib/split-pages.ts from every dataset given (joined
 * 2–5 bodies at random, both layouts, and every body alone), fits the model
 * (scripts/lib/split-train.ts) on all of them, prints the weights and, with `--write`,
 * stores them in src/extract/stories/weights.ts. Deterministic: the same datasets give
 * the same file, byte for byte. The figures to quote are `npm run eval:split`'s, which
 * never measure on pages the fit saw. No page text is written anywhere.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPages, DEFAULT_PAGES, DEFAULT_SEED, LAYOUTS, loadArticles, TRAINING_JOININGS } from './lib/split-pages.ts';
import { featurePage, fitModel, weightsSource } from './lib/split-train.ts';

const OUTPUT = path.join(import.meta.dirname, '../src/extract/stories/weights.ts');

function main(): void {
  const args = process.argv.slice(2);
  const dirs = args.filter((a) => !a.startsWith('--'));
  if (dirs.length === 0) {
    console.error('usage: npm run train:split -- <dataset-dir>... [--write]');
    process.exit(2);
  }
  const pages = dirs.flatMap((dir) => {
    const articles = loadArticles(dir);
    return TRAINING_JOININGS.flatMap((by) => LAYOUTS.flatMap((layout) => {
      const { joined, single } = buildPages(articles, layout, DEFAULT_PAGES, DEFAULT_SEED, by);
      return [...joined.map((p) => featurePage(p, false)), ...single.map((p) => featurePage(p, true))];
    }));
  });
  const model = fitModel(pages);
  const file = weightsSource(model);
  console.log(file);
  if (args.includes('--write')) {
    writeFileSync(OUTPUT, file);
    console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
  }
}

main();

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
import { GAP_FEATURES } from '../src/extract/stories/features.ts';
import type { StoryModel } from '../src/extract/stories/index.ts';
import { buildPages, DEFAULT_PAGES, DEFAULT_SEED, LAYOUTS, loadArticles } from './lib/split-pages.ts';
import { featurePage, fitModel } from './lib/split-train.ts';

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
    return LAYOUTS.flatMap((layout) => {
      const { joined, single } = buildPages(articles, layout, DEFAULT_PAGES, DEFAULT_SEED);
      return [...joined.map((p) => featurePage(p, false)), ...single.map((p) => featurePage(p, true))];
    });
  });
  const model = fitModel(pages);
  const file = render(model);
  console.log(file);
  if (args.includes('--write')) {
    writeFileSync(OUTPUT, file);
    console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
  }
}

function render(model: StoryModel): string {
  const round = (x: number) => Number(x.toFixed(3));
  const names = [...GAP_FEATURES, 'where'];
  const list = (weights: readonly number[]) => weights.map((w, k) => `    ${round(w)}, // ${names[k]}`).join('\n');
  return `/** Written by \`npm run train:split -- <dataset-dir>... --write\`; do not edit by hand. One weight per feature of features.ts (\`whether\` also weighs the \`where\` score). */
import type { StoryModel } from './index.ts';

export const STORY_MODEL: StoryModel = {
  where: [
${list(model.where)}
  ],
  whether: [
${list(model.whether)}
  ],
  minScore: ${round(model.minScore)},
};
`;
}

main();

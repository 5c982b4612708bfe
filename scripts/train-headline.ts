/**
 * Train the headline model: a conditional logit over each page's candidate lines.
 *
 *   tsx scripts/train-headline.ts <dataset-dir> [--write]
 *
 * For every page of the dataset (`pages/*.txt` + `gold.json`, see eval-extract.ts), the
 * candidates are the lines `findHeadline` would consider; the one whose text matches a
 * gold headline is the positive. Weights are fitted by full-batch gradient descent from
 * zero with an L2 penalty (deterministic: same data, same weights). The script prints
 * the accuracy of 5-fold cross-validation by page (the number to trust: each page is
 * scored by weights that never saw it) next to the training accuracy, and with
 * `--write` stores the weights fitted on all pages in src/extract/model/headline-weights.ts.
 * No page text is written anywhere.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { splitFrontMatter } from '../src/extract/front-matter.ts';
import { headlineContext } from '../src/extract/header.ts';
import { locate } from '../src/extract/index.ts';
import { HEADLINE_FEATURES, headlineScore } from '../src/extract/model/headline-features.ts';
import { headlineCandidates, stripSiteSuffix } from '../src/extract/rules/title.ts';
import { segment } from '../src/extract/segment.ts';
import { HEADLINE_WINDOW_LINES } from '../src/extract/settings.ts';

const ITERATIONS = 3000;
const LEARNING_RATE = 0.3;
const L2 = 0.01;
const FOLDS = 5;

interface Page {
  name: string;
  features: number[][];
  /** Index of the gold candidate, or -1 when no candidate matches. */
  gold: number;
}

const norm = (text: string) => text.toLowerCase().replace(/[‘’‚‛]/g, "'").replace(/[“”„‟]/g, '"').replace(/\s+/g, ' ').trim();

function load(dir: string): Page[] {
  const gold = JSON.parse(readFileSync(path.join(dir, 'gold.json'), 'utf8')) as Record<string, { titles: string[] }>;
  return readdirSync(path.join(dir, 'pages'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, '');
      const text = readFileSync(path.join(dir, 'pages', file), 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
      const lines = segment(splitFrontMatter(text).content);
      const { facts, region } = locate(lines);
      const candidates = headlineCandidates(headlineContext(facts, region), Math.max(0, region.start - HEADLINE_WINDOW_LINES), region.start);
      const titles = new Set((gold[name]?.titles ?? []).map(norm));
      const index = candidates.findIndex((c) => titles.has(norm(stripSiteSuffix((lines[c.index] as { text: string }).text).title)));
      return { name, features: candidates.map((c) => c.features), gold: index };
    });
}

function train(pages: readonly Page[]): number[] {
  const k = HEADLINE_FEATURES.length;
  const w = new Array<number>(k).fill(0);
  const usable = pages.filter((p) => p.gold >= 0);
  for (let it = 0; it < ITERATIONS; it++) {
    const grad = w.map((v) => L2 * v);
    for (const page of usable) {
      const scores = page.features.map((f) => headlineScore(f, w));
      const max = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - max));
      const sum = exp.reduce((a, b) => a + b, 0);
      page.features.forEach((f, c) => {
        const p = (exp[c] as number) / sum - (c === page.gold ? 1 : 0);
        for (let j = 0; j < k; j++) grad[j] = (grad[j] as number) + (p * (f[j] as number)) / usable.length;
      });
    }
    for (let j = 0; j < k; j++) w[j] = (w[j] as number) - LEARNING_RATE * (grad[j] as number);
  }
  return w.map((v) => Math.round(v * 1000) / 1000);
}

function accuracy(pages: readonly Page[], w: readonly number[]): number {
  let right = 0;
  for (const page of pages) {
    let best = -1;
    let bestScore = -Infinity;
    page.features.forEach((f, c) => {
      const s = headlineScore(f, w);
      if (s > bestScore) [best, bestScore] = [c, s];
    });
    if (best === page.gold && best >= 0) right++;
  }
  return right / pages.length;
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx scripts/train-headline.ts <dataset-dir> [--write]');
    process.exit(2);
  }
  const pages = load(dir);
  const reachable = pages.filter((p) => p.gold >= 0).length;
  let cvRight = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const test = pages.filter((_, i) => i % FOLDS === fold);
    const w = train(pages.filter((_, i) => i % FOLDS !== fold));
    cvRight += accuracy(test, w) * test.length;
  }
  const weights = train(pages);
  console.log(`pages: ${pages.length}; gold headline among the candidates: ${reachable}`);
  console.log(`candidate choice, ${FOLDS}-fold cross-validation: ${((100 * cvRight) / pages.length).toFixed(1)} %`);
  console.log(`candidate choice, on the training pages:   ${(100 * accuracy(pages, weights)).toFixed(1)} %`);
  for (const [j, name] of HEADLINE_FEATURES.entries()) console.log(`  ${name.padEnd(12)} ${weights[j]}`);
  if (process.argv.includes('--write')) {
    const file = path.join(import.meta.dirname, '../src/extract/model/headline-weights.ts');
    const body = HEADLINE_FEATURES.map((name, j) => `  ${weights[j]}, // ${name}`).join('\n');
    writeFileSync(
      file,
      `/** Written by \`tsx scripts/train-headline.ts <dataset-dir> --write\`; do not edit by hand. One weight per feature of headline-features.ts. */\nexport const HEADLINE_WEIGHTS: readonly number[] = [\n${body}\n];\n`,
    );
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

main();
